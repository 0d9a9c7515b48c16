"""Seeded synthetic rosters for planning benchmarks (no real persons, no names).

``generate_roster(held_by_a=10_000, held_by_b=10_000, seed=1)`` gives two held lists
with the mix seen in practice: mostly military, some civilians; ranks from private to
general; a few per cent seriously wounded or sick; ages 18-60; up to four years in
captivity; each receiving party's own priority (0-10); and the gates (identity, consent,
retention under Art. 119, alive) failing for a few per cent.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from homecoming.engines.planning import Person, Roster

RANKS = (
    ("private", 0.55),
    ("nco", 0.22),
    ("lieutenant", 0.10),
    ("captain", 0.06),
    ("major", 0.035),
    ("lieutenant colonel", 0.02),
    ("colonel", 0.012),
    ("brigadier general", 0.002),
    ("major general", 0.001),
)
HEALTH = (
    ("healthy", 0.93),
    ("wounded", 0.03),
    ("seriously wounded", 0.025),
    ("seriously sick", 0.015),
)


def _pick(rng: random.Random, table: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([name for name, _ in table], weights=[w for _, w in table])[0]


def generate_side(count: int, prefix: str, rng: random.Random) -> tuple[Person, ...]:
    persons = []
    for i in range(count):
        civilian = rng.random() < 0.15
        persons.append(
            Person(
                record_id=f"{prefix}-{i:06d}",
                category="civilian" if civilian else "military",
                rank="" if civilian else _pick(rng, RANKS),
                health=_pick(rng, HEALTH),
                priority=float(rng.randint(0, 10)),
                age_years=float(rng.randint(18, 60)),
                captivity_years=round(rng.uniform(0, 4), 2),
                identity_verified=rng.random() > 0.04,
                consent=rng.random() > 0.03,
                medical_fit=True,
                retained=rng.random() < 0.02,
                alive=rng.random() > 0.005,
            )
        )
    return tuple(persons)


def generate_roster(held_by_a: int, held_by_b: int, seed: int = 1) -> Roster:
    """Two held lists of the given sizes; the same seed gives the same lists."""
    rng = random.Random(seed)
    return Roster(
        generate_side(held_by_a, "A", rng), generate_side(held_by_b, "B", rng)
    )


def write_csv(persons: tuple[Person, ...], path: Path) -> None:
    """A held list in the import format, with the planning columns."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "record_id",
                "category",
                "rank",
                "health",
                "priority",
                "age",
                "captivity_years",
                "identity_verified",
                "consent",
                "medical_fit",
                "retained",
                "alive",
            ]
        )
        for p in persons:
            writer.writerow(
                [
                    p.record_id,
                    p.category,
                    p.rank,
                    p.health,
                    p.priority,
                    p.age_years,
                    p.captivity_years,
                    p.identity_verified,
                    p.consent,
                    p.medical_fit,
                    p.retained,
                    p.alive,
                ]
            )
