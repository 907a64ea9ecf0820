"""Guard against a Qt binding that corrupts the interpreter.

PySide6-Essentials 6.12.0 on Python 3.11 drops one reference to ``None`` on every Qt method that
returns void (``setText``, ``setPen``, …). ``None`` is not immortal before Python 3.12, so a
long-running window eventually aborts with "Fatal Python error: none_dealloc". pyproject pins
``PySide6-Essentials<6.12``; this test fails if an install brings the defect back.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QImage, QPainter, QPen
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_void_qt_calls_do_not_consume_references_to_none(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        before = sys.getrefcount(None)
        for _ in range(500):
            label.setText("x")
            painter.setPen(QPen())
        after = sys.getrefcount(None)
    finally:
        painter.end()
    assert after - before > -50, f"None lost {before - after} references in 1000 void Qt calls"
