"""The agreement applied to the rosters: who may go, who must, what each person is worth.

:func:`build_problem` reads every person once and decides, before any optimisation:
eligibility (which gates fail), refusals, insisted names, mandatory groups, whether the
person counts against the balance, the person's value on the balance (1, or the scale
value of the rank) and the score the *receiving* party gives the person. It also finds
the conflicts visible without a solver (a party insists on a name the other refuses, or
on a person who fails a gate).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from homecoming.engines.planning.ages import age_on
from homecoming.engines.planning.agreement import (
    Agreement,
    MandatoryGroup,
    PartyRules,
    fold_key,
)
from homecoming.engines.planning.roster import Person, Roster, Side, other_side
from homecoming.engines.planning.rules import Conflict, Rule, rule_text

__all__ = ["Candidate", "Problem", "build_problem"]

SIDES: tuple[Side, Side] = ("a", "b")


@dataclass(frozen=True)
class Candidate:
    """One person on one side, with everything the model and the reasons need."""

    side: Side
    person: Person
    category: str
    failed_gates: tuple[str, ...]
    refused: bool
    insisted: bool
    mandatory_group: int | None
    counted: bool
    value: float  # balance measure: the rank's scale value in "scale" mode, else 1.0
    score: float
    unscaled_rank: bool
    age: int | None = None  # completed years on the reference date (ages.age_on)

    @property
    def record_id(self) -> str:
        return self.person.record_id

    @property
    def free(self) -> bool:
        """May be in the plan at all (eligible and not refused)."""
        return not self.failed_gates and not self.refused

    @property
    def forced(self) -> bool:
        """Must be in the plan (mandatory or insisted on) when free."""
        return self.free and (self.insisted or self.mandatory_group is not None)


@dataclass(frozen=True)
class Problem:
    """The agreement and the candidates of both sides, ready to model."""

    agreement: Agreement
    candidates: Mapping[Side, tuple[Candidate, ...]]
    conflicts: tuple[Conflict, ...]
    warnings: tuple[str, ...]
    reference: dt.date | None = None  # the day ages are counted to

    def party(self, side: Side) -> PartyRules:
        return self.agreement.parties[0 if side == "a" else 1]


def _in_group(
    group: MandatoryGroup, person: Person, category: str, age: int | None
) -> bool:
    if group.health and fold_key(person.health) not in group.health:
        return False
    if group.categories and category not in group.categories:
        return False
    if group.age_min is not None or group.age_max is not None:
        if age is None:
            return False  # an unknown age is in no age-bounded group (warned)
        if group.age_min is not None and age < group.age_min:
            return False
        if group.age_max is not None and age > group.age_max:
            return (
                False  # completed years: "aged 18 to 25" holds until the 26th birthday
            )
    return True


def _score(rules: PartyRules, person: Person, age: int | None) -> float:
    weights = rules.weights
    score = weights.base + weights.priority * person.priority
    score += weights.captivity_years * (person.captivity_years or 0.0)
    score += weights.age_years * (age or 0)
    score += rules.health_bonus.get(fold_key(person.health), 0.0)
    return max(score, 0.0)


def build_problem(agreement: Agreement, roster: Roster) -> Problem:
    """Apply the agreement's per-person rules to both held lists."""
    balance = agreement.balance
    conflicts: list[Conflict] = []
    warnings: list[str] = []
    candidates: dict[Side, tuple[Candidate, ...]] = {}
    reference = agreement.reference_day()
    ages_matter = any(
        g.age_min is not None or g.age_max is not None for g in agreement.mandatory
    ) or any(party.weights.age_years for party in agreement.parties)
    for side in SIDES:
        releasing = agreement.parties[0 if side == "a" else 1]
        receiving_side = other_side(side)
        receiving = agreement.parties[0 if receiving_side == "a" else 1]
        persons = roster.held_by(side)
        ids = {person.record_id for person in persons}
        for record_id in receiving.insists_on:
            if record_id not in ids:
                conflicts.append(
                    Conflict(
                        rules=(Rule(f"parties.{receiving_side}.insists_on"),),
                        detail=f"record {record_id} is not on the list held by {side}",
                        proven=True,
                    )
                )
        for record_id in releasing.refuses:
            if record_id not in ids:
                warnings.append(
                    f"party {side} refuses record {record_id}, "
                    f"which is not on the list held by {side}"
                )
        refused = set(releasing.refuses)
        insisted = set(receiving.insists_on)
        unscaled = 0
        unknown_age = 0
        side_candidates: list[Candidate] = []
        for person in persons:
            category = fold_key(person.category) or "military"
            age = age_on(person.birth_date, reference, stated=person.age_years)
            unknown_age += age is None
            failed = tuple(
                gate
                for gate in sorted(agreement.eligibility)
                if not person.gate_passes(gate)
            )
            group = next(
                (
                    index
                    for index, g in enumerate(agreement.mandatory)
                    if _in_group(g, person, category, age)
                ),
                None,
            )
            counted = group is None or agreement.mandatory[group].counted
            value, scaled = 1.0, True
            if balance.mode == "scale":
                rank = fold_key(person.rank)
                rank = balance.rank_aliases.get(rank, rank)
                if rank in balance.scale:
                    value = balance.scale[rank]
                else:
                    value, scaled = balance.default_value, False
                    unscaled += counted
            candidate = Candidate(
                side=side,
                person=person,
                category=category,
                failed_gates=failed,
                refused=person.record_id in refused,
                insisted=person.record_id in insisted,
                mandatory_group=group,
                counted=counted,
                value=value,
                score=_score(receiving, person, age),
                unscaled_rank=not scaled,
                age=age,
            )
            side_candidates.append(candidate)
            conflicts.extend(_person_conflicts(candidate, agreement))
        if unscaled:
            warnings.append(
                f"{unscaled} counted persons held by {side} have a rank not on the "
                f"scale and are valued {balance.default_value:g}"
            )
        if unknown_age and ages_matter:
            warnings.append(
                f"{unknown_age} persons held by {side} have no known age on "
                f"{reference.isoformat()}: they are in no age-bounded group and their "
                "age adds nothing to a score"
            )
        candidates[side] = tuple(side_candidates)
    return Problem(
        agreement=agreement,
        candidates=candidates,
        conflicts=tuple(conflicts),
        warnings=tuple(warnings),
        reference=reference,
    )


