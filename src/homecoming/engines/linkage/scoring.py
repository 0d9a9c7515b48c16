"""Fellegi-Sunter scoring with Splink on DuckDB, trained without labels.

:func:`score_pairs` takes the records of two lists (or one list, for deduplication),
learns the model from the lists themselves and returns every blocked pair whose match
weight reaches ``min_weight``, with the level and weight of each comparison::

    ScoredPair(left=12, right=40, weight=21.4,
               levels=(4, 4, 4, 5, 2, -1, 1),       # comparison vector, -1 = missing
               field_weights=(7.1, 5.3, 4.8, 6.2, 6.6, 0.0, 0.1))

Training: the prior probability of a match from near-certain rules; u probabilities by
random sampling; m probabilities by expectation maximisation on two blocking rules
that leave each other's fields free (surname and given name; full birth date). Term
frequencies adjust the surname and given-name exact levels.

Splink, DuckDB and pyarrow are imported here only, when scoring runs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any, Literal, NamedTuple

from homecoming.engines.linkage.blocking import (
    BLOCKING_RULES,
    DETERMINISTIC_RULES,
    TRAINING_RULES,
)
from homecoming.engines.linkage.comparisons import COMPARISONS, splink_comparison_dicts
from homecoming.engines.linkage.errors import LinkageError
from homecoming.engines.linkage.records import LinkRecord
from homecoming.engines.linkage.table import record_columns

__all__ = ["PairColumns", "ScoredPair", "score_columns", "score_pairs"]

Progress = Callable[[str], None]


class ScoredPair(NamedTuple):
    """A blocked pair with its match weight (log2 Bayes factor including the prior).

    A named tuple, as :class:`.LinkRecord`: one is made for every link.
    """

    left: int  # position in the left list
    right: int  # position in the right list (the same list when deduplicating)
    weight: float
    levels: tuple[int, ...]  # comparison vector, in the order of COMPARISONS
    field_weights: tuple[float, ...]  # weight of each comparison, same order


class PairColumns:
    """Scored pairs as columns, strongest first (ties by left, then right position).

    ``left``, ``right`` and ``weight`` are plain lists; :meth:`pair` makes the
    :class:`ScoredPair` of one position, so that the pairs nobody keeps never
    become objects.
    """

    __slots__ = ("_field_weights", "_levels", "left", "right", "weight")

    def __init__(
        self,
        left: list[int],
        right: list[int],
        weight: list[float],
        levels: Any,
        field_weights: Any,
    ) -> None:
        self.left = left
        self.right = right
        self.weight = weight
        self._levels = levels  # numpy arrays: pairs x comparisons
        self._field_weights = field_weights

    def __len__(self) -> int:
        return len(self.weight)

    def pairs(self, positions: Sequence[int]) -> list[ScoredPair]:
        """The scored pairs at ``positions``, made in one pass."""
        left, right, weight = self.left, self.right, self.weight
        return [
            ScoredPair(left[i], right[i], weight[i], tuple(lv), tuple(fw))
            for i, lv, fw in zip(
                positions,
                self._levels[list(positions)].tolist(),
                self._field_weights[list(positions)].tolist(),
                strict=True,
            )
        ]

    def pair(self, i: int) -> ScoredPair:
        """The scored pair at position ``i``."""
        return ScoredPair(
            left=self.left[i],
            right=self.right[i],
            weight=self.weight[i],
            levels=tuple(self._levels[i].tolist()),
            field_weights=tuple(self._field_weights[i].tolist()),
        )


def score_pairs(
    left: Sequence[LinkRecord],
    right: Sequence[LinkRecord] | None,
    *,
    min_weight: float,
    seed: int = 1,
    threads: int | None = None,
    progress: Progress | None = None,
) -> list[ScoredPair]:
    """Score the blocked pairs between ``left`` and ``right`` (within ``left`` if None).

    Returns pairs with a match weight of at least ``min_weight``, strongest first;
    for deduplication each pair appears once with ``left < right``.
    Raises :class:`LinkageError` when a list is empty.
    """
    columns = score_columns(
        left, right, min_weight=min_weight, seed=seed, threads=threads,
        progress=progress,
    )  # fmt: skip
    return columns.pairs(range(len(columns)))


def score_columns(
    left: Sequence[LinkRecord],
    right: Sequence[LinkRecord] | None,
    *,
    min_weight: float,
    seed: int = 1,
    threads: int | None = None,
    progress: Progress | None = None,
) -> PairColumns:
    """:func:`score_pairs` as columns, strongest first (see :class:`PairColumns`)."""
    import duckdb
    import pyarrow as pa
    from splink import DuckDBAPI, Linker, SettingsCreator

    if not left or (right is not None and not right):
        raise LinkageError("both lists need at least one record")
    step = progress or (lambda _: None)
    con = duckdb.connect()
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    # every result the engine reads is ordered by its own ORDER BY: DuckDB need not
    # keep rows in insertion order when Splink materialises a table (blocking and
    # prediction ran about a tenth faster; the links are the same)
    con.execute("SET preserve_insertion_order = false")
    db_api = DuckDBAPI(connection=con)
    # explicit types: a column that is empty on a whole list must still be a column
    # of the right type (pyarrow would make it the null type, which Splink drops)
    text, keys, number = pa.string(), pa.list_(pa.string()), pa.int32()
    schema = pa.schema(
        [("unique_id", pa.int64())]
        + [(c, text) for c in ("sk", "gk", "pk", "dob", "sn", "unit", "sex")]
        + [(c, keys) for c in ("sk_all", "gk_all", "pk_all")]
        + [(c, number) for c in ("byear", "bmonth", "bday")]
        + [("cday", number), ("cplace", text), ("cplace_all", keys)]
    )
    arrow = {"hc_left": pa.table(record_columns(left), schema=schema)}
    if right is not None:
        arrow["hc_right"] = pa.table(record_columns(right), schema=schema)
    tables = [db_api.register(table, table_name=name) for name, table in arrow.items()]
    n_left, n_right = len(left), len(right) if right is not None else len(left)
    link_type: Literal["link_only", "dedupe_only"] = (
        "link_only" if right is not None else "dedupe_only"
    )
    pairs_total = n_left * n_right if right is not None else n_left * (n_left - 1) / 2
    # one person per list on each side is the common case: a fair start for EM
    prior = min(0.5, min(n_left, n_right) / max(pairs_total, 1))
    comparisons: list[Any] = splink_comparison_dicts()
    rules: list[Any] = list(BLOCKING_RULES)
    settings = SettingsCreator(
        link_type=link_type,
        unique_id_column_name="unique_id",
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=rules,
        probability_two_random_records_match=prior,
        retain_matching_columns=True,  # Splink 5 keeps gamma_ columns only with these
        retain_intermediate_calculation_columns=True,
        max_iterations=20,
        em_convergence=0.001,
    )
    logging.getLogger("splink").setLevel(logging.ERROR)
    # the settings are the engine's own and fixed (tests cover them): Splink's
    # validation of them would only parse every SQL condition again
    linker = Linker(
        tables if len(tables) > 1 else tables[0],
        settings,
        log_level=None,
        validate_settings=False,
    )
    step("training")
    _train(linker, con, arrow, prior=prior, pairs_total=pairs_total, seed=seed)
    step("scoring")
    predictions = linker.inference.predict(
        threshold_match_weight=min_weight, warning_mode="never"
    )
    return _read_pairs(
        con, predictions.physical_name, swapped_possible=right is not None
    )


def _train(
    linker: Any,
    con: Any,
    arrow: dict[str, Any],
    *,
    prior: float,
    pairs_total: float,
    seed: int,
) -> None:
    """Estimate the prior, then u by random sampling, then m by EM (no labels)."""
    settings = linker._settings_obj
    # the prior as Splink's estimate_probability_two_random_records_match works it
    # out (pairs the near-certain rules find, over a recall of 0.7, over all pairs),
    # counted with the training rules' sizes in one pass of our own
    sure, rule_pairs = _pair_counts(arrow, DETERMINISTIC_RULES, TRAINING_RULES)
    estimate = sure / _DETERMINISTIC_RECALL / max(pairs_total, 1)
    # no near-certain pair at all (tiny or disjoint lists), or more than the
    # recall allows: keep the start value
    settings._probability_two_random_records_match = (
        estimate if 0 < estimate < 1 else prior
    )
    _estimate_u(linker, con, arrow, max_pairs=_U_PAIRS, seed=seed)
    for rule, count in zip(TRAINING_RULES, rule_pairs, strict=True):
        # a rule no pair satisfies teaches nothing (and Splink would leave the model
        # without the rule's comparisons if asked): train on the others
        if count >= _MIN_TRAINING_PAIRS:
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule, estimate_without_term_frequencies=True, max_pairs=_EM_PAIRS
            )


_DETERMINISTIC_RECALL = 0.7
_MIN_TRAINING_PAIRS = 10
# Training sample sizes: 50,000 random pairs give every u probability enough
# chance agreements (the rarest, a shared surname key, about 1 in 2,000 pairs);
# EM on 25,000 blocked pairs per rule learnt the same m probabilities as on
# 50,000 and 250,000 on the 50k benchmark (F1 0.9807, 0.9807, 0.9805; 15,000
# moved it to 0.9805), in a fifth less training time; fewer random pairs for u
# (30,000) cost recall (F1 0.9796) and saved nothing.
_U_PAIRS = 5e4
_EM_PAIRS = 2.5e4


def _estimate_u(
    linker: Any, con: Any, arrow: dict[str, Any], *, max_pairs: float, seed: int
) -> None:
    """u probabilities by random sampling, as Splink's ``estimate_u`` finds them.

    The same seeded sample of records (Splink's hash of source and id), the same
    comparison levels, the same proportions; but every comparison's level in one
    join of the sample, where Splink 5 joins it once per comparison.
    """
    from splink.internals.constants import LEVEL_NOT_OBSERVED_TEXT

    settings = linker._settings_obj
    dedupe = "hc_right" not in arrow
    names = ["hc_left"] if dedupe else ["hc_left", "hc_right"]
    counts = [arrow[name].num_rows for name in names]
    if dedupe:
        proportion = 0.5 * ((8 * max_pairs + 1) ** 0.5 + 1) / counts[0]
    else:
        links = (sum(counts) ** 2 - sum(c * c for c in counts)) / 2
        proportion = (max_pairs / links) ** 0.5
    uid_cols = settings.column_info_settings.unique_id_input_columns
    sample = linker._proportion_sample_sql(min(proportion, 1.0), uid_cols, seed=seed)
    # every name in these queries is the engine's own or Splink's; no user text
    sides = [
        f"(SELECT '{name}' AS source_dataset, * FROM {name} WHERE 1=1 {sample})"  # noqa: S608
        for name in names
    ]
    where = "WHERE l.unique_id < r.unique_id" if dedupe else ""
    comparisons = settings.comparisons
    columns: list[str] = []
    for comparison in comparisons:
        for column in comparison._columns_to_select_for_blocking():
            # term frequencies play no part in u (Splink drops them here too)
            if column not in columns and '."tf_' not in column:
                columns.append(column)
    cases = ", ".join(c._case_statement for c in comparisons)
    gammas = ", ".join(c._gamma_column_name for c in comparisons)
    sql = (
        f"WITH pairs AS (SELECT {', '.join(columns)} "  # noqa: S608
        f"FROM {sides[0]} AS l CROSS JOIN {sides[-1]} AS r {where}), "
        f"cv AS (SELECT {cases} FROM pairs) "
        f"SELECT {gammas}, count(*) FROM cv GROUP BY ALL"
    )
    rows = con.execute(sql).fetchall()
    for i, comparison in enumerate(comparisons):
        tally: dict[int, int] = {}
        for row in rows:
            tally[row[i]] = tally.get(row[i], 0) + row[-1]
        levels = comparison._comparison_levels_excluding_null
        total = sum(tally.get(cl.comparison_vector_value, 0) for cl in levels)
        for cl in levels:
            count = tally.get(cl.comparison_vector_value, 0)
            cl._add_trained_u_probability(
                count / total if count else LEVEL_NOT_OBSERVED_TEXT,
                "estimate u by random sampling",
            )
    linker._populate_m_u_from_trained_values()


def _pair_counts(
    arrow: dict[str, Any], union_rules: Sequence[str], rules: Sequence[str]
) -> tuple[int, list[int]]:
    """Distinct pairs any of ``union_rules`` makes, and the pairs of each of ``rules``.

    Counted on a connection of its own (the tables are registered Arrow data).
    """
    import duckdb

    dedupe = "hc_right" not in arrow
    right = "hc_left" if dedupe else "hc_right"
    extra = " AND l.unique_id < r.unique_id" if dedupe else ""
    # every name and rule in these queries is the engine's own; no user text
    join = f"FROM hc_left l JOIN {right} r ON "
    union = " UNION ".join(
        f"SELECT l.unique_id, r.unique_id {join}({rule}){extra}" for rule in union_rules
    )
    counts = [f"(SELECT count(*) FROM ({union}))"] + [  # noqa: S608
        f"(SELECT count(*) {join}({rule}){extra})" for rule in rules
    ]
    counter = duckdb.connect()
    try:
        for name, table in arrow.items():
            counter.register(name, table)
        row = counter.execute(f"SELECT {', '.join(counts)}").fetchone()
    finally:
        counter.close()
    values = [int(v) for v in row] if row else [0] * (1 + len(rules))
    return values[0], values[1:]


def _read_pairs(con: Any, table: str, *, swapped_possible: bool) -> PairColumns:
    import numpy as np

    gamma_cols = [f"gamma_{c.name}" for c in COMPARISONS]
    weight_exprs = []
    for comparison in COMPARISONS:
        mw = f"mw_{comparison.name}"
        if any(level.tf_column for level in comparison.levels):
            mw = f"{mw} + coalesce(mw_tf_adj_{comparison.name}, 0)"
        # a missing or infinite weight counts as none
        weight_exprs.append(
            f"CASE WHEN isfinite({mw}) THEN {mw} ELSE 0.0 END AS w_{comparison.name}"
        )
    # in a link job Splink may put either list on the left of a pair: swap back
    swap = "source_dataset_l = 'hc_right'" if swapped_possible else "false"
    # every name in this query is the engine's own; no user text reaches it
    sql = (
        f"SELECT CASE WHEN {swap} THEN unique_id_r ELSE unique_id_l END AS l, "  # noqa: S608
        f"CASE WHEN {swap} THEN unique_id_l ELSE unique_id_r END AS r, "
        f"match_weight AS w, {', '.join(gamma_cols)}, "
        f"{', '.join(weight_exprs)} FROM {table} ORDER BY w DESC, l, r"
    )
    data = con.execute(sql).fetchnumpy()
    n = len(data["w"])
    if n == 0:
        empty = np.zeros((0, len(COMPARISONS)))
        return PairColumns([], [], [], empty.astype(np.int64), empty)
    levels = np.column_stack([np.asarray(data[g], dtype=np.int64) for g in gamma_cols])
    field_weights = np.column_stack(
        [np.ma.filled(data[f"w_{c.name}"], 0.0).astype(np.float64) for c in COMPARISONS]
    )
    return PairColumns(
        np.asarray(data["l"], dtype=np.int64).tolist(),
        np.asarray(data["r"], dtype=np.int64).tolist(),
        np.asarray(data["w"], dtype=np.float64).tolist(),
        levels,
        field_weights,
    )
