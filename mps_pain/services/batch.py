"""Use case: many regimens, one per JSON line, for pharmacists and researchers offline.

Each line gives one output object, in order. A bad line yields ``{"line": n, "error": {…}}``
and the rest carry on: nothing is lost and nothing is skipped silently. Input is read as bytes
and decoded line by line, so one invalid UTF-8 byte is that line's error; each line is parsed
strictly (``strict_load``: no duplicate keys, NaN, huge integers or deep nesting). Whatever a
line holds, its failure stays on its line: an unexpected failure is reported as that line's
``internal`` error object, never as the loss of the batch.

Large batches are split into chunks computed by worker processes (one per core); results are
written in input order, with a bounded number of chunks in flight so memory stays flat.

A line's object, apart from its ``line`` number, is a pure function of the line's bytes and
the command's choices. A line written again later in the batch (the same bytes) is therefore
computed once: its repeats copy the first one's object under their own line number. Up to
REPEATS_KEPT distinct lines are remembered (fewer for the full contract, whose objects are
larger); a line beyond that is computed each time it appears.
"""

from __future__ import annotations

import ctypes
import itertools
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from mps_pain.domain.regimen import PrnPolicy
from mps_pain.domain.results import MmeResult
from mps_pain.errors import MpsPainError
from mps_pain.input_files import BYTE_ORDER_MARK, LongLine
from mps_pain.services.batch_summary import JSON, Line, SummaryLines, internal_error, read_line
from mps_pain.services.mme_service import calculate_mme
from mps_pain.tables.index import TableIndex

__all__ = ["run_batch", "run_batch_lines"]

CHUNK_LINES = 1000
CHUNKS_IN_FLIGHT_PER_WORKER = 4
REPEATS_KEPT = {True: 100_000, False: 5_000}  # by --summary: a summary object is ~0.4 KB, a
# full one ~5 KB


Body = tuple[str, bool]
"""A line's JSON object without its ``"line"`` member, as text after the opening brace, and
whether it is an error object."""


def dumped(result: MmeResult) -> Any:
    """A result as computed (the command line passes ``mme --json``'s worded record instead,
    ``presentation.json_words.mme_record``: a full line says what ``mme --json`` says)."""
    return result.model_dump(mode="json")


Record = Callable[[MmeResult], Any]


def _full(
    line: Line, tables: TableIndex, table_id: str | None, prn: PrnPolicy | None, record: Record
) -> Any:
    return record(calculate_mme(read_line(line), tables=tables, table_id=table_id, prn_policy=prn))


def _guarded(compute: Callable[[], Any]) -> tuple[Any, bool]:
    """``(compute(), False)``, or the line's error object and True: whatever a line holds, its
    failure stays on its line."""
    try:
        return compute(), False
    except MpsPainError as exc:
        return {"error": exc.to_dict()}, True
    except Exception as exc:  # last resort per line: the other lines must carry on
        return {"error": internal_error(exc)}, True


def _outcome(
    line: Line,
    tables: TableIndex,
    table_id: str | None,
    prn_policy: PrnPolicy | None,
    summary: bool,
    record: Record = dumped,
) -> tuple[dict[str, Any], bool]:
    """A line's object without its number, and whether it is an error object."""
    if summary:
        return _guarded(lambda: _summariser(tables, table_id, prn_policy).outcome(line))
    return _guarded(lambda: _full(line, tables, table_id, prn_policy, record))


def _body(
    line: Line,
    tables: TableIndex,
    table_id: str | None,
    prn_policy: PrnPolicy | None,
    summary: bool,
    record: Record,
) -> Body:
    """``_outcome`` as text: '{"line":N,' + this text is json.dumps({"line": N, **body}),
    compactly (a summary written by ``SummaryLines.text``, the same bytes)."""
    if summary:
        found, failed = _guarded(lambda: _summariser(tables, table_id, prn_policy).text(line))
    else:
        found, failed = _guarded(lambda: _full(line, tables, table_id, prn_policy, record))
    return (found if isinstance(found, str) else JSON.encode(found)[1:]), failed


def run_batch(
    lines: Iterable[Line],
    *,
    tables: TableIndex,
    table_id: str | None = None,
    prn_policy: PrnPolicy | None = None,
    first_line: int = 1,
    summary: bool = False,
    record: Record = dumped,
) -> Iterator[dict[str, Any]]:
    """Yield one result or error object per input line, numbered from ``first_line``.

    With ``summary``, a line's object has totals, spread and warning codes, no prose
    (``batch_summary``).
    """
    for line_number, line in enumerate(lines, start=first_line):
        body, _ = _outcome(line, tables, table_id, prn_policy, summary, record)
        yield {"line": line_number, **body}


_worker_tables: TableIndex | None = None
_summarisers: dict[tuple[int, str | None, str | None], SummaryLines] = {}


def _summariser(
    tables: TableIndex, table_id: str | None, prn_policy: PrnPolicy | None
) -> SummaryLines:
    """One SummaryLines per process and choice, so its item cache lasts the whole batch."""
    key = (id(tables), table_id, prn_policy)
    if key not in _summarisers:
        _summarisers.clear()
        _summarisers[key] = SummaryLines(tables, table_id, prn_policy)
    return _summarisers[key]


