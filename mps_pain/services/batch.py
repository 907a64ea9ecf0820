"""Use case: many regimens, one per JSON line, for pharmacists and researchers offline.

Each line gives one output object, in order. A bad line yields ``{"line": n, "error": {…}}``
and the rest carry on: nothing is lost and nothing is skipped silently. Input is read as bytes
and decoded line by line, so one invalid UTF-8 byte is that line's error; each line is parsed
strictly (``strict_load``: no duplicate keys, NaN, huge integers or deep nesting). Whatever a
line holds, its failure stays on its line: an unexpected failure is reported as that line's
``internal`` error object, never as the loss of the batch.

Large batches are split into chunks computed by worker processes (one per core); results are
written in input order, with a bounded number of chunks in flight so memory stays flat.
"""

from __future__ import annotations

import itertools
import json
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from mps_pain.domain.regimen import PrnPolicy
from mps_pain.errors import MpsPainError
from mps_pain.services.batch_summary import SummaryLines, internal_error, read_line
from mps_pain.services.mme_service import calculate_mme
from mps_pain.tables.index import TableIndex

__all__ = ["run_batch", "run_batch_lines"]

CHUNK_LINES = 1000
CHUNKS_IN_FLIGHT_PER_WORKER = 4


Line = str | bytes


def _one(
    line: Line,
    tables: TableIndex,
    table_id: str | None,
    prn_policy: PrnPolicy | None,
) -> dict[str, Any]:
    result = calculate_mme(read_line(line), tables=tables, table_id=table_id, prn_policy=prn_policy)
    return result.model_dump(mode="json")


def run_batch(
    lines: Iterable[Line],
    *,
    tables: TableIndex,
    table_id: str | None = None,
    prn_policy: PrnPolicy | None = None,
    first_line: int = 1,
    summary: bool = False,
) -> Iterator[dict[str, Any]]:
    """Yield one result or error object per input line, numbered from ``first_line``.

    With ``summary``, a line's object has totals, spread and warning codes, no prose
    (``batch_summary``).
    """
    summarise = _summariser(tables, table_id, prn_policy) if summary else None
    for line_number, line in enumerate(lines, start=first_line):
        try:
            if summarise is not None:
                body = summarise.outcome(line)
            else:
                body = _one(line, tables, table_id, prn_policy)
        except MpsPainError as exc:
            body = {"error": exc.to_dict()}
        except Exception as exc:  # last resort per line: the other lines must carry on
            body = {"error": internal_error(exc)}
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


def _init_worker(tables: TableIndex) -> None:
    global _worker_tables
    _worker_tables = tables


def _chunk_to_json(
    chunk: list[Line],
    first_line: int,
    table_id: str | None,
    prn_policy: PrnPolicy | None,
    summary: bool = False,
) -> list[tuple[str, bool]]:
    """One chunk, as ``(json_text, failed)`` per line (runs in a worker process)."""
    assert _worker_tables is not None
    if summary:
        summarise = _summariser(_worker_tables, table_id, prn_policy)
        return [summarise.text(n, line) for n, line in enumerate(chunk, start=first_line)]
    return [
        (json.dumps(payload, ensure_ascii=False, separators=(",", ":")), "error" in payload)
        for payload in run_batch(
            chunk,
            tables=_worker_tables,
            table_id=table_id,
            prn_policy=prn_policy,
            first_line=first_line,
        )
    ]


def run_batch_lines(
    lines: Iterable[Line],
    *,
    tables: TableIndex,
    table_id: str | None = None,
    prn_policy: PrnPolicy | None = None,
    workers: int | None = None,
    summary: bool = False,
) -> Iterator[tuple[str, bool]]:
    """Yield ``(json_text, failed)`` per input line, in order, using ``workers`` processes."""
    count = workers if workers is not None else (os.cpu_count() or 1)
    source = iter(lines)
    chunks = iter(lambda: list(itertools.islice(source, CHUNK_LINES)), [])
    start = 1
    if count <= 1:
        _init_worker(tables)
        for chunk in chunks:
            yield from _chunk_to_json(chunk, start, table_id, prn_policy, summary)
            start += len(chunk)
        return
    with ProcessPoolExecutor(
        max_workers=count, initializer=_init_worker, initargs=(tables,)
    ) as pool:
        pending: deque[Future[list[tuple[str, bool]]]] = deque()
        for chunk in chunks:
            pending.append(pool.submit(_chunk_to_json, chunk, start, table_id, prn_policy, summary))
            start += len(chunk)
            if len(pending) >= count * CHUNKS_IN_FLIGHT_PER_WORKER:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
