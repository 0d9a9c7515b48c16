"""Building the records of a whole list, in two processes when the list is long.

    records = link_records(rows)   # rows: mappings of link_record's keywords

Each row is a mapping with ``record_id`` and any of :func:`link_record`'s keywords
(``surname``, ``given_name``, ``patronymic``, ``full_name``, ``birth_date``, ``sex``,
``service_number``, ``unit``). The result is exactly ``[link_record(**row) ...]`` in
row order. Reading names (parsing full-name cells, keying every spelling) is the
slowest part of linkage outside DuckDB and is plain Python, so on a machine with more
than one core a list of more than ``PARALLEL_MIN_ROWS`` rows is shared with a forked
worker, chunk by chunk::

    chunks   0 1 2 3 4 5 6 7 8 ...      claimed in turn from one shared counter
    parent   imports | 3 | 5 | 6 | 8 ...   (builds its chunks, and the worker's
    worker   0 | 1 | 2 | 4 | 7 ...          as they arrive from the pipe)

Whoever is free takes the next chunk, so the two finish together however busy the
machine or the parent (which, the first time, also imports the scoring libraries
linkage needs next). The worker sends each chunk back as its key columns (lists of
strings and tuples, cheap to pickle) while it goes on; a thread of this process
receives them, and this process makes their records between its own chunks, so
little is left to do after the last chunk. A chunk the worker does not deliver (a
bad row, a killed worker) is built here afterwards, so errors are raised as in one
process.
"""

from __future__ import annotations

import contextlib
import gc
import os
import threading
from collections import deque
from collections.abc import Mapping, Sequence
from typing import Any

from homecoming.engines.linkage.records import (
    KeyColumns,
    LinkRecord,
    assemble_records,
    build_records,
    key_columns,
)

__all__ = ["PARALLEL_MIN_ROWS", "link_records"]

# below this many rows a second process costs more (fork, pickling) than it saves
PARALLEL_MIN_ROWS = 20_000
# rows per chunk: small enough that neither process waits long for the other at
# the end (a chunk is about 50 ms), large enough that claiming and sending are cheap
CHUNK_ROWS = 2_000

# the rows a forked worker reads and the next chunk to claim: set just before the
# fork, so they reach the worker through the copied memory instead of being pickled
_ROWS: Sequence[Mapping[str, Any]] = ()
_NEXT: Any = None  # a multiprocessing.Value shared by both processes
_ONE_AT_A_TIME = threading.Lock()


def link_records(
    rows: Sequence[Mapping[str, Any]], *, processes: int | None = None
) -> list[LinkRecord]:
    """``[link_record(**row) for row in rows]`` (as :func:`.build_records` makes
    them), shared with a worker when long.

    ``processes`` caps the processes used (default: the CPUs this process may use,
    at most 2). Raises what :func:`link_record` raises for the first bad row found.
    """
    available = processes or min(2, _cpus())
    if available < 2 or len(rows) < PARALLEL_MIN_ROWS:
        return build_records(rows)
    # the rows and the counter are module state the worker inherits: one long list
    # at a time per process (another thread's call waits its turn)
    with _ONE_AT_A_TIME:
        return _shared_with_worker(rows)


