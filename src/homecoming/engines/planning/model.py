"""The mixed-integer model of an exchange, built from a :class:`Problem` with numpy.

Variables:

- ``x[i]`` (continuous in [0, 1]), one per *free* candidate (eligible, not refused)
  among the best of its class: in the plan or not. Forced candidates (mandatory,
  insisted on) have lower bound 1. ``x`` need not be integer: within a class every
  rule sees only the count, so given whole counts the best persons of the class are an
  optimal choice, and the persons are read off as the class's best ``n``.
- ``n[k, s]`` (integer), one per class ``k`` and stage ``s``: how many persons of the
  class go in that stage. A class is the persons of one side alike for every stage
  rule (category, balance value, counted or not), so stage assignment needs counts,
  not a variable per person and stage: the model stays small and free of the symmetry
  of interchangeable persons. Persons are put into stages afterwards, best first.

Every row carries the key of the rule it encodes (see :mod:`rules`); the rows that only
define ``n`` (class links) carry ``""``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from homecoming.engines.planning.problem import SIDES, Candidate, Problem
from homecoming.engines.planning.roster import Side

__all__ = [
    "ColumnRules",
    "LinearModel",
    "ModelIndex",
    "Row",
    "build_model",
    "extend_model",
]

INF = float("inf")

ClassKey = tuple[Side, str, float, bool]


@dataclass(frozen=True)
class Row:
    """``lower <= sum(value * x[index]) <= upper``, encoding the rule ``rule``."""

    index: NDArray[np.int64]
    value: NDArray[np.float64]
    lower: float
    upper: float
    rule: str


@dataclass(frozen=True)
class LinearModel:
    """Columns (bounds, integrality, the rule that fixes a column) and rows."""

    col_lower: NDArray[np.float64]
    col_upper: NDArray[np.float64]
    integer: NDArray[np.bool_]
    col_rule: tuple[str, ...]
    rows: tuple[Row, ...]
    # per person column (the rest: none): the rules that put the person in the plan,
    # each with the rules whose presence voids it (none today: see _column_rules), and
    # the rules that keep the person out (a refusal, a failed gate)
    col_rules: tuple[ColumnRules, ...] = ()

    @property
    def num_cols(self) -> int:
        return int(self.col_lower.shape[0])

    def column_rules(self, col: int) -> frozenset[str]:
        """Every rule that fixes a bound of the column."""
        if col < len(self.col_rules):
            rules = self.col_rules[col]
            return frozenset(r for r, _ in rules.forcing) | rules.excluding
        return frozenset({self.col_rule[col]} - {""})

    def without_rules(self, dropped: frozenset[str]) -> LinearModel:
        """The same model with the named rules relaxed (rows freed, columns unfixed).

        Column bounds may cross (lower 1, upper 0) when the kept rules put a person
        both in and out: :meth:`crossed` tells, and no solver need look.
        """
        lower = self.col_lower.copy()
        upper = self.col_upper.copy()
        if self.col_rules:
            for col, rules in enumerate(self.col_rules):
                if not rules.forcing and not rules.excluding:
                    continue
                lower[col] = float(
                    any(
                        rule not in dropped and voided <= dropped
                        for rule, voided in rules.forcing
                    )
                )
                upper[col] = 0.0 if rules.excluding - dropped else 1.0
        else:
            for col, rule in enumerate(self.col_rule):
                if rule in dropped:
                    lower[col] = 0.0
        rows = tuple(
            Row(row.index, row.value, -INF, INF, row.rule)
            if row.rule in dropped
            else row
            for row in self.rows
        )
        return LinearModel(
            lower, upper, self.integer, self.col_rule, rows, self.col_rules
        )

    def crossed(self) -> bool:
        """Whether some column must be both in and out (no plan, without a solve)."""
        return bool(np.any(self.col_lower > self.col_upper))

    def rule_keys(self) -> frozenset[str]:
        """Every rule the model encodes."""
        keys = {row.rule for row in self.rows} | set(self.col_rule)
        for rules in self.col_rules:
            keys |= {rule for rule, _ in rules.forcing} | rules.excluding
        keys.discard("")
        return frozenset(keys)


@dataclass(frozen=True)
class ColumnRules:
    """The rules that fix one person's column (see :attr:`LinearModel.col_rules`)."""

    forcing: tuple[tuple[str, frozenset[str]], ...] = ()
    excluding: frozenset[str] = frozenset()


_NO_RULES = ColumnRules()


@dataclass(frozen=True)
class ModelIndex:
    """Where each candidate and class lives among the columns."""

    column: dict[Side, NDArray[np.int64]]  # per side, per candidate: column or -1
    classes: tuple[ClassKey, ...]
    class_members: tuple[NDArray[np.int64], ...]  # candidate positions on its side
    class_stage_cols: NDArray[np.int64]  # [class, stage] -> column of n
    gain: dict[Side, NDArray[np.float64]]  # party's score of the persons it gets back


def _class_key(candidate: Candidate) -> ClassKey:
    return (candidate.side, candidate.category, candidate.value, candidate.counted)


