"""Use case: many regimens, one per JSON line, for pharmacists and researchers offline.

Each line gives one output object, in order. A bad line yields ``{"line": n, "error": {…}}``
and the rest carry on: nothing is lost and nothing is skipped silently.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from mps_pain.domain.regimen import PrnPolicy
from mps_pain.errors import DocumentFormatError, MpsPainError
from mps_pain.services.mme_service import calculate_mme
from mps_pain.tables.index import TableIndex

__all__ = ["run_batch"]


def _one(
    line_number: int,
    line: str,
    index: TableIndex,
    table_id: str | None,
    prn_policy: PrnPolicy | None,
) -> dict[str, Any]:
    if not line.strip():
        raise DocumentFormatError("the line is empty; give one regimen object per line")
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as exc:
        raise DocumentFormatError(f"not valid JSON: {exc.msg} at column {exc.colno}") from None
    result = calculate_mme(raw, tables=index, table_id=table_id, prn_policy=prn_policy)
    payload: dict[str, Any] = {"line": line_number}
    payload.update(result.model_dump(mode="json"))
    return payload


def run_batch(
    lines: Iterable[str],
    *,
    tables: TableIndex,
    table_id: str | None = None,
    prn_policy: PrnPolicy | None = None,
) -> Iterator[dict[str, Any]]:
    """Yield one result or error object per input line, numbered from 1."""
    for line_number, line in enumerate(lines, start=1):
        try:
            yield _one(line_number, line, tables, table_id, prn_policy)
        except MpsPainError as exc:
            yield {"line": line_number, "error": exc.to_dict()}
