"""Start-up cache of the validated tables (keyed by the table file's and the schema's bytes).

Validating ``conversion_tables.yaml`` takes a few hundred ms; unpickling the already validated
index takes a few ms. The cache is used only when the SHA-256 of the table file *and* of the
table-schema source files match the ones it was made from; otherwise the file is loaded and
validated strictly as usual (``mps_pain.tables.loader``), and the cache rewritten. The cache
lives in the user's own cache folder (platformdirs).
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mps_pain.tables.index import TableIndex

__all__ = ["cache_path", "load_tables_cached"]


def _schema_digest() -> str:
    import mps_pain.tables as package

    digest = hashlib.sha256()
    for source in sorted(Path(package.__file__).parent.glob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def cache_path(table_bytes: bytes) -> Path:
    from platformdirs import user_cache_path

    key = f"{hashlib.sha256(table_bytes).hexdigest()[:24]}-{_schema_digest()}"
    return user_cache_path("mps-pain", appauthor=False) / f"tables-{key}.pickle"


def load_tables_cached() -> TableIndex:
    """The tables named by ``default_tables_path()``, from the cache when it is current."""
    from mps_pain.tables.index import TableIndex
    from mps_pain.tables.loader import default_tables_path, load_tables_text

    path = default_tables_path()
    data = path.read_bytes()
    cached = cache_path(data)
    if cached.is_file():
        try:
            index = pickle.loads(cached.read_bytes())  # our own cache file, keyed by hashes
        except Exception:
            index = None
        if isinstance(index, TableIndex) and index.sha256 == hashlib.sha256(data).hexdigest():
            return index
    index = load_tables_text(data, origin=path.name)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_suffix(".tmp")
        temporary.write_bytes(pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
        temporary.replace(cached)
    except OSError:
        pass  # a read-only cache folder only costs start-up time
    return index
