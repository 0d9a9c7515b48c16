"""End to end on generated cross-script lists with known truth."""

from homecoming.engines.linkage import Band, Thresholds, dedupe_list, link_lists
from homecoming.engines.linkage.records import LinkRecord

from .conftest import records_of


def test_match_links_are_precise_and_find_most_true_pairs(linked):
    result, truth = linked
    matches = {
        (k.left_id, k.right_id) for k in result.links if k.decision == Band.MATCH
    }
    precision = len(matches & truth) / len(matches)
    recall = len(matches & truth) / len(truth)
    assert precision >= 0.99
    assert recall >= 0.9


def test_possible_links_bring_recall_close_to_all(linked):
    result, truth = linked
    every = {(k.left_id, k.right_id) for k in result.links}
    assert len(every & truth) / len(truth) >= 0.97


def test_no_record_is_linked_twice(linked):
    result, _ = linked
    lefts = [k.left_id for k in result.links]
    rights = [k.right_id for k in result.links]
    assert len(lefts) == len(set(lefts))
    assert len(rights) == len(set(rights))


def test_bands_follow_the_thresholds(linked):
    result, _ = linked
    thresholds = Thresholds()
    for link in result.links:
        assert link.score >= thresholds.possible - 0.01
        if link.decision == Band.MATCH:
            assert link.score >= thresholds.match - 0.01
            assert link.rival_score is None or (
                link.score - link.rival_score >= thresholds.margin - 0.01
            )


def test_every_link_has_a_reason_with_weights_that_add_up(linked):
    result, _ = linked
    for link in result.links[:50]:
        assert link.reason
        assert "(+" in link.reason or "(-" in link.reason
        assert any(e.relation is not None for e in link.evidence)


def test_a_close_namesake_makes_a_link_possible_not_match():
    # two held namesakes with the same name and no distinguishing particulars
    sought = [
        LinkRecord(
            "S1",
            surname="Мельник",
            given_name="Іван",
            patronymic="Петрович",
            surname_keys=("melnyk",),
            given_ids=("ivan",),
            patronymic_ids=("petr",),
        )
    ]
    held = [
        LinkRecord(f"H{i}", surname="Мельник", given_name="Иван", patronymic="Петрович",
                   surname_keys=("melnyk",), given_ids=("ivan",), patronymic_ids=("petr",))
        for i in range(2)
    ] + [
        LinkRecord(f"X{i}", surname=f"Other{i}", surname_keys=(f"other{i}",),
                   given_ids=("petr",), patronymic_ids=("ivan",))
        for i in range(30)
    ]  # fmt: skip
    result = link_lists(sought, held, thresholds=Thresholds(match=-50, possible=-60))
    (link,) = result.links
    assert link.decision == Band.POSSIBLE
    assert link.rival_id in {"H0", "H1"}
    assert "another candidate" in link.reason


def test_dedupe_finds_a_person_entered_twice_in_one_list(generated_lists):
    sought, held, truth = generated_lists
    # one list holding both spellings of 60 persons, and 200 others
    by_id = {r.record_id: r for r in held}
    pairs = sorted(truth)[:60]
    one_list = list(sought[:260]) + [by_id[h] for _, h in pairs]
    wanted = {
        frozenset(p) for p in pairs if p[0] in {r.record_id for r in sought[:260]}
    }
    result = dedupe_list(one_list, threads=1)
    found = {frozenset((k.left_id, k.right_id)) for k in result.links}
    matches = {
        frozenset((k.left_id, k.right_id))
        for k in result.links
        if k.decision == Band.MATCH
    }
    assert len(found & wanted) / len(wanted) >= 0.9
    assert len(matches - wanted) <= max(2, len(matches) // 50)


def test_records_of_generated_rows_keep_their_ids(generated_lists):
    sought, _, _ = generated_lists
    assert all(r.record_id.startswith("S") for r in sought)
    assert records_of([]) == []
