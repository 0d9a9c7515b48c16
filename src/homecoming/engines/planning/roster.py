"""The persons each side holds, as the planning engine sees them.

A :class:`Person` carries what the rules and priorities need, nothing more (no names:
plans and logs speak in record ids). Gates are ``True`` (confirmed), ``False`` (refused,
retained, dead...) or ``None`` (not recorded); a required gate passes only when ``True``
(``not_retained`` passes when ``retained`` is ``False``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from homecoming.engines.planning.ages import BirthDate
from homecoming.engines.planning.errors import RosterError

__all__ = ["Person", "Roster", "Side", "other_side"]

Side = Literal["a", "b"]


def other_side(side: Side) -> Side:
    """The other party's side."""
    return "b" if side == "a" else "a"


@dataclass(frozen=True)
class Person:
    """One person on a held list, with the fields the agreement's rules read.

    The age is counted from ``birth_date`` to the agreement's reference date by
    :func:`homecoming.engines.planning.ages.age_on`; ``age_years`` is read (as completed
    years) only when there is no birth date.
    """

    record_id: str
    category: str = "military"
    rank: str = ""
    health: str = ""
    priority: float = 0.0
    birth_date: BirthDate | dt.date | None = None
    age_years: float | None = (
        None  # stated age (an ``age`` column), without a birth date
    )
    captivity_years: float | None = None
    identity_verified: bool | None = None
    consent: bool | None = None
    medical_fit: bool | None = None
    retained: bool | None = None
    alive: bool | None = None

    def gate_passes(self, gate: str) -> bool:
        """Whether the named eligibility gate is confirmed for this person."""
        if gate == "not_retained":
            return self.retained is False
        value: bool | None = getattr(self, gate)
        return value is True


@dataclass(frozen=True)
class Roster:
    """Both held lists: ``held_by_a`` are released by a (they go home to b)."""

    held_by_a: tuple[Person, ...]
    held_by_b: tuple[Person, ...]

    def __post_init__(self) -> None:
        for side, persons in (("a", self.held_by_a), ("b", self.held_by_b)):
            seen: set[str] = set()
            for person in persons:
                if person.record_id in seen:
                    raise RosterError(
                        f"list held by {side}: record id {person.record_id!r} twice"
                    )
                seen.add(person.record_id)
                if person.priority < 0:
                    raise RosterError(
                        f"list held by {side}: record {person.record_id!r}: "
                        "priority must not be negative"
                    )

    def held_by(self, side: Side) -> tuple[Person, ...]:
        """The list held (and released) by ``side``."""
        return self.held_by_a if side == "a" else self.held_by_b