def _init_worker(tables: TableIndex, parent: int | None = None) -> None:
    global _worker_tables
    _worker_tables = tables
    if parent is not None:
        _die_with(parent)


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _die_with(parent: int) -> None:
    """A worker ends when the process that started it dies, even by SIGKILL (fuzz review 15:
    the workers of a killed batch slept on as orphans). Linux only; elsewhere nothing changes."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os.kill(os.getpid(), signal.SIGTERM)


def _bodies(
    chunk: list[Line],
    table_id: str | None,
    prn_policy: PrnPolicy | None,
    summary: bool,
    record: Record,
) -> list[Body]:
    """Each line's object without its number, as text (runs in a worker process)."""
    assert _worker_tables is not None
    return [_body(line, _worker_tables, table_id, prn_policy, summary, record) for line in chunk]


def _key(line: Line) -> Line:
    """A line as the repeats know it: without its line break (a long line by itself)."""
    if isinstance(line, bytes):
        return line.rstrip(b"\r\n")
    return line.rstrip("\r\n") if isinstance(line, str) else line


class _Repeats:
    """Splits chunks into the lines to compute and the repeats of lines seen before."""

    def __init__(self, kept: int) -> None:
        self.kept = kept
        self._first: dict[Line, int] = {}  # a remembered line → the number it first had
        self._bodies: dict[int, Body] = {}  # that number → its object

    def plan(self, chunk: list[Line], start: int) -> tuple[list[Line], list[int]]:
        """The lines to compute, and per line of the chunk the number whose object it takes
        (its own number when it is computed)."""
        todo: list[Line] = []
        source: list[int] = []
        for number, line in enumerate(chunk, start=start):
            key = _key(line)
            first = self._first.get(key)
            if first is None:
                if len(self._first) < self.kept:
                    self._first[key] = number
                    self._bodies[number] = ("", False)  # filled when computed, before repeats
                todo.append(line)
                first = number
            source.append(first)
        return todo, source

    def emit(self, computed: list[Body], source: list[int], start: int) -> Iterator[Body]:
        """``(json_text, failed)`` per line of the chunk, in order."""
        fresh = iter(computed)
        for number, first in enumerate(source, start=start):
            if first == number:
                body = next(fresh)
                if number in self._bodies:
                    self._bodies[number] = body
            else:
                body = self._bodies[first]
            yield f'{{"line":{number},{body[0]}', body[1]


# the one reader's mark (``input_files``), as bytes or text as the lines come
_BOMS: dict[type, Any] = {bytes: BYTE_ORDER_MARK.encode("utf-8"), str: BYTE_ORDER_MARK}


def _without_bom(lines: Iterator[Line]) -> Iterator[Line]:
    """The lines with a UTF-8 byte-order mark at the start of the input dropped, as plain
    ``mme`` drops it from a file (editors on Windows write one); anywhere else it stays an error.
    """
    first = next(lines, None)
    if first is None:
        return iter(())
    if isinstance(first, LongLine):
        return itertools.chain((first,), lines)
    bom = _BOMS[type(first)]
    return itertools.chain((first[len(bom) :] if first.startswith(bom) else first,), lines)


class _Stop:
    """The lines up to a line that runs on without end (``LongLine.endless``), which is kept to
    be raised once the lines before it are written: the batch stops there, not before."""

    def __init__(self, lines: Iterator[Line]) -> None:
        self._lines = lines
        self.endless: LongLine | None = None

    def __iter__(self) -> Iterator[Line]:
        for line in self._lines:
            if isinstance(line, LongLine) and line.endless:
                self.endless = line
                return
            yield line

    def check(self) -> None:
        if self.endless is not None:
            raise self.endless.error()


def run_batch_lines(
    lines: Iterable[Line],
    *,
    tables: TableIndex,
    table_id: str | None = None,
    prn_policy: PrnPolicy | None = None,
    workers: int | None = None,
    summary: bool = False,
    record: Record = dumped,
) -> Iterator[Body]:
    """Yield ``(json_text, failed)`` per input line, in order, using ``workers`` processes;
    raise the refusal of a line without end after the lines before it."""
    stop = _Stop(_without_bom(iter(lines)))
    yield from _bodies_in_order(iter(stop), tables, table_id, prn_policy, workers, summary, record)
    stop.check()


def _bodies_in_order(
    source: Iterator[Line],
    tables: TableIndex,
    table_id: str | None,
    prn_policy: PrnPolicy | None,
    workers: int | None,
    summary: bool,
    record: Record,
) -> Iterator[Body]:
    count = workers if workers is not None else (os.cpu_count() or 1)
    chunks = iter(lambda: list(itertools.islice(source, CHUNK_LINES)), [])
    repeats = _Repeats(REPEATS_KEPT[summary])
    start = 1
    if count <= 1:
        _init_worker(tables)
        for chunk in chunks:
            todo, plan = repeats.plan(chunk, start)
            yield from repeats.emit(
                _bodies(todo, table_id, prn_policy, summary, record), plan, start
            )
            start += len(chunk)
        return
    with ProcessPoolExecutor(
        max_workers=count, initializer=_init_worker, initargs=(tables, os.getpid())
    ) as pool:
        pending: deque[tuple[Future[list[Body]], list[int], int]] = deque()
        for chunk in chunks:
            todo, plan = repeats.plan(chunk, start)
            job = pool.submit(_bodies, todo, table_id, prn_policy, summary, record)
            pending.append((job, plan, start))
            start += len(chunk)
            if len(pending) >= count * CHUNKS_IN_FLIGHT_PER_WORKER:
                job, plan, first = pending.popleft()
                yield from repeats.emit(job.result(), plan, first)
        while pending:
            job, plan, first = pending.popleft()
            yield from repeats.emit(job.result(), plan, first)