def _shared_with_worker(rows: Sequence[Mapping[str, Any]]) -> list[LinkRecord]:
    import multiprocessing

    global _ROWS, _NEXT
    context = multiprocessing.get_context("fork")
    chunks: list[list[LinkRecord] | None] = [None] * -(-len(rows) // CHUNK_ROWS)
    _ROWS, _NEXT = rows, context.Value("l", 0)
    receiver, sender = context.Pipe(duplex=False)
    _widen(sender)
    worker = context.Process(target=_work, args=(sender, len(chunks)), daemon=True)
    inbox: deque[Any] = deque()
    listener = threading.Thread(target=_listen, args=(receiver, inbox))
    try:
        worker.start()
        sender.close()  # the worker's end: this process only reads
        # recv() waits with the GIL released, so the worker never waits for this
        # process to be free before it can send a chunk
        listener.start()
        if not _scoring_imported():
            _import_scoring()  # while the worker starts on the first chunks
        while (chunk := _claim(len(chunks))) is not None:
            chunks[chunk] = build_records(_rows_of(chunk))
            _take_in(inbox, chunks)
        listener.join()
        _take_in(inbox, chunks)
        # a chunk the worker could not build (a bad row, or the worker was killed)
        # is built here: a bad row raises its own error, as in one process
        for chunk, records in enumerate(chunks):
            if records is None:
                chunks[chunk] = build_records(_rows_of(chunk))
    finally:
        if worker.is_alive():
            worker.terminate()
        worker.join()
        if listener.is_alive():
            listener.join()  # the pipe is at its end now that the worker is gone
        receiver.close()
        _ROWS, _NEXT = (), None
    return [record for records in chunks for record in records or ()]


def _widen(sender: Any) -> None:
    """Let the pipe hold a few chunks, so the worker can send without waiting.

    A chunk is about 150 KB pickled and a pipe holds 64 KB: the worker would wait
    for this process's thread to read, and that thread waits for the GIL while this
    process builds its own chunk (doubling the worker's time per chunk, measured).
    """
    import fcntl

    size = getattr(fcntl, "F_SETPIPE_SZ", None)
    if size is None:  # pragma: no cover - not Linux
        return
    # a lower system limit refuses it: the default pipe still works, only slower
    with contextlib.suppress(OSError):
        fcntl.fcntl(sender.fileno(), size, 1 << 20)


def _claim(count: int) -> int | None:
    """The next chunk nobody has taken, or None when all are taken."""
    with _NEXT.get_lock():
        chunk = int(_NEXT.value)
        if chunk >= count:
            return None
        _NEXT.value = chunk + 1
    return chunk


def _listen(receiver: Any, inbox: deque[Any]) -> None:
    """In a thread: move the worker's messages into ``inbox`` until it is done."""
    while True:
        try:
            message = receiver.recv()
        except EOFError:  # the worker died without saying it was done
            return
        if message is None:
            return
        inbox.append(message)


def _take_in(inbox: deque[Any], chunks: list[list[LinkRecord] | None]) -> None:
    """Make the records of the chunks the worker has sent so far.

    A chunk it could not build comes as None and is left for this process.
    """
    while inbox:
        message: tuple[int, KeyColumns | None] = inbox.popleft()
        chunk, keyed = message
        if keyed is not None:
            chunks[chunk] = assemble_records(_rows_of(chunk), keyed)


def _rows_of(chunk: int) -> Sequence[Mapping[str, Any]]:
    start = chunk * CHUNK_ROWS
    return _ROWS[start : start + CHUNK_ROWS]


def _work(sender: Any, count: int) -> None:
    """In the worker: build chunks until none of ``count`` is left, sending each."""
    # the objects made here hold no cycles, and a collection would walk (and so
    # copy) every page of the parent's heap this process shares
    gc.disable()
    try:
        while (chunk := _claim(count)) is not None:
            try:
                keyed: KeyColumns | None = key_columns(_rows_of(chunk))
            except Exception:  # the parent builds it again, and raises
                keyed = None
            sender.send((chunk, keyed))
            if keyed is None:
                return
    finally:
        sender.send(None)
        sender.close()


def _scoring_imported() -> bool:
    import sys

    return "splink" in sys.modules


def _import_scoring() -> None:
    """Import what :mod:`.scoring` imports when it runs (Splink, DuckDB, pyarrow)."""
    import duckdb  # noqa: F401
    import pyarrow  # noqa: F401
    import splink  # noqa: F401

    # pyarrow imports pandas when the first table is made, if pandas is there: a
    # plain install (no extras) has none, and linkage needs none
    with contextlib.suppress(ImportError):
        import pandas  # noqa: F401


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
