"""An exchange agreement as data, read from TOML or JSON and checked against a schema.

Shape (the JSON Schema is ``schemas/agreement.schema.json``; every key is described in
docs/agreement-format.md)::

    format = "homecoming-agreement/1"
    title = "1,000 for 1,000 in three stages"
    [balance]            mode = "count" | "scale" | "none", tolerance, categories, scale
    [caps.a] [caps.b]    min / max counted persons each side releases
    [eligibility]        require = ["identity_verified", "consent", "not_retained", "alive"]
    [[mandatory]]        groups that go home regardless of number (GC III Art. 109)
    [parties.a]          insists_on, refuses (record ids), weights, health_bonus
    [[stages]]           id, date, capacity per side, quotas per category

Side ``a`` releases the persons on the list *held by a*; they go home to party ``b``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from jsonschema import Draft202012Validator, ValidationError

from homecoming.engines.planning.errors import AgreementFormatError

__all__ = [
    "AGREEMENT_FORMAT",
    "DEFAULT_GATES",
    "GATES",
    "Agreement",
    "Balance",
    "Bounds",
    "MandatoryGroup",
    "PartyRules",
    "Stage",
    "Weights",
    "agreement_from_data",
    "agreement_schema",
    "load_agreement",
]

AGREEMENT_FORMAT = "homecoming-agreement/1"
GATES = ("identity_verified", "consent", "medical_fit", "not_retained", "alive")
# Required unless the agreement says otherwise; medical fitness only when asked for.
DEFAULT_GATES = frozenset({"identity_verified", "consent", "not_retained", "alive"})

BalanceMode = Literal["count", "scale", "none"]


@dataclass(frozen=True)
class Bounds:
    """An inclusive range of counts; ``None`` leaves that end open."""

    min: int | None = None
    max: int | None = None


@dataclass(frozen=True)
class Weights:
    """How a party scores a person it wants back (higher is wanted more)."""

    base: float = 1.0
    priority: float = 1.0
    captivity_years: float = 0.0
    age_years: float = 0.0


@dataclass(frozen=True)
class PartyRules:
    """One party's own terms: names it insists on or refuses, and its priorities.

    ``insists_on`` are record ids on the *other* side's held list (persons this party
    wants back); ``refuses`` are record ids on its *own* held list (persons it will not
    release).
    """

    name: str
    insists_on: tuple[str, ...] = ()
    refuses: tuple[str, ...] = ()
    weights: Weights = Weights()
    health_bonus: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Balance:
    """What must be equal between the sides, and by how much it may differ."""

    mode: BalanceMode = "count"
    tolerance: float = 0.0
    per_stage: bool = False
    categories: tuple[str, ...] = ()
    scale: Mapping[str, float] = field(default_factory=dict)
    default_value: float = 1.0
    rank_aliases: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class MandatoryGroup:
    """Persons who go home regardless of number when they pass the gates.

    A person belongs when every given filter matches (health, category, age range).
    ``counted`` says whether they count against the balance and caps (Art. 109's wounded
    do not).
    """

    name: str
    health: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    age_min: float | None = None
    age_max: float | None = None
    counted: bool = False


@dataclass(frozen=True)
class Stage:
    """One handover: ``capacity`` persons from each side at most, quotas per category."""

    id: str
    date: str = ""
    place: str = ""
    capacity: int | None = None
    quotas: Mapping[str, Bounds] = field(default_factory=dict)


@dataclass(frozen=True)
class Agreement:
    """The whole agreement; build it with :func:`load_agreement` or by hand."""

    title: str
    stages: tuple[Stage, ...]
    parties: tuple[PartyRules, PartyRules] = (PartyRules("a"), PartyRules("b"))
    balance: Balance = Balance()
    caps: tuple[Bounds, Bounds] = (Bounds(), Bounds())
    eligibility: frozenset[str] = DEFAULT_GATES
    mandatory: tuple[MandatoryGroup, ...] = ()
    reference_date: str | None = None

    def reference_day(self) -> dt.date:
        """The day ages and years in captivity are counted to (default: today)."""
        if self.reference_date is None:
            return dt.date.today()
        return dt.date.fromisoformat(self.reference_date)


@cache
def agreement_schema() -> dict[str, Any]:
    """The agreement format's JSON Schema (draft 2020-12)."""
    text = (
        resources.files("homecoming.engines.planning")
        .joinpath("schemas/agreement.schema.json")
        .read_text(encoding="utf-8")
    )
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(agreement_schema())