def _strongest(
    problem: Problem, side: Side, key: ClassKey, positions: list[int]
) -> list[int]:
    """The forced persons of a class, then as many of the rest as could ever go, best first.

    Persons of one class are interchangeable for every rule, and every objective rises
    with the scores of those chosen, so an optimal plan takes each class's best: nobody
    below the most the class could ever send needs a column.
    """
    agreement = problem.agreement
    candidates = problem.candidates[side]
    forced = [p for p in positions if candidates[p].forced]
    rest = sorted(
        (p for p in positions if not candidates[p].forced),
        key=lambda p: (-candidates[p].score, candidates[p].record_id),
    )
    room = len(rest)
    cap = agreement.caps[0 if side == "a" else 1].max
    if key[3] and cap is not None:
        room = min(room, cap)
    capacities = [stage.capacity for stage in agreement.stages]
    if all(c is not None for c in capacities):
        room = min(room, sum(c for c in capacities if c is not None))
    quotas = [stage.quotas.get(key[1]) for stage in agreement.stages]
    if all(q is not None and q.max is not None for q in quotas):
        room = min(
            room, sum(q.max for q in quotas if q is not None and q.max is not None)
        )
    return forced + rest[: max(room, 0)]


def _column_rules(candidate: Candidate) -> ColumnRules:
    side = candidate.side
    gates = frozenset(f"eligibility.{g}" for g in candidate.failed_gates)
    excluding = set(gates)
    if candidate.refused:
        excluding.add(f"parties.{side}.refuses")
    forcing: list[tuple[str, frozenset[str]]] = []
    if candidate.mandatory_group is not None and not gates:
        # A mandatory group takes those who pass the agreement's gates: a fact of the
        # lists, not voided by leaving a gate out of a subset. Else dropping a gate
        # would force more persons in, and a subset of rules could be infeasible while
        # a larger one is not: the deletion filter would no longer give minimal sets.
        forcing.append((f"mandatory.{candidate.mandatory_group}", frozenset()))
    if candidate.insisted:
        forcing.append(
            (f"parties.{'b' if side == 'a' else 'a'}.insists_on", frozenset())
        )
    return ColumnRules(tuple(forcing), frozenset(excluding))


