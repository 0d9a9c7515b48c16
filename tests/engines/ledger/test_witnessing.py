"""A party with its kept checkpoints and the served answer detects deletion, fork,
rollback and freeze, and checks its witnesses' cosignatures."""

import datetime as dt

import pytest

from homecoming.engines.ledger import (
    Checkpoint,
    Frontier,
    KeyRing,
    check_view,
    consistency_proof,
    cosign_checkpoint,
    parse_duration,
    sign_checkpoint,
    verify_checkpoint,
)

from .ledgers import MEDIATOR_KEY, ORIGIN, PARTY_KEY, honest_records, trusted

NOW = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC)
RING = KeyRing.of([trusted(MEDIATOR_KEY, "icrc"), trusted(PARTY_KEY, "ua")])
LEAVES = [r.leaf_hash() for r in honest_records(40)]


def root(leaves, size):
    frontier = Frontier()
    for leaf in leaves[:size]:
        frontier = frontier.append(leaf)
    return frontier.root().hex()


def seen(size, *, age, leaves=LEAVES, cosigned_by=None):
    signed = sign_checkpoint(
        Checkpoint(ORIGIN, size, root(leaves, size)), MEDIATOR_KEY, moment=NOW - age
    )
    if cosigned_by is not None:
        signed = cosign_checkpoint(
            signed, PARTY_KEY, name="ua", moment=NOW - cosigned_by
        )
    return verify_checkpoint(signed, RING, operator="icrc")


def check(kept, served, *, leaves=LEAVES, old_size=None, **options):
    old_size = max(k.checkpoint.size for k in kept) if old_size is None else old_size
    proof = (
        consistency_proof(leaves[: served.checkpoint.size], old_size)
        if old_size <= served.checkpoint.size
        else []
    )
    return check_view(kept, served, old_size=old_size, proof=proof, now=NOW, **options)


def test_a_log_that_only_grew_passes_and_reports_the_served_age():
    kept = [seen(10, age=dt.timedelta(days=2)), seen(20, age=dt.timedelta(days=1))]
    report = check(
        kept, seen(30, age=dt.timedelta(hours=1)), max_age=dt.timedelta(hours=2)
    )
    assert report.ok, report.problems
    assert report.age == dt.timedelta(hours=1)


def test_a_deletion_shows_as_a_served_log_smaller_than_a_kept_one():
    report = check(
        [seen(30, age=dt.timedelta(days=1))], seen(25, age=dt.timedelta(hours=1))
    )
    assert any(p.startswith("deletion or rollback") for p in report.problems)


def test_a_fork_shows_as_a_proof_that_does_not_tie_the_kept_checkpoint():
    other = [*LEAVES[:12], *(bytes([i]) * 32 for i in range(28))]
    kept = [seen(20, age=dt.timedelta(days=1))]
    report = check(
        kept, seen(30, age=dt.timedelta(hours=1), leaves=other), leaves=other
    )
    assert any(p.startswith("fork: the proof does not tie") for p in report.problems)


def test_two_kept_checkpoints_of_one_size_with_different_roots_are_a_fork():
    other = [*LEAVES[:5], *(bytes([i]) * 32 for i in range(35))]
    kept = [
        seen(20, age=dt.timedelta(days=2)),
        seen(20, age=dt.timedelta(days=1), leaves=other),
    ]
    report = check(kept, seen(30, age=dt.timedelta(hours=1)))
    assert any("two kept checkpoints of size 20" in p for p in report.problems)


def test_a_rollback_shows_as_an_old_checkpoint_served_as_new():
    kept = [seen(20, age=dt.timedelta(hours=1))]
    replayed = seen(20, age=dt.timedelta(days=3))
    report = check(kept, replayed)
    assert any("an old checkpoint replayed as new" in p for p in report.problems)
    later_smaller = [
        seen(30, age=dt.timedelta(days=2)),
        seen(20, age=dt.timedelta(days=1)),
    ]
    assert any(
        p.startswith("rollback: the kept checkpoint of size 20")
        for p in check(later_smaller, seen(30, age=dt.timedelta(hours=1))).problems
    )


def test_a_frozen_server_fails_past_the_age_the_party_allows():
    kept = [seen(20, age=dt.timedelta(days=3))]
    served = seen(20, age=dt.timedelta(days=3))
    assert check(kept, served).ok  # without a limit, an old head is not a failure
    report = check(kept, served, max_age=dt.timedelta(days=1))
    assert report.problems == (
        "freeze: the newest checkpoint was signed 3 d ago, more than the 1 d you"
        " allow (the server may be frozen)",
    )


def test_a_required_witness_must_have_cosigned_recently():
    kept = [seen(20, age=dt.timedelta(days=1))]
    limit = dt.timedelta(hours=6)
    fresh = seen(30, age=dt.timedelta(hours=1), cosigned_by=dt.timedelta(minutes=50))
    assert check(kept, fresh, max_age=limit, witnesses=["ua"]).ok
    stale = seen(30, age=dt.timedelta(hours=1), cosigned_by=dt.timedelta(hours=9))
    assert (
        "ua's newest cosignature is 9 h old"
        in check(kept, stale, max_age=limit, witnesses=["ua"]).problems[0]
    )
    bare = seen(30, age=dt.timedelta(hours=1))
    assert check(kept, bare, witnesses=["ua"]).problems == (
        "the served checkpoint has no cosignature by ua",
    )


def test_a_proof_from_an_older_kept_size_is_not_enough():
    kept = [seen(10, age=dt.timedelta(days=2)), seen(20, age=dt.timedelta(days=1))]
    report = check(kept, seen(30, age=dt.timedelta(hours=1)), old_size=10)
    assert "not at your newest kept size 20" in report.problems[0]


@pytest.mark.parametrize(
    ("text", "seconds"), [("90s", 90), ("30m", 1800), ("12h", 43200), ("7d", 604800)]
)
def test_durations_are_a_number_and_a_unit(text, seconds):
    assert parse_duration(text) == dt.timedelta(seconds=seconds)


@pytest.mark.parametrize("text", ["", "h", "1.5h", "-1d", "3w", "9" * 12 + "d"])
def test_other_durations_are_refused(text):
    with pytest.raises(ValueError, match="not a duration"):
        parse_duration(text)