def load_agreement(path: str | Path) -> Agreement:
    """Read an agreement from a ``.toml`` or ``.json`` file.

    Raises AgreementFormatError naming the file and the key path at fault.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise AgreementFormatError(f"{path}: cannot read ({exc.strerror})") from exc
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(raw.decode("utf-8"))
        else:
            data = tomllib.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise AgreementFormatError(f"{path}: not valid TOML or JSON: {exc}") from exc
    try:
        return agreement_from_data(data)
    except AgreementFormatError as exc:
        raise AgreementFormatError(f"{path}: {exc}") from exc


_TYPE_WORDS = {
    "object": "a table",
    "array": "a list",
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
}


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:37] + "..."


def _nearest(word: str, known: Any) -> str:
    close = difflib.get_close_matches(str(word), [str(k) for k in known], n=1)
    return f"; did you mean `{close[0]}`?" if close else ""


def _reason(error: ValidationError) -> tuple[list[str], str]:
    """The key path and a one-line reason for a schema error, in the reader's words."""
    path = [str(part) for part in error.absolute_path]
    schema, value, kind = error.schema, error.instance, error.validator
    rule: Any = error.validator_value
    if not isinstance(schema, dict):
        return path, error.message
    if kind == "additionalProperties" and isinstance(value, dict):
        known = schema.get("properties", {})
        unknown = sorted(str(k) for k in value if k not in known)
        key = unknown[0] if unknown else "?"
        listed = ", ".join(f"`{k}`" for k in known)
        hint = _nearest(key, known) or (f" (known keys: {listed})" if known else "")
        return [*path, key], f"unknown key{hint}"
    if kind == "required":
        return path, error.message.replace(" is a required property", " is required")
    if kind == "type":
        wanted = rule
        words = [wanted] if isinstance(wanted, str) else list(wanted)
        expected = " or ".join(_TYPE_WORDS.get(w, w) for w in words)
        return path, f"expected {expected}, got {_shown(value)}"
    if kind == "enum":
        options = ", ".join(str(o) for o in rule)
        hint = _nearest(value, rule) if isinstance(value, str) else ""
        return path, f"{_shown(value)} is not one of {options}{hint}"
    if kind == "const":
        return path, f"expected {_shown(error.validator_value)}, got {_shown(value)}"
    if kind == "pattern" and path == ["reference_date"]:
        return path, f"expected a date YYYY-MM-DD, got {_shown(value)}"
    if kind in ("minimum", "exclusiveMinimum"):
        relation = "at least" if kind == "minimum" else "more than"
        return path, f"{_shown(value)} must be {relation} {error.validator_value}"
    if kind == "minLength":
        return path, "must not be empty"
    if kind == "minItems":
        n = error.validator_value
        return path, f"needs at least {n} {'entry' if n == 1 else 'entries'}"
    if kind == "uniqueItems":
        return path, "has an entry twice"
    return path, error.message.splitlines()[0]


def _dates_as_text(data: Any) -> Any:
    """TOML's own dates (``reference_date = 2025-06-09``, unquoted) read as text."""
    if not isinstance(data, dict):
        return data
    data = dict(data)
    if isinstance(data.get("reference_date"), dt.date):
        data["reference_date"] = data["reference_date"].isoformat()
    stages = data.get("stages")
    if isinstance(stages, list):
        data["stages"] = [
            {**stage, "date": stage["date"].isoformat()}
            if isinstance(stage, dict) and isinstance(stage.get("date"), dt.date)
            else stage
            for stage in stages
        ]
    return data


