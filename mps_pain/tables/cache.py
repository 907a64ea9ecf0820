"""A cache of the validated tables, like Python's ``.pyc`` files (issue 10 §7: the first MME).

Reading ``conversion_tables.yaml`` and validating it costs ~150 ms of CPU on every start, and the
answer depends only on the file's bytes and on the code that validates them. After a full,
strict load (``loader.load_tables_text``: YAML, every model, the cross-record checks) the
validated ``ConversionTables`` is stored in the user's cache folder; the next start uses it only
if every part of its key matches:

- the SHA-256 of the YAML bytes just read (one changed byte: another key);
- the package version, and the SHA-256 of every source file of ``mps_pain`` (the schema, the
  integrity checks and whatever they call: a changed rule in a checkout is another key);
- the Python, pydantic and pydantic-core versions (they define the stored objects).

The file holds a header (format, key, SHA-256 of the payload) and the pickled tables. A file
that is not ours, is truncated, altered by one byte, was written for another key, is writable
by others, or fails to unpickle into ``ConversionTables`` is ignored: the caller does the full
load (and writes the file again). Unpickling is restricted to the table classes of ``mps_pain``
(no other callable can run). The version and SHA-256 shown with every result are always those
of the YAML file read on this start (the loader computes them from its bytes).

``MPS_PAIN_CACHE_DIR`` names another folder (the tests use it); the folder is made 0700 and the
file 0600, and a folder or file that others may write is not used.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import stat
import sys
import tempfile
from functools import cache
from pathlib import Path

import pydantic
import pydantic_core

import mps_pain
from mps_pain.tables.schema import ConversionTables

__all__ = ["CACHE_ENV", "cache_dir", "cache_key", "cache_path", "read_cached", "write_cached"]

CACHE_ENV = "MPS_PAIN_CACHE_DIR"
_MAGIC = b"mps-pain validated tables 1\n"
_FILE_NAME = "conversion_tables.validated"
_OURS = "mps_pain."


def cache_dir() -> Path:
    """``$MPS_PAIN_CACHE_DIR`` if set, else the user's cache folder: on Linux what platformdirs
    answers (``$XDG_CACHE_HOME`` if absolute, else ``~/.cache``), read without importing it
    (~8 ms of CPU on the first MME's path); elsewhere platformdirs'."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    if sys.platform.startswith("linux"):
        xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
        base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"
        return base / "mps-pain"
    # start-up seam: platformdirs where the folder is not the XDG one
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("mps-pain", appauthor=False))


def cache_path() -> Path:
    return cache_dir() / _FILE_NAME


@cache
def code_fingerprint() -> str:
    """SHA-256 over every source file of the ``mps_pain`` package (path and bytes)."""
    root = os.path.dirname(os.path.abspath(mps_pain.__file__))
    digest = hashlib.sha256()
    for folder, folders, files in os.walk(root):  # os.walk: half pathlib's CPU here
        folders[:] = sorted(name for name in folders if name != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                with open(path, "rb") as file:
                    relative = os.path.relpath(path, root).replace(os.sep, "/")
                    digest.update(relative.encode() + b"\0" + file.read() + b"\0")
    return digest.hexdigest()


def cache_key(yaml_sha256: str, *, version: str = mps_pain.__version__) -> str:
    """The key of a cache entry: the YAML's hash, our version and code, and the libraries'."""
    parts = (
        yaml_sha256,
        version,
        code_fingerprint(),
        sys.version,
        pydantic.VERSION,
        pydantic_core.__version__,
        str(pickle.HIGHEST_PROTOCOL),
    )
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


class _TablesOnly(pickle.Unpickler):
    """Builds only classes defined in ``mps_pain``'s table and unit modules."""

    def find_class(self, module: str, name: str) -> type:
        if module.startswith(_OURS + "tables.") or module == _OURS + "units":
            found = getattr(sys.modules.get(module), name, None)
            if isinstance(found, type):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not a table class")


def _private(path: Path) -> bool:
    """Ours and writable by nobody else (the folder too)."""
    if not hasattr(os, "getuid"):
        return True  # Windows: the user's own profile folder
    for each in (path.parent, path):
        info = os.stat(each)
        if info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return False
    return True


def read_cached(key: str) -> ConversionTables | None:
    """The tables stored under ``key``, or None (no file, or any doubt about it)."""
    path = cache_path()
    try:
        if not _private(path):
            return None
        data = path.read_bytes()
        header, payload = _split(data)
        if header != (key.encode(), hashlib.sha256(payload).hexdigest().encode()):
            return None
        tables = _TablesOnly(io.BytesIO(payload)).load()
    except Exception:  # a cache: whatever is wrong with it, the full load decides
        return None
    return tables if type(tables) is ConversionTables else None


def _split(data: bytes) -> tuple[tuple[bytes, bytes], bytes]:
    if not data.startswith(_MAGIC):
        raise ValueError("not a tables cache")
    key, digest, payload = data[len(_MAGIC) :].split(b"\n", 2)
    return (key, digest), payload


def write_cached(key: str, tables: ConversionTables) -> None:
    """Store validated tables under ``key`` (atomically; a folder we cannot use is skipped)."""
    folder = cache_dir()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        payload = pickle.dumps(tables, protocol=pickle.HIGHEST_PROTOCOL)
        digest = hashlib.sha256(payload).hexdigest()
        data = _MAGIC + key.encode() + b"\n" + digest.encode() + b"\n" + payload
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tables-")  # 0600
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(temporary, folder / _FILE_NAME)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    except OSError:
        return  # a read-only or full disk: every start does the full load
