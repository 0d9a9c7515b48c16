"""End to end on generated cross-script lists with known truth."""

import datetime as dt

from homecoming.engines.linkage import (
    Band,
    PartialDate,
    Thresholds,
    dedupe_list,
    link_lists,
    link_record,
)
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


def test_capture_dates_weeks_apart_raise_the_score_of_true_pairs(generated_lists):
    # given the generated lists, and the same lists with the held side's capture
    # dates and places left out
    sought, held, truth = generated_lists
    bare = [r._replace(capture_date=None, capture_place="") for r in held]
    with_capture = link_lists(sought, held, threads=1)
    without = link_lists(sought, bare, threads=1)
    scores = {(k.left_id, k.right_id): k.score for k in without.links}
    by_id = {r.record_id: r for r in sought + held}
    raised = lowered = 0
    for link in with_capture.links:
        key = (link.left_id, link.right_id)
        a, b = by_id[link.left_id].capture_date, by_id[link.right_id].capture_date
        if key not in truth or key not in scores or a is None or b is None:
            continue
        if a.day is None or b.day is None:
            continue
        apart = abs(dt.date(b.year, b.month, b.day) - dt.date(a.year, a.month, a.day))
        if dt.timedelta(days=7) < apart <= dt.timedelta(days=31):
            # then a true pair captured one to four weeks apart scores higher
            raised += link.score > scores[key]
            lowered += link.score <= scores[key]
    assert raised >= 20
    assert lowered <= raised // 20


def test_namesakes_captured_far_apart_are_not_a_match(generated_lists):
    # given two men with one name and patronymic, no birth date on one side, one
    # captured in Mariupol in 2022, the other in Bakhmut in 2024, among the
    # generated lists
    sought, held, _ = generated_lists
    left = [
        link_record("S1", surname="Мельник", given_name="Іван", patronymic="Петрович",
                    birth_date=PartialDate(1980, 3, 4),
                    capture_date=PartialDate(2022, 5, 17), capture_place="м. Маріуполь"),
        *sought,
    ]  # fmt: skip
    right = [
        link_record("H1", surname="Мельник", given_name="Иван", patronymic="Петрович",
                    capture_date=PartialDate(2024, 1, 9), capture_place="Бахмут"),
        *held,
    ]  # fmt: skip
    result = link_lists(left, right, threads=1)
    decisions = {(k.left_id, k.right_id): k.decision for k in result.links}
    # then they are at most a possible link, never a match
    assert decisions.get(("S1", "H1")) != Band.MATCH
