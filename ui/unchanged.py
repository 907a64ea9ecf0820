"""A widget's style set only when it changes.

Qt repolishes a widget on every ``setStyleSheet`` call, the same style or not (a StyleChange
reaches the widget and its children): the refreshes that follow each edit set the styles of
their labels and fields on every keystroke (18k calls in one run of tests/ui). Every style in
``ui/`` is set here (tests/ui/test_unchanged_look_not_redone.py checks that).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

__all__ = ["restyle"]


def restyle(widget: QWidget, style: str) -> None:
    """``style`` on ``widget``, unless it is already its style."""
    if widget.styleSheet() != style:
        widget.setStyleSheet(style)
