"""The questions linkage asks of a pair of records, and their answers as levels.

Each :class:`Comparison` is one question ("is it the same surname?") with ordered
levels from the strongest agreement to plain disagreement; Splink learns how much each
level weighs. The SQL runs in DuckDB on the columns :mod:`.table` writes:

=============================  ===================================================
``sk``, ``sk_all``             primary surname key, every surname key (names engine)
``gk``, ``gk_all``             primary given-name id, every id
``pk``, ``pk_all``             father's given-name id from the patronymic, every id
``dob``                        ``YYYYMMDD`` when the birth date is complete, else NULL
``byear``, ``bmonth``, ``bday``  birth year, month, day (NULL when unknown)
``sn``, ``unit``               normalised service number and unit
``sex``                        ``m`` / ``f`` / NULL
``cday``                       capture (or disappearance) date as a day number,
                               NULL unless complete
``cplace``, ``cplace_all``     the settlement's first key and every key
=============================  ===================================================

Capture dates have levels for the same day and for a week, a month and a quarter
apart: the two sides record different days for one capture (the family's last
contact, the unit's report of the person missing, the detaining side's
registration, often weeks later), so a near date is evidence, and Splink learns how
much each distance weighs among true pairs and among chance pairs.

Birth dates have levels for exact, day and month swapped, one digit off (a digit
mistyped or two neighbours transposed), and, when one date is partial (a year, or a
month and year), same month and year and same year.
:func:`birth_date_relation` answers the same question in Python for one pair.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from homecoming.engines.linkage.dates import PartialDate

__all__ = [
    "COMPARISONS",
    "Comparison",
    "Level",
    "birth_date_relation",
    "splink_comparison_dicts",
]


@dataclass(frozen=True, slots=True)
class Level:
    """One answer to a comparison's question.

    ``relation`` is the word a reason uses between the two values ("=", "≈",
    "day and month swapped", "≠"); ``tf_column`` names the column whose term
    frequency adjusts this level (rare surnames weigh more than common ones).
    """

    sql: str
    label: str
    relation: str
    tf_column: str | None = None


@dataclass(frozen=True, slots=True)
class Comparison:
    """One question about a pair: its column name, reason wording and levels."""

    name: str
    title: str  # how a reason names the field: "surname", "born", "service no."
    null_sql: str
    levels: tuple[Level, ...]  # strongest first; the last is the "else" level

    def gamma_of(self, index: int) -> int:
        """Splink's comparison vector value of the level at ``index`` (else = 0)."""
        return len(self.levels) - 1 - index

    def level_of_gamma(self, gamma: int) -> Level | None:
        """The level for a comparison vector value; None for the null level (-1)."""
        if gamma < 0:
            return None
        return self.levels[len(self.levels) - 1 - gamma]


def _name_comparison(
    col: str, title: str, *, tf: bool, swapped_with: str | None = None
) -> Comparison:
    tf_column = col if tf else None
    swap: tuple[Level, ...] = ()
    if swapped_with:
        # surname and given name written in each other's place (a full name read in
        # the wrong order): unknown names fold to near ASCII keys in both roles
        other = swapped_with
        swap = (
            Level(
                f"jaro_winkler_similarity({col}_l, {other}_r) >= 0.88"
                f" AND jaro_winkler_similarity({other}_l, {col}_r) >= 0.88",
                "swapped with the other name",
                "swapped with",
            ),
        )
    return Comparison(
        name=col,
        title=title,
        null_sql=f"{col}_l IS NULL OR {col}_r IS NULL",
        levels=(
            Level(f"{col}_l = {col}_r", "same key", "=", tf_column),
            Level(f"list_has_any({col}_all_l, {col}_all_r)", "a key in common", "="),
            Level(
                f"jaro_winkler_similarity({col}_l, {col}_r) >= 0.92",
                "Jaro-Winkler >= 0.92",
                "≈",
            ),
            *swap,
            Level(
                f"jaro_winkler_similarity({col}_l, {col}_r) >= 0.8",
                "Jaro-Winkler >= 0.8",
                "≈",
            ),
            Level("ELSE", "different", "≠"),
        ),
    )


def _edits_apart(column: str, edits: int) -> str:
    """SQL: the two values are ``edits`` (1 or 2) Damerau-Levenshtein edits apart.

    The same answer as ``damerau_levenshtein(a, b) = edits``, but the edit distance
    (the costliest function a pair meets) is only worked out when cheap checks leave
    it possible: lengths may differ by at most ``edits``, and two values of the same
    length one edit apart differ in at most two places (a substitution, or two
    neighbours transposed). Most pairs fail the cheap checks.
    """
    a, b = f"{column}_l", f"{column}_r"
    if edits == 1:
        near = (
            f"CASE WHEN length({a}) = length({b}) THEN hamming({a}, {b}) <= 2 "
            f"ELSE abs(length({a}) - length({b})) = 1 END"
        )
    else:
        near = f"abs(length({a}) - length({b})) <= {edits}"
    return f"({near}) AND damerau_levenshtein({a}, {b}) = {edits}"


