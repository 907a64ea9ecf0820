"""Work around a PySide6 6.12 bug on Python 3.11: a Qt method that returns void drops one
reference to ``None`` that it never took. Python 3.12 made ``None`` immortal, so there the bug is
harmless; on 3.11 ``None``'s count falls by one per call (``painter.setPen``, ``table.setItem``,
``label.setText``, …) and after some thousands of calls CPython aborts with
"Fatal Python error: none_dealloc". Measured here: 200 calls of ``QPainter.setPen`` lower
``sys.getrefcount(None)`` by exactly 200.

``keep_none_alive()`` gives ``None`` a very large reference count once (2**40), which is what
Python 3.12 does for it. It belongs in the application's composition root; ``ui.records`` calls
it on import so the records window and its tests are safe on their own.
"""

from __future__ import annotations

import ctypes
import sys

__all__ = ["keep_none_alive"]

_RESERVE = 1 << 40
_done = False


def keep_none_alive() -> None:
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    refcount = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt is PyObject's first field
    if refcount.value < _RESERVE:
        refcount.value += _RESERVE
    _done = True
