"""Load ``data/conversion_tables.yaml`` strictly, hash it, and cache the result.

``load_tables(path)`` parses with PyYAML's C loader (refusing duplicate mapping keys, which
PyYAML would otherwise silently overwrite), validates the frozen models, runs the cross-record
checks and returns a ``LoadedTables`` that knows its version and the identity of the data: the
SHA-256 over the hashes of every data file the engine decides from (``data_identity.py``).
Any problem raises TableValidationError naming the place: start-up stops. ``get_tables`` may
take the validated tables from the cache of an earlier full load of the very same bytes by the
very same code (``mps_pain/tables/cache.py``); the hash and version shown are the data's.

Run ``python -m mps_pain.tables.loader [PATH]`` to check a table file by hand.
"""

from __future__ import annotations

import hashlib
import sys
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from mps_pain.errors import TableValidationError
from mps_pain.paths import data_dir, default_tables_path
from mps_pain.strict_load import loads_yaml
from mps_pain.tables.cache import cache_key, read_cached, write_cached
from mps_pain.tables.data_identity import (
    IDENTITY_FILE,
    TABLES_FILE,
    data_identity,
    file_digest,
    recorded,
    recorded_text,
)
from mps_pain.tables.index import TableIndex
from mps_pain.tables.integrity import check_integrity
from mps_pain.tables.schema import ConversionTables
from mps_pain.validation import missing_key, more_problems, unknown_key

__all__ = [
    "default_tables_path",
    "get_tables",
    "load_tables",
    "load_tables_text",
    "recorded_sha256",
    "shipped_hash_path",
]


def _loc_to_path(loc: tuple[int | str, ...], raw: Any) -> str:
    """A pydantic location as a path that names list items by their id.

    ``('reference_sets', 1, 'factors', 4, 'per')`` → ``reference_sets[cdc-2016].factors[4].per``.
    """
    parts: list[str] = []
    node = raw
    for element in loc:
        if isinstance(element, int):
            label = str(element)
            if isinstance(node, list) and 0 <= element < len(node):
                node = node[element]
                if isinstance(node, dict) and isinstance(node.get("id"), str):
                    label = node["id"]
            else:
                node = None
            if parts:
                parts[-1] += f"[{label}]"
            else:
                parts.append(f"[{label}]")
        else:
            parts.append(str(element))
            node = node.get(element) if isinstance(node, dict) else None
    return ".".join(parts) or "(document)"


def shipped_hash_path() -> Path:
    """Where the SHA-256 of each shipped data file is recorded (``sha256sum -c`` reads it)."""
    return data_dir() / IDENTITY_FILE


def recorded_sha256() -> str | None:
    """The hash recorded for the shipped table file, or None if the record is missing."""
    return recorded().digests.get(TABLES_FILE)


def load_tables_text(
    text: bytes, *, origin: str = "<text>", file_path: Path | None = None, cached: bool = False
) -> TableIndex:
    """Parse, validate and index table bytes (tests use this with small inline tables).

    Bytes whose hash differs from the recorded shipped hash are "modified tables": the index
    carries their ``file_path`` (or ``origin``) so every result says so, as it does any other
    data file that is not as recorded; its ``sha256`` is the identity of all of them.
    ``cached``: use the validated tables stored after an earlier full load of the same bytes by
    the same code (``mps_pain/tables/cache.py``), else load in full and store them.
    """
    digest = hashlib.sha256(text).hexdigest()
    if cached:
        key = cache_key(digest)
        tables = read_cached(key)
        if tables is None:
            tables = _validated(text, origin)
            write_cached(key, tables)
    else:
        tables = _validated(text, origin)
    shown = str(file_path) if file_path is not None else origin
    identity = data_identity(digest, shown)
    modified = "; ".join(identity.modified) or None
    return TableIndex(tables, sha256=identity.sha256, origin=origin, modified_path=modified)


def _validated(text: bytes, origin: str) -> ConversionTables:
    """The full load: strict YAML, every model, the cross-record checks."""
    raw = loads_yaml(text, origin=origin, error=TableValidationError)
    if not isinstance(raw, dict):
        raise TableValidationError(
            f"{origin} must hold a mapping at the top", location="(document)"
        )
    try:
        tables = ConversionTables.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        path = _loc_to_path(tuple(first["loc"]), raw)
        message = first["msg"].removeprefix("Value error, ")
        if first["type"] == "extra_forbidden":
            message = unknown_key(str(first["loc"][-1]))
        elif first["type"] == "missing":
            message = missing_key(str(first["loc"][-1]))
        suffix = more_problems(exc.error_count() - 1)
        raise TableValidationError(f"{origin}: {message}{suffix}", location=path) from None
    check_integrity(tables)
    return tables


def load_tables(path: Path | str, *, cached: bool = False) -> TableIndex:
    """Load and validate one table file; raises TableValidationError naming the place."""
    file = Path(path)
    try:
        text = file.read_bytes()
    except OSError as exc:
        raise TableValidationError(f"cannot read the table file {file}: {exc.strerror}") from None
    return load_tables_text(text, origin=file.name, file_path=file.resolve(), cached=cached)


@cache
def get_tables() -> TableIndex:
    """The shipped tables (or ``$MPS_PAIN_TABLES``), loaded once per process; validated in
    full, or taken from the cache of an earlier full load of the same bytes (see above)."""
    return load_tables(default_tables_path(), cached=True)


def main(argv: list[str] | None = None) -> int:
    """Check a table file; ``--record`` records the shipped data files' hashes after a reviewed
    edit (refused while the version is the one recorded: a change needs a new version)."""
    args = sys.argv[1:] if argv is None else argv
    record = "--record" in args
    paths = [a for a in args if a != "--record"]
    shipped = data_dir() / TABLES_FILE if record else default_tables_path()
    path = Path(paths[0]) if paths else shipped
    try:
        loaded = load_tables(path)
    except TableValidationError as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        return 1
    if record:
        if paths:
            print("--record records the shipped tables only; give no PATH", file=sys.stderr)
            return 1
        return _record(loaded)
    tables = loaded.tables
    state = "shipped version" if loaded.modified_path is None else "MODIFIED TABLES"
    print(
        f"{path}: valid. version {tables.version}, sha256 {loaded.sha256} ({state}), "
        f"{len(tables.reference_sets)} reference sets, {len(tables.drugs)} drugs, "
        f"{sum(len(s.factors) for s in tables.reference_sets)} factors"
    )
    return 0


def _record(loaded: TableIndex) -> int:
    """Write the version and each listed file's hash, unless a file changed under the version
    already recorded (then the tables' version must be bumped first)."""
    record = recorded()
    names = sorted({*record.digests, TABLES_FILE})
    try:
        digests = {name: file_digest(name) for name in names}
    except TableValidationError as exc:
        print(exc, file=sys.stderr)
        return 1
    if record.version == loaded.version and digests != record.digests:
        changed = ", ".join(n for n in names if record.digests.get(n) != digests[n])
        print(
            f"{changed} changed but the version is still {loaded.version}, as recorded: "
            "bump `version` in conversion_tables.yaml first",
            file=sys.stderr,
        )
        return 1
    shipped_hash_path().write_text(recorded_text(loaded.version, digests), encoding="ascii")
    print(f"recorded version {loaded.version} and the sha256 of {', '.join(names)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