def agreement_from_data(data: Any) -> Agreement:
    """Validate parsed TOML/JSON against the schema and build the :class:`Agreement`.

    Every problem is one line naming the key at fault: a wrong type or range, an
    unknown key (with the nearest known key), a ``reference_date`` that is no date.
    """
    data = _dates_as_text(data)
    errors = sorted(
        _validator().iter_errors(data), key=lambda e: list(map(str, e.path))
    )
    if errors:
        path, reason = _reason(errors[0])
        where = ".".join(path) or "(top level)"
        raise AgreementFormatError(f"key {where}: {reason}")
    if "reference_date" in data:
        try:
            dt.date.fromisoformat(data["reference_date"])
        except ValueError:
            raise AgreementFormatError(
                f"key reference_date: {data['reference_date']!r} is not a calendar day"
            ) from None
    stages = tuple(_stage(item) for item in data["stages"])
    ids = [stage.id for stage in stages]
    if len(set(ids)) != len(ids):
        raise AgreementFormatError("key stages: stage ids must be unique")
    balance = _balance(data.get("balance", {}))
    if balance.mode == "scale" and not balance.scale:
        raise AgreementFormatError("key balance.scale: mode 'scale' needs a scale")
    caps_data = data.get("caps", {})
    caps = (_bounds(caps_data.get("a", {})), _bounds(caps_data.get("b", {})))
    for side, bounds in zip("ab", caps, strict=True):
        _check_bounds(bounds, f"caps.{side}")
    for stage in stages:
        for category, bounds in stage.quotas.items():
            _check_bounds(bounds, f"stages.{stage.id}.quotas.{category}")
    parties_data = data.get("parties", {})
    parties = (
        _party(parties_data.get("a", {}), "a"),
        _party(parties_data.get("b", {}), "b"),
    )
    eligibility = frozenset(data.get("eligibility", {}).get("require", DEFAULT_GATES))
    mandatory = tuple(_group(item) for item in data.get("mandatory", ()))
    for index, group in enumerate(mandatory):
        if (
            group.age_min is not None
            and group.age_max is not None
            and group.age_min > group.age_max
        ):
            raise AgreementFormatError(f"key mandatory.{index}: age_min > age_max")
    return Agreement(
        title=data["title"],
        stages=stages,
        parties=parties,
        balance=balance,
        caps=caps,
        eligibility=eligibility,
        mandatory=mandatory,
        reference_date=data.get("reference_date"),
    )


def _check_bounds(bounds: Bounds, where: str) -> None:
    if bounds.min is not None and bounds.max is not None and bounds.min > bounds.max:
        raise AgreementFormatError(f"key {where}: min {bounds.min} > max {bounds.max}")


def _bounds(data: Mapping[str, Any]) -> Bounds:
    low, high = data.get("min"), data.get("max")
    return Bounds(
        min=None if low is None else int(low), max=None if high is None else int(high)
    )


def fold_key(text: str) -> str:
    """The folded form of an agreement word (case and spacing ignored).

    problem.py folds roster values with this same function before looking them up
    in the agreement's quotas, scales, aliases and groups, so the two always agree.
    """
    return " ".join(text.casefold().split())


def _stage(data: Mapping[str, Any]) -> Stage:
    return Stage(
        id=data["id"],
        date=data.get("date", ""),
        place=data.get("place", ""),
        capacity=None if data.get("capacity") is None else int(data["capacity"]),
        quotas={fold_key(k): _bounds(v) for k, v in data.get("quotas", {}).items()},
    )


def _balance(data: Mapping[str, Any]) -> Balance:
    return Balance(
        mode=data.get("mode", "count"),
        tolerance=float(data.get("tolerance", 0)),
        per_stage=bool(data.get("per_stage", False)),
        categories=tuple(fold_key(c) for c in data.get("categories", ())),
        scale={fold_key(k): float(v) for k, v in data.get("scale", {}).items()},
        default_value=float(data.get("default_value", 1)),
        rank_aliases={
            fold_key(k): fold_key(v) for k, v in data.get("rank_aliases", {}).items()
        },
    )


def _party(data: Mapping[str, Any], side: str) -> PartyRules:
    weights = data.get("weights", {})
    return PartyRules(
        name=data.get("name", side),
        insists_on=tuple(data.get("insists_on", ())),
        refuses=tuple(data.get("refuses", ())),
        weights=Weights(
            base=float(weights.get("base", 1.0)),
            priority=float(weights.get("priority", 1.0)),
            captivity_years=float(weights.get("captivity_years", 0.0)),
            age_years=float(weights.get("age_years", 0.0)),
        ),
        health_bonus={
            fold_key(k): float(v) for k, v in data.get("health_bonus", {}).items()
        },
    )


def _group(data: Mapping[str, Any]) -> MandatoryGroup:
    return MandatoryGroup(
        name=data["name"],
        health=tuple(fold_key(h) for h in data.get("health", ())),
        categories=tuple(fold_key(c) for c in data.get("categories", ())),
        age_min=data.get("age_min"),
        age_max=data.get("age_max"),
        counted=bool(data.get("counted", False)),
    )
