"""Blocking keeps recall: nearly every true pair agrees on at least one rule."""

import duckdb
import pyarrow as pa

from homecoming.engines.linkage import BLOCKING_RULES
from homecoming.engines.linkage.table import record_columns


def test_blocking_rules_keep_nearly_every_true_pair(generated_lists):
    sought, held, truth = generated_lists
    con = duckdb.connect()
    con.register("l_t", pa.table(record_columns(sought)))
    con.register("r_t", pa.table(record_columns(held)))
    any_rule = " OR ".join(f"({rule})" for rule in BLOCKING_RULES)
    blocked = con.execute(
        f"SELECT l.unique_id, r.unique_id FROM l_t l JOIN r_t r ON {any_rule}"  # noqa: S608
    ).fetchall()
    found = {(sought[a].record_id, held[b].record_id) for a, b in blocked}
    assert len(found & truth) / len(truth) >= 0.99
    # and blocking is selective: a few candidates per record, not all pairs
    assert len(blocked) < 40 * len(sought)
