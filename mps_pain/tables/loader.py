"""Load ``data/conversion_tables.yaml`` strictly, hash it, and cache the result.

``load_tables(path)`` parses with PyYAML's C loader (refusing duplicate mapping keys, which
PyYAML would otherwise silently overwrite), validates the frozen models, runs the cross-record
checks and returns a ``LoadedTables`` that knows its version and the SHA-256 of the file bytes.
Any problem raises TableValidationError naming the place: start-up stops.

Run ``python -m mps_pain.tables.loader [PATH]`` to check a table file by hand.
"""

from __future__ import annotations

import hashlib
import sys
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from mps_pain.errors import TableValidationError
from mps_pain.paths import default_tables_path
from mps_pain.tables.index import TableIndex
from mps_pain.tables.integrity import check_integrity
from mps_pain.tables.schema import ConversionTables

__all__ = ["default_tables_path", "get_tables", "load_tables", "load_tables_text"]

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_BaseLoader):
    """Safe loader that refuses a key written twice in one mapping."""


def _construct_mapping(loader: Any, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        # Scalar keys are compared by their text (no second construction); others are built.
        if isinstance(key_node, yaml.ScalarNode):
            key: Any = (key_node.tag, key_node.value)
            shown = key_node.value
        else:
            key = shown = loader.construct_object(key_node, deep=deep)
        line = key_node.start_mark.line + 1
        if key in seen:
            raise TableValidationError(
                f"key '{shown}' appears twice in one mapping (line {seen[key]} and line {line})",
                location=f"line {line}",
            )
        seen[key] = line
    return dict(loader.construct_mapping(node, deep=deep))


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


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


def load_tables_text(text: bytes, *, origin: str = "<text>") -> TableIndex:
    """Parse, validate and index table bytes (tests use this with small inline tables)."""
    digest = hashlib.sha256(text).hexdigest()
    try:
        raw = yaml.load(text, Loader=_StrictLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else None
        raise TableValidationError(f"{origin} is not valid YAML: {exc}", location=where) from None
    if not isinstance(raw, dict):
        raise TableValidationError(
            f"{origin} must hold a mapping at the top", location="(document)"
        )
    try:
        tables = ConversionTables.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        path = _loc_to_path(tuple(first["loc"]), raw)
        message = first["msg"]
        if first["type"] == "extra_forbidden":
            message = f"unknown key '{first['loc'][-1]}'"
        elif first["type"] == "missing":
            message = f"required key '{first['loc'][-1]}' is missing"
        more = exc.error_count() - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        raise TableValidationError(f"{origin}: {message}{suffix}", location=path) from None
    check_integrity(tables)
    return TableIndex(tables, sha256=digest, origin=origin)


def load_tables(path: Path | str) -> TableIndex:
    """Load and validate one table file; raises TableValidationError naming the place."""
    file = Path(path)
    try:
        text = file.read_bytes()
    except OSError as exc:
        raise TableValidationError(f"cannot read the table file {file}: {exc.strerror}") from None
    return load_tables_text(text, origin=file.name)


@cache
def get_tables() -> TableIndex:
    """The shipped tables, loaded once per process."""
    return load_tables(default_tables_path())


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else default_tables_path()
    try:
        index = load_tables(path)
    except TableValidationError as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        return 1
    tables = index.tables
    print(
        f"{path}: valid. version {tables.version}, sha256 {index.sha256[:16]}…, "
        f"{len(tables.reference_sets)} reference sets, {len(tables.drugs)} drugs, "
        f"{sum(len(s.factors) for s in tables.reference_sets)} factors"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