def _person_conflicts(candidate: Candidate, agreement: Agreement) -> list[Conflict]:
    side = candidate.side
    receiving = other_side(side)
    record = f"record {candidate.record_id} held by {side}"
    found: list[Conflict] = []
    if candidate.insisted and candidate.refused:
        found.append(
            Conflict(
                rules=(
                    Rule(f"parties.{receiving}.insists_on"),
                    Rule(f"parties.{side}.refuses"),
                ),
                detail=f"{record} is insisted on by {receiving} and refused by {side}",
                proven=True,
            )
        )
    for gate in candidate.failed_gates if candidate.insisted else ():
        # one conflict per failed gate: each pair is minimal on its own
        found.append(
            Conflict(
                rules=(
                    Rule(f"parties.{receiving}.insists_on"),
                    Rule(f"eligibility.{gate}"),
                ),
                detail=f"{record} is insisted on by {receiving} but fails "
                + rule_text(f"eligibility.{gate}", agreement),
                proven=True,
            )
        )
    if (
        candidate.mandatory_group is not None
        and candidate.refused
        and not candidate.failed_gates
    ):
        found.append(
            Conflict(
                rules=(
                    Rule(f"mandatory.{candidate.mandatory_group}"),
                    Rule(f"parties.{side}.refuses"),
                ),
                detail=f"{record} is in a mandatory group and refused by {side}",
                proven=True,
            )
        )
    return found
