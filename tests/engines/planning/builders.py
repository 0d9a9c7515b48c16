"""Small hand-made rosters and agreements for the planning tests (generated, no names)."""

from __future__ import annotations

from typing import Any

from homecoming.engines.planning import Agreement, Bounds, Person, Stage


def person(record_id: str, **fields: Any) -> Person:
    """A person who passes every gate unless told otherwise."""
    gates: dict[str, Any] = {
        "identity_verified": True,
        "consent": True,
        "medical_fit": True,
        "retained": False,
        "alive": True,
    }
    gates.update(fields)
    return Person(record_id=record_id, **gates)


def ranked(prefix: str, priorities: list[float], **fields: Any) -> tuple[Person, ...]:
    """Persons ``<prefix>1``, ``<prefix>2``, ... with the given priorities."""
    return tuple(
        person(f"{prefix}{i}", priority=p, **fields)
        for i, p in enumerate(priorities, 1)
    )


def agreement(**fields: Any) -> Agreement:
    """One stage without capacity, count balance, unless told otherwise."""
    fields.setdefault("stages", (Stage("1"),))
    fields.setdefault("title", "test")
    return Agreement(**fields)


def cap(n: int | None = None, low: int | None = None) -> tuple[Bounds, Bounds]:
    """The same caps on both sides: at most ``n`` (and at least ``low``)."""
    return (Bounds(low, n), Bounds(low, n))
