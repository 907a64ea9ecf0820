"""Parse the table file's YAML in a second process while the app starts (issue 10 §7).

The desktop app's first MME waits for the tables, and the strict YAML parse of
``data/conversion_tables.yaml`` is about a tenth of the instructions to the first MME, run while
the machine's second core is idle. ``start(path)`` forks a child process, before Qt or any
other thread exists, that reads the file, parses it with the same strict reader
(``strict_load.loads_yaml``) and sends back the SHA-256 of the bytes it read with the parsed
document as ``marshal`` data (dicts, lists, text, numbers, booleans and None round-trip exactly,
type for type). ``take(path, digest)`` gives the loader that document only if it was parsed
from bytes whose SHA-256 is the one the loader computed from the bytes it read itself. In every
other case (nothing started, a refusal, a crash, changed bytes, a value marshal cannot carry,
a platform without ``fork``, a process that already runs threads) it gives None and the loader
parses the bytes itself, so what is accepted, what is refused and how a refusal reads do not
change. Nothing is written to disk; the child lives only until the loader takes its answer.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from pathlib import Path
from typing import Any

__all__ = ["discard", "start", "take", "taken"]

_pending: dict[Path, tuple[int, int]] = {}  # path -> (the child's pid, read end of its pipe)
_taken: list[Path] = []


def _single_threaded() -> bool:
    """Forking is safe only while this process runs one thread (Linux: /proc/self/task)."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


def start(path: Path) -> bool:
    """Fork a child that parses ``path``; False when nothing was started (see above)."""
    path = path.resolve()
    if not sys.platform.startswith("linux") or path in _pending or not _single_threaded():
        return False
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: parse, send, leave without the parent's exit handlers
        os.close(read_end)
        code = 1
        try:
            _send(path, write_end)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    _pending[path] = (pid, read_end)
    return True


def _send(path: Path, write_end: int) -> None:
    # start-up seam: the strict reader is imported in the child only
    from mps_pain.errors import TableValidationError
    from mps_pain.strict_load import loads_yaml

    text = path.read_bytes()
    raw = loads_yaml(text, origin=path.name, error=TableValidationError)
    payload = marshal.dumps((hashlib.sha256(text).hexdigest(), raw))
    with os.fdopen(write_end, "wb") as pipe:
        pipe.write(payload)


def take(path: Path, digest: str) -> Any | None:
    """The document parsed ahead from ``path``, if the bytes parsed had SHA-256 ``digest``."""
    pending = _pending.pop(path, None)
    if pending is None:
        return None
    pid, read_end = pending
    with os.fdopen(read_end, "rb") as pipe:
        payload = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not payload:
        return None
    try:
        parsed_digest, raw = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    if parsed_digest != digest:
        return None
    _taken.append(path)
    return raw


def taken() -> tuple[Path, ...]:
    """The files whose parse ahead the loader used, in this process."""
    return tuple(_taken)


def discard() -> None:
    """Forget (and reap) every child not taken."""
    for path in list(_pending):
        pid, read_end = _pending.pop(path)
        os.close(read_end)  # a child still writing stops at the closed pipe
        os.waitpid(pid, 0)