COMPARISONS: tuple[Comparison, ...] = (
    _name_comparison("sk", "surname", tf=True, swapped_with="gk"),
    _name_comparison("gk", "given name", tf=True, swapped_with="sk"),
    _name_comparison("pk", "patronymic", tf=False),
    Comparison(
        name="birth_date",
        title="born",
        null_sql="byear_l IS NULL OR byear_r IS NULL",
        levels=(
            Level("dob_l = dob_r", "exact", "="),
            Level(
                "byear_l = byear_r AND bmonth_l = bday_r AND bday_l = bmonth_r",
                "day and month swapped",
                "day and month swapped",
            ),
            Level(
                _edits_apart("dob", 1),
                "one digit off",
                "one digit off",
            ),
            # the same month or year counts only when a date is partial: two complete
            # dates that differ otherwise are different dates
            Level(
                "(dob_l IS NULL OR dob_r IS NULL) AND byear_l = byear_r AND bmonth_l = bmonth_r",
                "same month and year",
                "same month",
            ),
            Level(
                "(dob_l IS NULL OR dob_r IS NULL) AND byear_l = byear_r",
                "same year",
                "same year",
            ),
            Level("ELSE", "different", "≠"),
        ),
    ),
    Comparison(
        name="sn",
        title="service no.",
        null_sql="sn_l IS NULL OR sn_r IS NULL",
        levels=(
            Level("sn_l = sn_r", "exact", "="),
            Level(_edits_apart("sn", 1), "one character off", "≈"),
            Level(_edits_apart("sn", 2), "two characters off", "≈"),
            Level("ELSE", "different", "≠"),
        ),
    ),
    Comparison(
        name="unit",
        title="unit",
        null_sql="unit_l IS NULL OR unit_r IS NULL",
        levels=(
            Level("unit_l = unit_r", "exact", "="),
            Level(_edits_apart("unit", 1), "one character off", "≈"),
            Level("ELSE", "different", "≠"),
        ),
    ),
    Comparison(
        name="capture_date",
        title="captured",
        null_sql="cday_l IS NULL OR cday_r IS NULL",
        levels=(
            Level("cday_l = cday_r", "same day", "="),
            Level("abs(cday_l - cday_r) <= 7", "within a week", "within a week"),
            Level("abs(cday_l - cday_r) <= 31", "within a month", "within a month"),
            Level(
                "abs(cday_l - cday_r) <= 92",
                "within three months",
                "within three months",
            ),
            Level("ELSE", "different", "≠"),
        ),
    ),
    Comparison(
        name="capture_place",
        title="place",
        null_sql="cplace_l IS NULL OR cplace_r IS NULL",
        levels=(
            Level("list_has_any(cplace_all_l, cplace_all_r)", "same place", "="),
            Level(
                "jaro_winkler_similarity(cplace_l, cplace_r) >= 0.9",
                "Jaro-Winkler >= 0.9",
                "≈",
            ),
            Level("ELSE", "different", "≠"),
        ),
    ),
    Comparison(
        name="sex",
        title="sex",
        null_sql="sex_l IS NULL OR sex_r IS NULL",
        levels=(
            Level("sex_l = sex_r", "same", "="),
            Level("ELSE", "different", "≠"),
        ),
    ),
)


def splink_comparison_dicts() -> list[dict[str, Any]]:
    """The comparisons as Splink settings dictionaries (DuckDB SQL)."""
    out: list[dict[str, Any]] = []
    for comparison in COMPARISONS:
        levels: list[dict[str, Any]] = [
            {
                "sql_condition": comparison.null_sql,
                "label_for_charts": "null",
                "is_null_level": True,
            }
        ]
        for level in comparison.levels:
            entry: dict[str, Any] = {
                "sql_condition": level.sql,
                "label_for_charts": level.label,
            }
            if level.tf_column:
                entry["tf_adjustment_column"] = level.tf_column
                entry["tf_adjustment_weight"] = 1.0
            levels.append(entry)
        out.append(
            {
                "output_column_name": comparison.name,
                "comparison_description": comparison.title,
                "comparison_levels": levels,
            }
        )
    return out


def birth_date_relation(a: PartialDate | None, b: PartialDate | None) -> str | None:
    """How two birth dates agree, as the ``dob`` comparison's level label.

    None when either is unknown; otherwise "exact", "day and month swapped",
    "one digit off", "same month and year", "same year" or "different".
    """
    if a is None or b is None:
        return None
    if a.is_full and b.is_full:
        if a == b:
            return "exact"
        if a.year == b.year and a.month == b.day and a.day == b.month:
            return "day and month swapped"
        if _one_digit_off(_digits(a), _digits(b)):
            return "one digit off"
        return "different"
    if a.year == b.year and a.month is not None and a.month == b.month:
        return "same month and year"
    if a.year == b.year:
        return "same year"
    return "different"


def _digits(d: PartialDate) -> str:
    return f"{d.year:04d}{d.month or 0:02d}{d.day or 0:02d}"


def _one_digit_off(x: str, y: str) -> bool:
    diff = [i for i in range(len(x)) if x[i] != y[i]]
    if len(diff) == 1:
        return True
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and x[diff[0]] == y[diff[1]]
        and x[diff[1]] == y[diff[0]]
    )
