"""The baseline: plain Splink with names folded to ASCII by anyascii.

What a careful analyst would do with Splink alone: fold every name to lower-case ASCII
(anyascii), split a full-name cell as surname, given name, patronymic (the usual
Cyrillic order), parse dates with the same reader, and use Splink's stock comparisons
(NameComparison with Jaro-Winkler levels and term frequencies on the surname,
DateOfBirthComparison, exact service number and unit). Trained the same way as the
engine (u by random sampling, m by EM on two rules). ``match`` is a match probability
of at least 0.99, ``possible`` at least 0.5; no one-to-one step.
"""

from __future__ import annotations

import logging
from typing import Any

from anyascii import anyascii

from homecoming.engines.linkage import parse_partial_date


def _fold(text: str) -> str | None:
    folded = "".join(ch for ch in anyascii(text).lower() if ch.isalnum())
    return folded or None


def baseline_rows(rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for position, row in enumerate(rows):
        surname, given, patronymic = (
            row["surname"],
            row["given_name"],
            row["patronymic"],
        )
        if not (surname or given or patronymic) and row["full_name"]:
            words = [*row["full_name"].split(), "", "", ""]
            surname, given, patronymic = words[0], words[1], words[2]
        try:
            date = parse_partial_date(row["birth_date"])
        except ValueError:
            date = None
        out.append(
            {
                "unique_id": position,
                "surname": _fold(surname),
                "first_name": _fold(given),
                "father_name": _fold(patronymic),
                "dob": date.isoformat() if date is not None and date.is_full else None,
                "service_number": row["service_number"].strip().upper() or None,
                "unit": row["unit"].strip().upper() or None,
            }
        )
    return out


def baseline_link(
    left: list[dict[str, str]], right: list[dict[str, str]]
) -> list[tuple[int, int, float]]:
    """(left position, right position, match probability) of pairs >= 0.5."""
    import duckdb
    import pyarrow as pa
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    db_api = DuckDBAPI(connection=duckdb.connect())
    tables = [
        db_api.register(
            pa.Table.from_pylist(baseline_rows(left)), table_name="bl_left"
        ),
        db_api.register(
            pa.Table.from_pylist(baseline_rows(right)), table_name="bl_right"
        ),
    ]
    settings = SettingsCreator(
        link_type="link_only",
        comparisons=[
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.NameComparison("first_name"),
            cl.NameComparison("father_name"),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.ExactMatch("service_number"),
            cl.ExactMatch("unit"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("surname", "first_name"),
            block_on("surname", "dob"),
            block_on("first_name", "dob"),
            block_on("service_number"),
        ],
        probability_two_random_records_match=min(len(left), len(right))
        / (len(left) * len(right)),
        retain_matching_columns=False,
    )
    logging.getLogger("splink").setLevel(logging.ERROR)
    linker = Linker(tables, settings, log_level=None)
    linker.training.estimate_u_using_random_sampling(max_pairs=5e5, seed=1)
    for rule in (block_on("surname", "first_name"), block_on("dob")):
        linker.training.estimate_parameters_using_expectation_maximisation(
            rule, estimate_without_term_frequencies=True
        )
    predictions = linker.inference.predict(threshold_match_probability=0.5)
    rows = db_api.duckdb_con.execute(
        "SELECT CASE WHEN source_dataset_l = 'bl_right' THEN unique_id_r ELSE unique_id_l END,"  # noqa: S608
        " CASE WHEN source_dataset_l = 'bl_right' THEN unique_id_l ELSE unique_id_r END,"
        f" match_probability FROM {predictions.physical_name}"
    ).fetchall()
    return [(int(a), int(b), float(p)) for a, b, p in rows]
