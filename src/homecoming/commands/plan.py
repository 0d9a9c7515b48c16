"""``homecoming plan AGREEMENT --held-by-a A.csv --held-by-b B.csv -o PLAN.json``.

Reads the agreement (TOML or JSON, docs/agreement-format.md) and both held lists (the
import formats, docs/lists.md), plans the exchange with the planning engine, writes the
plan as JSON and prints a summary per side, category and stage. ``--explain RECORD_ID``
prints why that person is in or out. Exit status: 0 with a plan, 1 when the agreement
cannot be kept (the conflicting rules are printed and written), 2 on bad input.

Planning columns beside the canonical ones (rank, category, health, birth_date,
capture_date) are recognised by the headers in :data:`PLANNING_COLUMNS`, in English,
Ukrainian or Russian, in any case and spacing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from homecoming.commands import CommandError, write_json

# Header names (compared by homecoming.lists.header_key) -> planning field.
PLANNING_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "priority": ("priority", "weight", "пріоритет", "вага", "приоритет", "вес"),
    "sought_rank": (
        "sought_rank",
        "sought_order",
        "черговість",
        "місце в списку розшуку",
        "очередность",
        "место в списке розыска",
    ),
    "consent": (
        "consent",
        "consent_given",
        "згода",
        "згода на повернення",
        "согласие",
        "согласие на возвращение",
    ),
    "identity_verified": (
        "identity_verified",
        "identity verified",
        "особу підтверджено",
        "особа підтверджена",
        "личность подтверждена",
    ),
    "medical_fit": (
        "medical_fit",
        "fit_to_travel",
        "придатний до транспортування",
        "годен к транспортировке",
    ),
    "retained": (
        "retained",
        "retained_art119",
        "утримується",
        "під слідством",
        "задержан",
        "под следствием",
    ),
    "alive": ("alive", "живий", "жив"),
    "status": ("status", "статус"),
    "age": ("age", "вік", "возраст"),
    "captivity_years": (
        "captivity_years",
        "років у полоні",
        "роки в полоні",
        "лет в плену",
    ),
}

_YES = {"1", "true", "yes", "y", "+", "так", "т", "да", "д", "є", "есть"}
_NO = {"0", "false", "no", "n", "-", "ні", "н", "нет", "немає", "нема"}
_DEAD = {
    "dead",
    "deceased",
    "died",
    "помер",
    "померла",
    "загинув",
    "умер",
    "умерла",
    "погиб",
}
_ALIVE = {"alive", "living", "живий", "жива", "жив"}

_STEPS = 6


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "plan",
        help="plan an exchange under an agreement: who goes, in which stage, and why",
        description=(
            "Plan an exchange from an agreement (TOML or JSON) and the two held lists "
            "(CSV or XLSX). Writes the plan as JSON and prints a summary per side, "
            "category and stage. Exit status 1 when the agreement cannot be kept."
        ),
    )
    parser.add_argument(
        "agreement",
        metavar="AGREEMENT",
        type=Path,
        help="the agreement, TOML or JSON (docs/agreement-format.md)",
    )
    parser.add_argument(
        "--held-by-a", required=True, type=Path, metavar="A.csv", help="list held by a"
    )
    parser.add_argument(
        "--held-by-b", required=True, type=Path, metavar="B.csv", help="list held by b"
    )
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        metavar="PLAN.json",
        help="where to write the plan (docs/planning.md)",
    )
    parser.add_argument(
        "--explain",
        action="append",
        default=[],
        metavar="RECORD_ID",
        help="print why this person is in or out (may be repeated)",
    )
    parser.add_argument(
        "--time-limit",
        type=float,
        metavar="S",
        help="seconds for the solver; then the best plan found, or the greedy plan",
    )
    parser.add_argument(
        "--greedy", action="store_true", help="the greedy plan only (no solver)"
    )
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="read a column under another name: a canonical list field (surname, "
        "rank, health, ...) or a planning column (priority, consent, retained, ...); "
        "may be repeated",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from homecoming.apps.registry.mapping import parse_mapping
    from homecoming.engines.planning import (
        AgreementFormatError,
        PlanningError,
        Roster,
        load_agreement,
        plan_exchange,
        plan_to_json,
    )

    try:
        agreement = load_agreement(args.agreement)
    except AgreementFormatError as exc:
        raise CommandError(str(exc)) from exc
    today = agreement.reference_day()
    try:
        mapping = parse_mapping(args.map, fields=None)
    except ValueError as exc:
        raise CommandError(f"--map {exc}") from exc
    held_by_a = read_roster(args.held_by_a, today, mapping=mapping)
    held_by_b = read_roster(args.held_by_b, today, mapping=mapping)
    try:
        roster = Roster(held_by_a, held_by_b)
    except PlanningError as exc:
        raise CommandError(str(exc)) from exc
    with tqdm(total=_STEPS, desc="planning", file=sys.stderr, leave=False) as bar:

        def step(name: str) -> None:
            bar.set_postfix_str(name.split(":")[0])
            bar.update(1)

        plan = plan_exchange(
            agreement,
            roster,
            time_limit=args.time_limit,
            greedy_only=args.greedy,
            progress=step,
        )
    document = plan_to_json(plan)
    document["inputs"] = {
        "agreement": args.agreement.name,
        "held_by_a": args.held_by_a.name,
        "held_by_b": args.held_by_b.name,
    }
    write_json(args.output, document)
    print(format_summary(plan))
    for record_id in args.explain:
        found = [d for d in plan.decisions if d.record_id == record_id]
        if not found:
            raise CommandError(f"--explain: record {record_id} is on neither list")
        for decision in found:
            state = "in" if decision.selected else "out"
            print(f"{record_id} (held by {decision.side}): {state}: {decision.reason}")
    return 1 if plan.status == "infeasible" else 0


# Fields of a list the planner reads; problems with other fields (names) do not matter.
_USED_FIELDS = {"record_id", "category", "rank", "health", "birth_date", "capture_date"}


def read_roster(
    path: Path, today: dt.date, *, mapping: Mapping[str, str] | None = None
) -> tuple[Any, ...]:
    """The persons of one held list, as the planning engine sees them.

    ``mapping`` maps a column header as written to a canonical list field (passed to
    the list reader) or to a planning column (a key of :data:`PLANNING_COLUMNS`).
    """
    from homecoming.lists import ListFileError, header_key, read_person_list

    mapping = mapping or {}
    planning_map = {h: f for h, f in mapping.items() if f in PLANNING_COLUMNS}
    list_map = {h: f for h, f in mapping.items() if f not in PLANNING_COLUMNS}
    try:
        list_file = read_person_list(path, mapping=list_map or None)
    except ListFileError as exc:
        hint = ' (map a column with --map "Column=field")' if exc.mapping_help else ""
        raise CommandError(f"{exc}{hint}") from exc
    problems = [p for p in list_file.problems if p.field in _USED_FIELDS]
    if problems:
        more = len(problems) - 1
        raise CommandError(str(problems[0]) + (f" (and {more} more)" if more else ""))
    keys = {
        header_key(alias): planning_field
        for planning_field, aliases in PLANNING_COLUMNS.items()
        for alias in aliases
    }
    keys.update({header_key(header): field for header, field in planning_map.items()})
    rows = [_PlanningRow(list_file.filename, row, keys) for row in list_file.rows]
    # a sought-list order (1 = first) becomes a weight: the first of N gets N
    ranks = [r.number("sought_rank") for r in rows]
    last = max((rank for rank in ranks if rank is not None), default=0.0)
    return tuple(
        row.person(today, from_rank=None if rank is None else last - rank + 1)
        for row, rank in zip(rows, ranks, strict=True)
    )


class _PlanningRow:
    """One list row's planning columns, read with messages naming file, row, field."""

    def __init__(self, filename: str, row: Any, keys: Mapping[str, str]) -> None:
        from homecoming.lists import header_key

        self.filename = filename
        self.row = row
        self.values: dict[str, tuple[str, str]] = {}  # field -> (header, text)
        for header, text in row.extra.items():
            planning_field = keys.get(header_key(header))
            if planning_field is not None and text.strip():
                self.values[planning_field] = (header, text.strip())

    def where(self, planning_field: str) -> str:
        header = self.values[planning_field][0]
        return f"{self.filename}, row {self.row.line}, field {header}"

    def flag(self, planning_field: str) -> bool | None:
        if planning_field not in self.values:
            return None
        text = self.values[planning_field][1].casefold()
        if text in _YES:
            return True
        if text in _NO:
            return False
        raise CommandError(
            f"{self.where(planning_field)}: expected yes or no, got {text!r}"
        )

    def number(self, planning_field: str) -> float | None:
        if planning_field not in self.values:
            return None
        text = self.values[planning_field][1]
        try:
            value = float(text.replace(",", "."))
        except ValueError:
            value = -1.0
        if not value >= 0:
            raise CommandError(
                f"{self.where(planning_field)}: expected a number of 0 or more, got {text!r}"
            )
        return value

    def person(self, today: dt.date, *, from_rank: float | None = None) -> Any:
        from homecoming.engines.planning import Person
        from homecoming.engines.planning.ages import BirthDate

        row = self.row
        alive = self.flag("alive")
        if alive is None and "status" in self.values:
            status = self.values["status"][1].casefold()
            alive = False if status in _DEAD else True if status in _ALIVE else None
        born = row.birth_date
        birth = (
            None if born is None else BirthDate(born.year, born.month, born.day)
        )  # the engine counts the age to the reference date (engines/planning/ages.py)
        captivity = self.number("captivity_years")
        if row.capture_date is not None:
            captivity = _years_between(
                row.capture_date.year, row.capture_date.month, today
            )
        return Person(
            record_id=row.record_id,
            category=row.category or row.fields.get("category") or "military",
            rank=row.fields.get("rank", ""),
            health=row.fields.get("health", ""),
            priority=self.number("priority") or from_rank or 0.0,
            birth_date=birth,
            age_years=self.number("age"),
            captivity_years=captivity,
            identity_verified=self.flag("identity_verified"),
            consent=self.flag("consent"),
            medical_fit=self.flag("medical_fit"),
            retained=self.flag("retained"),
            alive=alive,
        )


