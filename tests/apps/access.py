"""What the access-matrix test (tests/apps/test_scoping.py) knows about each app's objects.

Every URL parameter of the site must be registered here by the app that owns it, from
the app's own ``tests/apps/<app>/access.py``::

    register(
        make=_registry_objects,                  # (side) -> {"person_id": 7, ...}
        parameters={"person_id": PARTY_SCOPED, "list_id": PARTY_SCOPED},
    )
    register_value("format", "csv")              # a parameter that names no object

``make`` creates one side's objects (party A's, then party B's), putting each party's
canary strings where a leak would show them; ``parameters`` says, for each parameter
``make`` fills, which roles may see which side's object. The matrix fails on a URL
parameter nobody registered, so a new app cannot go unchecked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from homecoming.apps.accounts.models import Organisation


@dataclass(frozen=True)
class Side:
    """One party's part of the cast: its organisation, members and canary strings."""

    code: str  # "a" or "b"
    owner: Organisation
    officer: Any
    admin: Any
    canaries: tuple[str, str, str]  # surname, given name, list title


#: (role, side) -> may the role see that side's object?
Visibility = Callable[[str, str], bool]

_PARTY_SIDES = {
    "anonymous": set(),
    "a_officer": {"a"},
    "a_admin": {"a"},
    "b_officer": {"b"},
    "mediator_officer": {"a", "b"},
    "mediator_admin": {"a", "b"},
    "observer": set(),
}


def PARTY_SCOPED(role: str, side: str) -> bool:
    """A party's own data: its members and the mediator see it (DESIGN.md section 4)."""
    return side in _PARTY_SIDES[role]


def MEMBERS(role: str, side: str) -> bool:
    """Public within the system (checkpoints, keys): every member sees it."""
    return role != "anonymous"


MAKERS: list[Callable[[Side], Mapping[str, Any]]] = []
VISIBILITY: dict[str, Visibility] = {}
VALUES: dict[str, Any] = {}


def register(
    *, make: Callable[[Side], Mapping[str, Any]], parameters: Mapping[str, Visibility]
) -> None:
    MAKERS.append(make)
    VISIBILITY.update(parameters)


def register_value(parameter: str, value: Any) -> None:
    """A URL parameter that names no object (a file format): filled with ``value``."""
    VALUES[parameter] = value
