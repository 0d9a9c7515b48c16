"""Generating a whole scenario: who each party holds, whom each seeks, and the truth.

For each party P and the other party Q:

- ``held[P]`` has ``persons_per_side[P]`` persons of Q's nationality, written by P's
  clerks (``clerks.HELD_STYLES``) with custody histories;
- ``sought[Q]`` has ``known_share`` of those (Q knows most of its people held), written
  by Q's clerks in Q's language, plus persons P does not hold, so that ``found_share``
  of the sought list is held; of the persons not held, 10% are namesakes of a held
  person and 5% brothers of one (the hard negatives), the rest simply missing.

Rows are shuffled and numbered per list (``RU-H-000001``, ``UA-S-000001``), so the
order of one list tells nothing about the other.
"""

from __future__ import annotations

import gc
import random
from collections.abc import Mapping

from homecoming.synth.clerks import Clerk
from homecoming.synth.events import custody_history
from homecoming.synth.identities import Identity, IdentityMaker
from homecoming.synth.model import Scenario, SynthParty, SynthPerson

__all__ = ["PARTIES", "generate_scenario"]

PARTIES: tuple[SynthParty, ...] = (
    SynthParty(
        "ua",
        "Ukraine",
        "Україна",
        "Украина",
        "uk",
    ),
    SynthParty(
        "ru",
        "Russian Federation",
        "Російська Федерація",
        "Российская Федерация",
        "ru",
    ),
    SynthParty(
        "mediator",
        "Neutral Mediator",
        "Нейтральний посередник",
        "Нейтральный посредник",
        "en",
        kind="mediator",
    ),
)
_OTHER = {"ua": "ru", "ru": "ua"}
NAMESAKE_SHARE = 0.10
BROTHER_SHARE = 0.05


def generate_scenario(
    seed: int = 7,
    persons_per_side: int | Mapping[str, int] = 3000,
    *,
    known_share: float = 0.9,
    found_share: float = 0.7,
) -> Scenario:
    """A seeded scenario; the same arguments always give the same scenario.

    ``persons_per_side`` is how many persons each party holds, or a mapping
    ``{"ua": n, "ru": m}`` for asymmetric stocks. ``known_share`` of the persons a party
    holds are on the other party's sought list, and they make up ``found_share`` of it.
    """
    if not 0 < found_share <= 1 or not 0 <= known_share <= 1:
        raise ValueError("known_share must be in [0, 1] and found_share in (0, 1]")
    sizes = (
        dict.fromkeys(("ua", "ru"), persons_per_side)
        if isinstance(persons_per_side, int)
        else {code: int(persons_per_side.get(code, 0)) for code in ("ua", "ru")}
    )
    if any(size < 0 for size in sizes.values()):
        raise ValueError("persons_per_side must not be negative")
    # The generator makes hundreds of thousands of small acyclic objects; the cyclic
    # garbage collector would rescan them again and again (half the run time at 100k).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _generate(seed, sizes, known_share, found_share)
    finally:
        if collecting:
            gc.enable()


def _generate(
    seed: int, sizes: Mapping[str, int], known_share: float, found_share: float
) -> Scenario:
    rng = random.Random(seed)  # noqa: S311 - a seeded demo, not a secret
    maker = IdentityMaker(rng)
    held: dict[str, tuple[SynthPerson, ...]] = {}
    sought: dict[str, tuple[SynthPerson, ...]] = {}
    truth: dict[tuple[str, str], tuple[str, str]] = {}
    hard_negatives: dict[tuple[str, str], tuple[str, str, str]] = {}
    for holder in ("ru", "ua"):
        seeker = _OTHER[holder]
        captives = [maker.person(seeker) for _ in range(sizes[holder])]
        held_rows = _write(holder, "held", captives, rng, events_by=holder)
        held[holder] = held_rows
        held_id = {row.identity: row.record_id for row in held_rows}

        known = rng.sample(captives, round(known_share * len(captives)))
        unknown_count = round(len(known) * (1 - found_share) / found_share)
        look_alikes: dict[int, tuple[str, int]] = {}
        missing: list[Identity] = []
        for _ in range(unknown_count):
            roll = rng.random()
            if captives and roll < NAMESAKE_SHARE + BROTHER_SHARE:
                model = rng.choice(captives)
                kind = "namesake" if roll < NAMESAKE_SHARE else "brother"
                person = (
                    maker.namesake(model)
                    if kind == "namesake"
                    else maker.brother(model)
                )
                look_alikes[person.number] = (kind, model.number)
            else:
                person = maker.person(seeker)
            missing.append(person)
        sought_rows = _write(seeker, "sought", [*known, *missing], rng, events_by=None)
        sought[seeker] = sought_rows
        for row in sought_rows:
            if row.identity in held_id:
                truth[(seeker, row.record_id)] = (holder, held_id[row.identity])
            elif row.identity in look_alikes:
                kind, model_number = look_alikes[row.identity]
                hard_negatives[(seeker, row.record_id)] = (
                    kind,
                    holder,
                    held_id[model_number],
                )
    return Scenario(
        seed=seed,
        parties=PARTIES,
        held={code: held[code] for code in ("ua", "ru")},
        sought={code: sought[code] for code in ("ua", "ru")},
        truth=truth,
        hard_negatives=hard_negatives,
    )


def _write(
    party: str,
    kind: str,
    identities: list[Identity],
    rng: random.Random,
    *,
    events_by: str | None,
) -> tuple[SynthPerson, ...]:
    """The list ``party`` writes of ``identities``, shuffled and numbered."""
    clerk = Clerk(party=party, kind=kind, rng=rng)
    order = list(identities)
    rng.shuffle(order)
    prefix = f"{party.upper()}-{'H' if kind == 'held' else 'S'}-"
    rows = []
    for number, identity in enumerate(order, start=1):
        events = () if events_by is None else custody_history(identity, events_by, rng)
        rows.append(clerk.write(identity, f"{prefix}{number:06d}", events))
    return tuple(rows)
