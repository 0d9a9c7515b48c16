"""Names for the agreement's rules, so that reasons and conflicts can point at them.

Every constraint of the model carries a rule key; the key is also the place in the
agreement file where the rule is written::

    caps.a                      bounds on counted persons released by a
    balance                     the overall balance (count or scale) within tolerance
    balance.stage.<id>          the balance within one stage (per_stage = true)
    balance.category.<c>        category c balanced among itself
    stages.<id>.capacity        persons each side hands over in that stage
    stages.<id>.quotas.<c>      persons of category c each side hands over in that stage
    mandatory.<n>               the n-th mandatory group (0-based)
    parties.<p>.insists_on      names party p insists on
    parties.<p>.refuses         names party p refuses to release
    eligibility.<gate>          a required gate
"""

from __future__ import annotations

from dataclasses import dataclass

from homecoming.engines.planning.agreement import Agreement

__all__ = ["Conflict", "Rule", "rule_text"]


@dataclass(frozen=True, order=True)
class Rule:
    """A rule of the agreement, by its key (see the module docstring)."""

    key: str


@dataclass(frozen=True)
class Conflict:
    """A set of rules that cannot all hold, with a one-line account.

    ``proven``: the engine checked that these rules alone admit no plan and that
    without any one of them the rest do (the set is minimal).
    """

    rules: tuple[Rule, ...]
    detail: str = ""
    proven: bool = False


_GATE_TEXT = {
    "identity_verified": "identity verified",
    "consent": "consent to repatriation given",
    "medical_fit": "medically fit to travel",
    "not_retained": "not retained for prosecution (GC III Art. 119)",
    "alive": "alive",
}


def _bounds_text(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"exactly {low}" if low == high else f"{low} to {high}"
    if low is not None:
        return f"at least {low}"
    return f"at most {high}"


def rule_text(key: str, agreement: Agreement) -> str:
    """A short human description of the rule with that key."""
    parts = key.split(".")
    head = parts[0]
    if head == "caps":
        side = parts[1]
        bounds = agreement.caps[0 if side == "a" else 1]
        name = agreement.parties[0 if side == "a" else 1].name
        return (
            f"{_bounds_text(bounds.min, bounds.max)} counted persons released "
            f"by {side} ({name})"
        )
    if head == "balance":
        balance = agreement.balance
        tolerance = f" within {balance.tolerance:g}" if balance.tolerance else ""
        measure = "scale values" if balance.mode == "scale" else "counts"
        if len(parts) == 1:
            return f"balance of {measure}{tolerance}"
        if parts[1] == "stage":
            return f"balance of {measure} in stage {'.'.join(parts[2:])}{tolerance}"
        return f'balance of category "{".".join(parts[2:])}"{tolerance}'
    if head == "stages":
        stage_id = parts[1]
        stage = next((s for s in agreement.stages if s.id == stage_id), None)
        if parts[2] == "capacity":
            cap = stage.capacity if stage else None
            return f"capacity of stage {stage_id} ({cap} per side)"
        category = ".".join(parts[3:])
        quota = stage.quotas.get(category) if stage else None
        quota_text = _bounds_text(quota.min, quota.max) if quota else "?"
        return f'quota of category "{category}" in stage {stage_id} ({quota_text} per side)'
    if head == "mandatory":
        index = int(parts[1])
        group = agreement.mandatory[index]
        return f'mandatory group "{group.name}"'
    if head == "parties":
        side = parts[1]
        name = agreement.parties[0 if side == "a" else 1].name
        if parts[2] == "insists_on":
            return f"names {side} ({name}) insists on"
        return f"names {side} ({name}) refuses to release"
    if head == "eligibility":
        return f"eligibility: {_GATE_TEXT.get(parts[1], parts[1])}"
    return key


@dataclass(frozen=True)
class Relaxation:
    """One way out of an infeasible agreement: the least change to one rule that makes
    the whole agreement possible, as a sentence a negotiator can put to a party.

    ``amount`` is the size of the change (persons, or balance units), for ranking;
    ``record_ids`` are the persons concerned when the change is about names;
    ``lower_by`` / ``raise_by`` how far a row's minimum is lowered and its maximum (or
    the tolerance, or a capacity) raised.
    """

    rule: Rule
    amount: float
    sentence: str
    record_ids: tuple[str, ...] = ()
    lower_by: float = 0.0
    raise_by: float = 0.0
