"""What an interrupted ``backup`` leaves, and the next backup removes (fuzz review 19, D7).

A backup writes a hidden temporary copy beside its target (``.NAME.XXXXXXXX.partial``, made by
``tempfile.mkstemp``, and SQLite's ``-journal`` beside it) and renames it into place: a ``kill
-9`` between the two never leaves a half-written target, but it left the hidden copy of the
records (0600) for good. Every backup holds an advisory lock (``flock``) on its own temporary
copy while it writes it; the next backup into the folder removes each file of that naming that
no running backup holds, and never touches another name.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

__all__ = ["hold", "remove_stale_partials"]

try:  # POSIX; elsewhere no copy can be shown to be abandoned, so none is removed
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

#: ``tempfile.mkstemp(prefix=".NAME.", suffix=".partial")``: 8 characters of its alphabet
_OWN_NAMING = re.compile(r"\..+\.[a-z0-9_]{8}\.partial(?:-journal)?")
_JOURNAL = "-journal"


def hold(fd: int) -> None:
    """Mark the open temporary copy ``fd`` as being written (released when it is closed)."""
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def remove_stale_partials(folder: Path) -> tuple[Path, ...]:
    """Remove the temporary copies in ``folder`` that an interrupted backup left; the removed."""
    if fcntl is None:
        return ()
    removed = []
    for path in sorted(folder.iterdir()):
        if not _OWN_NAMING.fullmatch(path.name) or _held(_copy_of(path)):
            continue
        try:
            path.unlink()
        except OSError:  # gone meanwhile, or not ours to remove: left as it is
            continue
        removed.append(path)
    return tuple(removed)


def _copy_of(path: Path) -> Path:
    """The temporary copy itself (a journal belongs to the copy it is named after)."""
    return path.with_name(path.name.removesuffix(_JOURNAL))


def _held(copy: Path) -> bool:
    """A running backup holds ``copy``; a copy already gone holds nothing."""
    assert fcntl is not None
    try:
        fd = os.open(copy, os.O_RDONLY)
    except FileNotFoundError:
        return False
    except OSError:
        return True  # cannot be told: left alone
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False
