"""About box: program, Qt and table versions, and what the program is not."""

from __future__ import annotations

import platform
from html import escape

import PySide6
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from mps_pain import __version__

__all__ = ["about_box", "about_html", "show_about"]


def about_html(tables: object | None) -> str:

    rows = [
        f"<b>MPS Pain</b> {escape(__version__)} — opioid conversion workstation",
        f"Python {platform.python_version()}, Qt {qVersion()}, PySide6 {PySide6.__version__}",
    ]
    if tables is not None:
        index = tables
        rows.append(
            f"Conversion tables v{escape(index.version)} "  # type: ignore[attr-defined]
            f"(file {escape(index.origin)}, sha256 {escape(index.sha256)}, "  # type: ignore[attr-defined]
            "with its rule files)"
        )
        sets = "".join(
            f"<li>{escape(s.id)}: {escape(s.name)}</li>"
            for s in index.tables.reference_sets  # type: ignore[attr-defined]
        )
        rows.append(f"Reference sets:<ul>{sets}</ul>")
    rows.append(
        "Every factor, threshold and limit comes from the tables with its source. "
        "Results are estimates to support, not replace, clinical judgement: verify before use."
    )
    return "<p>" + "</p><p>".join(rows) + "</p>"


def about_box(window: QWidget) -> QMessageBox:
    """The About box, as ``QMessageBox.about`` makes it (the layout tests size it too)."""
    tables = getattr(getattr(window, "session", None), "tables", None)
    box = QMessageBox(QMessageBox.Icon.NoIcon, "About MPS Pain", about_html(tables))
    box.setParent(window, box.windowFlags())
    box.setObjectName("about")
    return box


def show_about(window: QWidget) -> None:
    box = about_box(window)
    box.exec()
    box.deleteLater()
