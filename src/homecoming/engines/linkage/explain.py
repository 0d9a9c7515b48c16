"""A readable account of why two records were linked, field by field.

Each field that both records give is named with both values as written, how they
agree, and its weight in the score (log2 of how much more likely the agreement is
among true pairs than among chance pairs)::

    surname Kovalchuk = Ковальчук (+7.1), given name Олександр = Александр (+5.3),
    born 17.05.1990 = 17.05.1990 (+6.2), service no. AB123456 ≠ КМ778812 (-1.2)

Fields missing on either side carry no weight and are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from homecoming.engines.linkage.comparisons import COMPARISONS
from homecoming.engines.linkage.dates import PartialDate
from homecoming.engines.linkage.records import LinkRecord
from homecoming.engines.linkage.scoring import ScoredPair

__all__ = ["FieldEvidence", "describe", "field_evidence", "reason_text"]


@dataclass(frozen=True, slots=True)
class FieldEvidence:
    """How one field of a pair agrees and what it weighs (relation None = missing)."""

    field: str  # the comparison's title: "surname", "born", "service no."
    relation: str | None  # "=", "≈", "≠", "day and month swapped", ...
    weight: float
    left_value: str
    right_value: str


def field_evidence(
    pair: ScoredPair, left: LinkRecord, right: LinkRecord
) -> tuple[FieldEvidence, ...]:
    """The evidence of every comparison for ``pair``, in the order of COMPARISONS."""
    out: list[FieldEvidence] = []
    for title, levels, gamma, weight, left_value, right_value in zip(
        _TITLES, _LEVELS_BY_GAMMA, pair.levels, pair.field_weights,
        _values(left), _values(right), strict=True,
    ):  # fmt: skip
        level = levels[gamma] if gamma >= 0 else None
        out.append(
            FieldEvidence(
                title,
                level.relation if level else None,
                weight if level else 0.0,
                left_value,
                right_value,
            )
        )
    return tuple(out)


def describe(evidence: tuple[FieldEvidence, ...]) -> str:
    """The reason text: one clause per field both records give."""
    clauses: list[str] = []
    for item in evidence:
        clause = _clause(
            item.field, item.relation, item.weight, item.left_value, item.right_value
        )
        if clause:
            clauses.append(clause)
    return ", ".join(clauses)


def reason_text(pair: ScoredPair, left: LinkRecord, right: LinkRecord) -> str:
    """``describe(field_evidence(pair, left, right))``, without the evidence objects.

    The reason every link carries; made from a format per comparison level (the
    clause :func:`_clause` would write), it costs a third as much, which counts when
    100,000 links are written.
    """
    fields = zip(
        _FORMATS, pair.levels, pair.field_weights, _values(left), _values(right),
        strict=True,
    )  # fmt: skip
    return ", ".join(
        [
            formats[gamma] % (left_value, right_value, weight)
            for formats, gamma, weight, left_value, right_value in fields
            if gamma >= 0 and formats[gamma]
        ]
    )


def _clause(
    field: str, relation: str | None, weight: float, left_value: str, right_value: str
) -> str:
    """One field's clause of a reason; "" when it says nothing."""
    form = _format(field, relation)
    return form % (left_value, right_value, weight) if form else ""


def _format(field: str, relation: str | None) -> str:
    """A clause as a ``%`` format of left value, right value and weight ("" = none)."""
    if relation is None:
        return ""
    if field == "sex" and relation == "=":
        return ""  # agreeing on sex says little and crowds the reason
    title, rel = field.replace("%", "%%"), relation.replace("%", "%%")
    if relation in _BETWEEN:
        return f"{title} %s {rel} %s (%+.1f)"
    return f"{title} %s / %s, {rel} (%+.1f)"


_BETWEEN = frozenset(("=", "≈", "≠", "swapped with"))


_TITLES = tuple(comparison.title for comparison in COMPARISONS)
# each comparison's levels indexed by Splink's gamma (the "else" level is gamma 0)
_LEVELS_BY_GAMMA = tuple(comparison.levels[::-1] for comparison in COMPARISONS)


def _value(name: str, record: LinkRecord) -> str:
    if name == "sk":
        return record.surname or "?"
    if name == "gk":
        return record.given_name or "?"
    if name == "pk":
        return record.patronymic or "?"
    if name == "birth_date":
        return _date(record.birth_date)
    if name == "sn":
        return record.service_number
    if name == "unit":
        return record.unit
    if name == "capture_date":
        return _date(record.capture_date)
    if name == "capture_place":
        return record.capture_place
    return record.sex or ""


# each comparison's clause format by Splink's gamma ("" where the clause says nothing)
_FORMATS = tuple(
    tuple(_format(title, level.relation) for level in levels)
    for title, levels in zip(_TITLES, _LEVELS_BY_GAMMA, strict=True)
)

_NAMES = tuple(comparison.name for comparison in COMPARISONS)
_FAST = _NAMES == (
    "sk", "gk", "pk", "birth_date", "sn", "unit", "capture_date", "capture_place",
    "sex",
)  # fmt: skip


def _values(record: LinkRecord) -> tuple[str, ...]:
    """The value of every comparison's field as written, in the order of COMPARISONS."""
    if not _FAST:  # pragma: no cover - kept in step with COMPARISONS
        return tuple(_value(name, record) for name in _NAMES)
    return (
        record.surname or "?",
        record.given_name or "?",
        record.patronymic or "?",
        _date(record.birth_date),
        record.service_number,
        record.unit,
        _date(record.capture_date),
        record.capture_place,
        record.sex or "",
    )


@lru_cache(maxsize=65_536)
def _date(value: PartialDate | None) -> str:
    if value is None:
        return ""
    if value.month is None:
        return f"{value.year}"
    if value.day is None:
        return f"{value.month:02d}.{value.year}"
    return f"{value.day:02d}.{value.month:02d}.{value.year}"