def _years_between(year: int, month: int | None, today: dt.date) -> float:
    """Whole and part years from a (partial) date to ``today``, never negative."""
    months = (today.year - year) * 12 + (today.month - (month or 7))
    return max(months / 12.0, 0.0)


def format_summary(plan: Any) -> str:
    """A plain-text summary: status, shares, and a table per side, category, stage."""
    lines = [
        f"{plan.title}: {plan.status}, method {plan.method}, "
        f"proven optimal: {'yes' if plan.proven_optimal else 'no'}"
        + (f", gap {plan.gap:.2g}" if plan.gap is not None else "")
    ]
    if plan.status == "infeasible":
        lines.append(f"the agreement cannot be kept ({plan.conflict_method}):")
        lines += [
            f"  - {conflict.detail}"
            + ("" if conflict.proven else " (not proven minimal: time limit)")
            for conflict in plan.conflicts
        ]
        if plan.conflicts_unique is False:
            lines.append(
                "  several minimal conflicts exist: each must be resolved "
                "(relaxing one rule of one of them is not enough)"
            )
        elif plan.conflicts_unique:
            lines.append("  this is the only minimal conflict")
        if plan.ways_out:
            lines.append(
                "the cheapest ways out (each alone makes the agreement possible):"
            )
            lines += [f"  - {way.sentence}" for way in plan.ways_out]
        elif plan.conflicts:
            lines.append("no change to one rule alone makes the agreement possible")
        return "\n".join(lines)
    for party in plan.parties:
        share = (
            "" if party.share != party.share else f", {party.share:.1%} of its ideal"
        )
        lines.append(
            f"party {party.side} ({party.name}) gets back {party.received}{share}"
        )
    if plan.price_of_fairness is not None:
        lines.append(f"price of fairness: {plan.price_of_fairness:.3%}")
    if plan.baseline_shares is not None:
        a, b = plan.baseline_shares
        lines.append(f"greedy baseline: {a:.1%} / {b:.1%} of the ideals")
    stages = sorted({d.stage for d in plan.decisions if d.stage is not None})
    header = ["side", "category", *(f"stage {s}" for s in stages), "total", "out"]
    table = [header]
    for side in ("a", "b"):
        categories = sorted({d.category for d in plan.decisions if d.side == side})
        for category in categories:
            group = [
                d for d in plan.decisions if d.side == side and d.category == category
            ]
            counts = [sum(1 for d in group if d.stage == s) for s in stages]
            chosen = sum(counts)
            table.append(
                [
                    side,
                    category,
                    *map(str, counts),
                    str(chosen),
                    str(len(group) - chosen),
                ]
            )
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    lines += [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
        for row in table
    ]
    lines += [f"warning: {w}" for w in plan.warnings]
    return "\n".join(lines)