def build_model(
    problem: Problem, *, prune: bool = True, everyone: bool = False
) -> tuple[LinearModel, ModelIndex]:
    """The model of every rule that involves more than one person.

    ``prune`` leaves out, in each class, the persons below the most the class could
    ever send (see :func:`_strongest`). The pruned model has the same optima, but its
    column bounds carry the caps: conflicts are explained on the unpruned model.
    ``everyone`` (with ``prune=False``) gives a column to every person, the refused
    and the ineligible too, with the rules that fix its bounds (``col_rules``), so
    that refusals, insistences and gates are rules a conflict may name like any other.
    """
    agreement = problem.agreement
    stages = agreement.stages
    mode = agreement.balance.mode
    lower: list[float] = []
    upper: list[float] = []
    col_rule: list[str] = []
    col_rules: list[ColumnRules] = []
    column: dict[Side, NDArray[np.int64]] = {}
    members: dict[ClassKey, list[int]] = {}
    for side in SIDES:
        cols = np.full(len(problem.candidates[side]), -1, dtype=np.int64)
        grouped: dict[ClassKey, list[int]] = {}
        for position, candidate in enumerate(problem.candidates[side]):
            if candidate.free or everyone:
                grouped.setdefault(_class_key(candidate), []).append(position)
        for key, positions in grouped.items():
            kept = _strongest(problem, side, key, positions) if prune else positions
            for position in kept:
                candidate = problem.candidates[side][position]
                cols[position] = len(lower)
                rules = _column_rules(candidate) if everyone else _NO_RULES
                col_rules.append(rules)
                if everyone:  # every rule kept; the bounds may cross (a conflict)
                    lower.append(float(any(not v for _, v in rules.forcing)))
                    upper.append(0.0 if rules.excluding else 1.0)
                else:
                    lower.append(1.0 if candidate.forced else 0.0)
                    upper.append(1.0)
                if candidate.mandatory_group is not None:
                    col_rule.append(f"mandatory.{candidate.mandatory_group}")
                elif candidate.insisted:
                    col_rule.append(f"parties.{'b' if side == 'a' else 'a'}.insists_on")
                else:
                    col_rule.append("")
            members[key] = kept
        column[side] = cols
    num_person_cols = len(lower)
    classes = tuple(sorted(members))
    class_members = tuple(np.array(members[key], dtype=np.int64) for key in classes)
    class_stage_cols = np.zeros((len(classes), len(stages)), dtype=np.int64)
    for k, key in enumerate(classes):
        for s in range(len(stages)):
            class_stage_cols[k, s] = len(lower)
            lower.append(0.0)
            upper.append(float(len(members[key])))
            col_rule.append("")
    rows: list[Row] = []

    def add(
        index: Sequence[int] | NDArray[np.int64],
        value: Sequence[float] | NDArray[np.float64],
        lo: float,
        hi: float,
        rule: str,
    ) -> None:
        rows.append(
            Row(
                np.asarray(index, dtype=np.int64),
                np.asarray(value, dtype=np.float64),
                lo,
                hi,
                rule,
            )
        )

    # class links: sum of x in the class equals the persons sent over all stages
    for k, key in enumerate(classes):
        x_cols = column[key[0]][class_members[k]]
        n_cols = class_stage_cols[k]
        add(
            np.concatenate([x_cols, n_cols]),
            np.concatenate([np.ones(len(x_cols)), -np.ones(len(n_cols))]),
            0.0,
            0.0,
            "",
        )

    def side_columns(side: Side, keep: NDArray[np.bool_]) -> NDArray[np.int64]:
        cols = column[side]
        return cols[keep & (cols >= 0)]

    counted = {
        side: np.array([c.counted for c in problem.candidates[side]], dtype=bool)
        for side in SIDES
    }
    values = {
        side: np.array([c.value for c in problem.candidates[side]], dtype=np.float64)
        for side in SIDES
    }
    categories = {
        side: np.array([c.category for c in problem.candidates[side]], dtype=object)
        for side in SIDES
    }
    for side, bounds in zip(SIDES, agreement.caps, strict=True):
        if bounds.min is None and bounds.max is None:
            continue
        cols = side_columns(side, counted[side])
        add(
            cols,
            np.ones(len(cols)),
            float(bounds.min) if bounds.min is not None else -INF,
            float(bounds.max) if bounds.max is not None else INF,
            f"caps.{side}",
        )
    tolerance = agreement.balance.tolerance

    def balance_row(
        keep_a: NDArray[np.bool_], keep_b: NDArray[np.bool_], rule: str
    ) -> None:
        a_keep = keep_a & (column["a"] >= 0)
        b_keep = keep_b & (column["b"] >= 0)
        add(
            np.concatenate([column["a"][a_keep], column["b"][b_keep]]),
            np.concatenate([values["a"][a_keep], -values["b"][b_keep]]),
            -tolerance,
            tolerance,
            rule,
        )

    if mode != "none":
        balance_row(counted["a"], counted["b"], "balance")
    for category in agreement.balance.categories:
        balance_row(
            counted["a"] & (categories["a"] == category),
            counted["b"] & (categories["b"] == category),
            f"balance.category.{category}",
        )
    for s, stage in enumerate(stages):
        if agreement.balance.per_stage and mode != "none":
            ks = [k for k, key in enumerate(classes) if key[3]]
            add(
                class_stage_cols[ks, s],
                [classes[k][2] * (1 if classes[k][0] == "a" else -1) for k in ks],
                -tolerance,
                tolerance,
                f"balance.stage.{stage.id}",
            )
        for side in SIDES:
            if stage.capacity is not None:
                ks = [k for k, key in enumerate(classes) if key[0] == side]
                add(
                    class_stage_cols[ks, s],
                    np.ones(len(ks)),
                    -INF,
                    float(stage.capacity),
                    f"stages.{stage.id}.capacity",
                )
            for category, bounds in stage.quotas.items():
                ks = [
                    k
                    for k, key in enumerate(classes)
                    if key[0] == side and key[1] == category
                ]
                add(
                    class_stage_cols[ks, s],
                    np.ones(len(ks)),
                    float(bounds.min) if bounds.min is not None else -INF,
                    float(bounds.max) if bounds.max is not None else INF,
                    f"stages.{stage.id}.quotas.{category}",
                )
    num_cols = len(lower)
    gain: dict[Side, NDArray[np.float64]] = {}
    for party in SIDES:
        vector = np.zeros(num_cols)
        held: Side = "b" if party == "a" else "a"
        cols = column[held]
        scores = np.array([c.score for c in problem.candidates[held]], dtype=np.float64)
        vector[cols[cols >= 0]] = scores[cols >= 0]
        gain[party] = vector
    model = LinearModel(
        col_lower=np.array(lower, dtype=np.float64),
        col_upper=np.array(upper, dtype=np.float64),
        integer=np.arange(num_cols) >= num_person_cols,
        col_rule=tuple(col_rule),
        rows=tuple(rows),
        col_rules=tuple(col_rules) if everyone else (),
    )
    index = ModelIndex(
        column=column,
        classes=classes,
        class_members=class_members,
        class_stage_cols=class_stage_cols,
        gain=gain,
    )
    return model, index


def extend_model(
    model: LinearModel,
    *,
    extra_cols: int = 0,
    extra_upper: float = INF,
    rows: Sequence[Row] = (),
) -> LinearModel:
    """The model with continuous columns appended (at the end) and rows added."""
    return LinearModel(
        col_lower=np.concatenate([model.col_lower, np.zeros(extra_cols)]),
        col_upper=np.concatenate([model.col_upper, np.full(extra_cols, extra_upper)]),
        integer=np.concatenate([model.integer, np.zeros(extra_cols, dtype=bool)]),
        col_rule=model.col_rule + ("",) * extra_cols,
        rows=model.rows + tuple(rows),
        col_rules=model.col_rules,
    )
