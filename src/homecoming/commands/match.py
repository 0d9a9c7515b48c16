"""`homecoming match`: link a sought list to a held list, or find duplicates in one.

    homecoming match SOUGHT.xlsx HELD.csv -o links.csv [--map "Колонка=canonical" ...]
    homecoming match --dedupe LIST.csv -o duplicates.csv

Reads the lists with the importer's header recognition (homecoming.lists), builds a
linkage record per row (a row giving only ПІБ/ФИО is parsed by the names engine),
links them with homecoming.engines.linkage and writes the link file of DESIGN.md
section 5: ``left_id,right_id,score,decision,reason``. A summary (links per band, time)
goes to stdout, progress to stderr. Problems in single cells (an unreadable date) are
reported on stderr and the cell is treated as missing; ``--strict`` stops at the first.
"""

from __future__ import annotations

import argparse
import csv
import gc
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from homecoming.commands import CommandError

if TYPE_CHECKING:
    from homecoming.engines.linkage import LinkageResult, LinkRecord
    from homecoming.lists import ListFile

LINK_FILE_HEADER = ("left_id", "right_id", "score", "decision", "reason")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "match",
        help="link a sought list to a held list (or find duplicates in one list)",
        description=(
            "Link the persons of LEFT (e.g. a sought list) to those of RIGHT (e.g. the "
            "other party's held list), at most one link per person on each side, and "
            "write left_id,right_id,score,decision,reason to the output file. "
            "decision is 'match' (safe to confirm) or 'possible' (needs review)."
        ),
    )
    parser.add_argument("left", nargs="?", type=Path, help="first list (CSV or XLSX)")
    parser.add_argument("right", nargs="?", type=Path, help="second list (CSV or XLSX)")
    parser.add_argument(
        "-o", "--output", type=Path, required=True, help="link file to write (CSV)"
    )
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help='map a column header to a canonical field, e.g. "Жетон=service_number"',
    )
    parser.add_argument(
        "--dedupe",
        type=Path,
        metavar="LIST",
        help="find likely duplicates within LIST instead of linking two lists",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="stop at the first problem in a cell instead of treating it as missing",
    )
    parser.add_argument(
        "--threads", type=int, default=None, help="DuckDB threads (default: all cores)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.dedupe is not None and (args.left or args.right):
        raise CommandError("give either LEFT and RIGHT, or --dedupe LIST, not both")
    if args.dedupe is None and (args.left is None or args.right is None):
        raise CommandError("give two lists (LEFT RIGHT) or --dedupe LIST")
    mapping = _mapping(args.map)
    mapped: set[str] = set()
    started = time.perf_counter()

    from homecoming.engines.linkage import Band, LinkageError, dedupe_list, link_lists

    if args.dedupe is not None:
        records = _records(
            args.dedupe, mapping, strict=args.strict, mapped_columns=mapped
        )
        _check_mapped(mapping, mapped)
        with _Stages() as stages:
            try:
                result = dedupe_list(
                    records, threads=args.threads, progress=stages, pause_gc=True
                )
            except LinkageError as exc:
                raise CommandError(f"{args.dedupe.name}: {exc}") from exc
        what = f"{args.dedupe.name}: {len(records)} records"
    else:
        # both lists' records are built in one go: one worker process for both,
        # with the name keys the first list taught it
        left, right = _build(
            [
                _read(args.left, mapping, strict=args.strict, mapped_columns=mapped),
                _read(args.right, mapping, strict=args.strict, mapped_columns=mapped),
            ]
        )
        _check_mapped(mapping, mapped)
        with _Stages() as stages:
            try:
                result = link_lists(
                    left, right, threads=args.threads, progress=stages, pause_gc=True
                )
            except LinkageError as exc:
                raise CommandError(str(exc)) from exc
        what = f"{args.left.name}: {len(left)} records, {args.right.name}: {len(right)} records"
    _write_links(args.output, result)
    elapsed = time.perf_counter() - started
    print(
        f"{what}; {result.count(Band.MATCH)} match, {result.count(Band.POSSIBLE)} possible; "
        f"{elapsed:.1f} s; links written to {args.output}"
    )
    return 0


def _check_mapped(mapping: dict[str, str], mapped: set[str]) -> None:
    missing = [column for column in mapping if column not in mapped]
    if missing:
        raise CommandError(f"--map: no list has a column {missing[0]!r}")


def _mapping(items: list[str]) -> dict[str, str]:
    """``--map`` pairs read as ``import`` reads them, each naming a canonical field."""
    from homecoming.apps.registry.mapping import MappingError, parse_mapping

    try:
        return parse_mapping(items)
    except MappingError as exc:
        raise CommandError(f"--map {exc}") from exc


def _records(
    path: Path,
    mapping: dict[str, str],
    *,
    strict: bool,
    mapped_columns: set[str] | None = None,
) -> list[LinkRecord]:
    """The linkage records of one list; ``mapped_columns`` collects the --map hits."""
    (records,) = _build(
        [_read(path, mapping, strict=strict, mapped_columns=mapped_columns)]
    )
    return records


def _read(
    path: Path,
    mapping: dict[str, str],
    *,
    strict: bool,
    mapped_columns: set[str] | None = None,
) -> ListFile:
    """One list read with the importer's header recognition, its problems reported."""
    from homecoming.lists import ListFileError, read_person_list

    mapped_columns = mapped_columns if mapped_columns is not None else set()
    try:
        list_file = read_person_list(path)
        if mapping:
            # --map applies to both lists: each takes the entries for its own columns
            headers = {*list_file.header_map, *list_file.extra_columns}
            own = {column: f for column, f in mapping.items() if column in headers}
            mapped_columns.update(own)
            if own:
                list_file = read_person_list(path, mapping=own)
    except ListFileError as exc:
        hint = ' (map a column with --map "Column=field")' if exc.mapping_help else ""
        raise CommandError(f"{exc}{hint}") from exc
    problems = [p for p in list_file.problems if p.field != "record_id"]
    if problems:
        if strict:
            raise CommandError(str(problems[0]))
        print(
            f"homecoming match: {len(problems)} cell(s) in {list_file.filename} "
            f"could not be read and count as missing; first: {problems[0]}",
            file=sys.stderr,
        )
    if not list_file.rows:
        raise CommandError(f"{list_file.filename}: the list has no rows")
    return list_file


def _build(list_files: list[ListFile]) -> list[list[LinkRecord]]:
    """A linkage record per row of each of ``list_files``, one list per file.

    All rows are built in one ``link_records`` call (a long run in two processes);
    the bar fills at the end. No cyclic GC passes while 100,000s of records are made
    (they hold no cycles), and none over them afterwards: they live until the
    command ends, so they are frozen (moved out of the collector's generations)
    instead of rescanned.
    """
    from tqdm import tqdm

    from homecoming.engines.linkage import link_record, link_records
    from homecoming.engines.names import NamesError

    per_file = [_rows(list_file) for list_file in list_files]
    rows = [row for file_rows in per_file for row in file_rows]
    names = ", ".join(list_file.filename for list_file in list_files)
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        with tqdm(
            total=len(rows),
            desc=f"reading {names}",
            unit=" rows",
            file=sys.stderr,
            leave=False,
        ) as bar:
            try:
                records = link_records(rows)
            except NamesError:
                # find the row to name it: one by one, as the error is rare
                for list_file, file_rows in zip(list_files, per_file, strict=True):
                    for row, fields in zip(list_file.rows, file_rows, strict=True):
                        try:
                            link_record(**fields)
                        except NamesError as exc:
                            raise CommandError(
                                f"{list_file.filename}, row {row.line}, "
                                f"field full_name: {exc}"
                            ) from exc
                raise
            bar.update(len(rows))
        gc.freeze()
    finally:
        if gc_was_enabled:
            gc.enable()
    out: list[list[LinkRecord]] = []
    start = 0
    for file_rows in per_file:
        out.append(records[start : start + len(file_rows)])
        start += len(file_rows)
    return out


def _rows(list_file: ListFile) -> list[dict[str, Any]]:
    """``link_record``'s keywords for each row of ``list_file`` (the registry's adapter)."""
    from homecoming.apps.registry.adapters import link_fields_of

    return [link_fields_of(row) for row in list_file.rows]


class _Stages:
    """A progress bar over the engine's stages (training, scoring, assigning)."""

    _ORDER = ("training", "scoring", "assigning")

    def __enter__(self) -> _Stages:
        from tqdm import tqdm

        self._bar = tqdm(
            total=len(self._ORDER), desc="linking", unit=" stages", file=sys.stderr
        )
        return self

    def __call__(self, stage: str) -> None:
        self._bar.set_description(stage)
        if stage in self._ORDER:
            self._bar.n = self._ORDER.index(stage)
            self._bar.refresh()

    def __exit__(self, *exc: object) -> None:
        self._bar.n = len(self._ORDER)
        self._bar.close()


def _write_links(path: Path, result: LinkageResult) -> None:
    from homecoming.lists import escape_cell

    try:
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(LINK_FILE_HEADER)
            for link in result.links:
                writer.writerow(
                    (
                        escape_cell(link.left_id),
                        escape_cell(link.right_id),
                        f"{link.score:.2f}",
                        str(link.decision),
                        link.reason,
                    )
                )
    except OSError as exc:
        raise CommandError(
            f"{path}: cannot write the link file ({exc.strerror})"
        ) from exc
