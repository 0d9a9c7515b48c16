"""Properties of the version diff: it accounts for every record exactly once."""

from hypothesis import given
from hypothesis import strategies as st

from homecoming.apps.registry.selectors import raw_rows_diff

record_ids = st.text(alphabet="ABC123", min_size=1, max_size=3)
rows = st.dictionaries(
    record_ids,
    st.dictionaries(st.sampled_from(["surname", "rank", "unit"]), st.text(max_size=3)),
    max_size=8,
)


def _filled(row: dict) -> dict:
    return {k: v for k, v in row.items() if v != ""}


@given(previous=rows, current=rows)
def test_every_record_is_added_removed_changed_or_unchanged_once(
    previous: dict, current: dict
) -> None:
    added, removed, changed = raw_rows_diff(previous, current)
    changed_ids = [rid for rid, _ in changed]
    assert set(added) == current.keys() - previous.keys()
    assert set(removed) == previous.keys() - current.keys()
    unchanged = {
        rid for rid in current.keys() & previous.keys() if rid not in changed_ids
    }
    # a field missing on one side counts as empty
    assert all(_filled(previous[rid]) == _filled(current[rid]) for rid in unchanged)
    assert len(changed_ids) == len(set(changed_ids))


@given(previous=rows, current=rows)
def test_applying_the_changes_to_the_previous_row_gives_the_current_one(
    previous: dict, current: dict
) -> None:
    _, _, changed = raw_rows_diff(previous, current)
    for rid, fields in changed:
        rebuilt = dict(previous[rid])
        for name, (_, new) in fields.items():
            rebuilt[name] = new
        expected = {k: current[rid].get(k, "") for k in rebuilt}
        assert rebuilt == expected
