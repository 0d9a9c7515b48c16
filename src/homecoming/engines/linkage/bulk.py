"""Building the records of a whole list, in two processes when the list is long.

    records = link_records(rows)   # rows: mappings of link_record's keywords

Each row is a mapping with ``record_id`` and any of :func:`link_record`'s keywords
(``surname``, ``given_name``, ``patronymic``, ``full_name``, ``birth_date``, ``sex``,
``service_number``, ``unit``). The result is exactly ``[link_record(**row) ...]`` in
row order. Reading names (parsing full-name cells, keying every spelling) is the
slowest part of linkage outside DuckDB and is plain Python, so on a machine with more
than one core a list of more than ``PARALLEL_MIN_ROWS`` rows is split in two: a forked
worker builds the second part while this process builds the first (and, the first
time, imports the scoring libraries linkage needs next). The worker sends back plain
tuples of strings (cheap to pickle); the records are made here.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

from homecoming.engines.linkage.records import LinkRecord, link_record

__all__ = ["PARALLEL_MIN_ROWS", "link_records"]

# below this many rows a second process costs more (fork, pickling) than it saves
PARALLEL_MIN_ROWS = 20_000

# the rows a forked worker reads: set just before the fork, so they reach the
# worker through the copied memory instead of being pickled to it
_ROWS: Sequence[Mapping[str, Any]] = ()

# what the worker sends back per row: the name parts when it read them from the full
# name (else None: the row's own fields), then the fields worked out from the row
_Built = tuple[
    tuple[str, str, str] | None, str | None,
    tuple[str, ...], tuple[str, ...], tuple[str, ...], str, str,
]  # fmt: skip


def link_records(
    rows: Sequence[Mapping[str, Any]], *, processes: int | None = None
) -> list[LinkRecord]:
    """``[link_record(**row) for row in rows]``, the second half in a worker when long.

    ``processes`` caps the processes used (default: the CPUs this process may use,
    at most 2). Raises what :func:`link_record` raises for the first bad row found.
    """
    available = processes or min(2, _cpus())
    if available < 2 or len(rows) < PARALLEL_MIN_ROWS:
        return [link_record(**row) for row in rows]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _ROWS
    # while the worker builds its part, this process imports the scoring libraries
    # linkage needs next (0.6 s with pandas): it takes a smaller part when it will
    warm = not _scoring_imported()
    half = _parent_share(len(rows), importing=warm)
    _ROWS = rows
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            future = pool.submit(_build_range, half, len(rows))
            first = [link_record(**row) for row in rows[:half]]
            if warm:
                _import_scoring()
            built = future.result()
    finally:
        _ROWS = ()
    second = [
        # fields in LinkRecord order: the written text from the row (stripped, as
        # link_record keeps it) unless the worker read it from the full name
        LinkRecord(
            row["record_id"],
            *(b[0] or _written(row)),
            row.get("full_name", "").strip(),
            row.get("birth_date"),
            b[1],
            row.get("service_number", "").strip(),
            row.get("unit", "").strip(),
            b[2],
            b[3],
            b[4],
            b[5],
            b[6],
        )
        for row, b in zip(rows[half:], built, strict=True)
    ]
    return first + second


def _parent_share(rows: int, *, importing: bool) -> int:
    """How many of ``rows`` this process builds so that both finish together.

    A row costs the worker about a sixth more than this process (its first touch
    of the copied memory, and the tuples it sends back); the imports take as long
    as about ``_IMPORT_ROWS`` rows. Measured on the 50k benchmark: a list of
    49,000 rows is split about 0.31 : 0.69, both lists together 0.42 : 0.58.
    """
    if not importing:
        return int(rows * _WORKER_COST / (1 + _WORKER_COST))
    return max(
        rows // 5, int((rows * _WORKER_COST - _IMPORT_ROWS) / (1 + _WORKER_COST))
    )


_WORKER_COST = 1.17  # a row's cost in the worker, against this process
_IMPORT_ROWS = 24_000


def _scoring_imported() -> bool:
    import sys

    return "splink" in sys.modules


def _import_scoring() -> None:
    """Import what :mod:`.scoring` imports when it runs (Splink, DuckDB, pyarrow)."""
    import duckdb  # noqa: F401
    import pandas  # noqa: F401  (pyarrow imports it when the first table is made)
    import pyarrow  # noqa: F401
    import splink  # noqa: F401


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _build_range(start: int, stop: int) -> list[_Built]:
    """In the worker: the records of ``_ROWS[start:stop]`` as plain tuples."""
    out: list[_Built] = []
    for row in _ROWS[start:stop]:
        r = link_record(**row)
        parts = (r.surname, r.given_name, r.patronymic)
        out.append(
            (
                None if parts == _written(row) else parts, r.sex,
                r.surname_keys, r.given_ids, r.patronymic_ids, r.service_key,
                r.unit_key,
            )
        )  # fmt: skip
    return out


def _written(row: Mapping[str, Any]) -> tuple[str, str, str]:
    """The row's own name fields as :func:`link_record` keeps them (stripped)."""
    return (
        row.get("surname", "").strip(),
        row.get("given_name", "").strip(),
        row.get("patronymic", "").strip(),
    )
