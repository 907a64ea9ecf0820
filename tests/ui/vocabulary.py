"""Collect every text a window shows and find developer vocabulary in it (issue 10 §2).

``shown_texts(widget)`` walks a window: labels, buttons, group boxes, tabs, tooltips, accessible
descriptions, combo and list items (with their tooltips), text views and every cell and header
of every item view (display and tooltip). ``developer_words(texts)`` returns what a clinician
should never read: pydantic phrases, JSON/table paths, snake_case ids, JSON-quoted keys, the
codes of warnings, errors, diagnoses and topics, set and exercise ids, doubled punctuation,
internal document sections ("§"), file names (".yaml", ".json"), "[… truncated" notes, "table
default" and storage detail; and (clinician review 3) a word said twice, a range whose two ends
are equal, the practice generator's "seed" and the save counter read as a "record version".
File paths (a temporary database, an exported file) are removed first: they are the user's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
_PATH = re.compile(r"(?:[A-Za-z]:)?(?:[\\/][\w.@~+-]+){2,}[\\/]?|sqlite:/+\S*")
_PATTERNS = re.compile(
    r"Input should|validation error|after validation|pydantic|value_error|List should|"
    r"\bitems\[|\]\.[a-z]|\bfrom\.\w|\bfrom_\b|\bto\.\w|\bproposed\.\w|\[\d+\]|"
    r"'[a-z_]+'|\"[a-z_]+\"|continuous: true|\b[a-z]+_[a-z0-9_]+\b|"
    r"Traceback|\bNone\b|\?\.|\.\)\.|(?<!\.)\.\.(?!\.)|\bL[1-5]\.[a-z]|\bset\.[a-z]|“”|"
    # review M4: internal document sections, file names, notes cut by a program, the default
    # of a list named as "table default", a set version as an id, storage detail
    r"§|[\w-]\.(?:yaml|yml|json)\b|\[[^\]]*truncated|table default|\bunder table\b|"
    r"no market given:|Integer edges|stored as the delivery|\bUnverified strengths\b|"
    # clinician review 3: a word said twice ("oral oral solution", "Patient: Patient"), a range
    # with equal ends ("37.5–37.5", "0–0%"), the generator's seed, the record's save counter
    # read as a version, the audit's "here"
    r"\b(?P<twice>[A-Za-z]{2,})[: ]+(?P=twice)\b|"
    r"(?<![\d.])(?P<end>\d+(?:\.\d+)?)–(?P=end)(?![\d.])|"
    r"\b[Ss]eed\b|record version \d|Recorded: here"
)


def _codes() -> list[str]:
    from mps_pain import errors
    from mps_pain.practice.exercise_sets import load_exercise_sets
    from mps_pain.practice.generate import DISTRACTORS
    from mps_pain.practice.patterns import PATTERNS
    from mps_pain.practice.templates import LEVEL_TOPICS
    from mps_pain.tables.loader import get_tables

    try:
        from mps_pain.presentation.warning_titles import WARNING_TITLES
    except ImportError:  # the code before the titles existed: its distractors are codes too
        WARNING_TITLES = {}

    tables = get_tables()
    codes = {s.id for s in tables.tables.reference_sets}
    codes |= set(WARNING_TITLES) | set(PATTERNS) | set(DISTRACTORS)
    codes |= {t for topics in LEVEL_TOPICS.values() for t in topics}
    codes |= {s.id for s in load_exercise_sets(tables)}
    codes |= {
        getattr(errors, name).code
        for name in errors.__all__
        if isinstance(getattr(errors, name), type)
    }
    return sorted(c for c in codes if "-" in c)  # a bare English word is not a code


_CODES: frozenset[str] | None = None
_WORD = re.compile(r"[\w-]+")


def _code_set() -> frozenset[str]:
    global _CODES
    if _CODES is None:
        codes = _codes()
        # each code is one run of word characters and hyphens, so a code stands alone in a text
        # exactly when one whole run is that code: a set lookup per run (a regular expression
        # of 94 alternatives tried at every position cost more than building the window)
        odd = [c for c in codes if not _WORD.fullmatch(c)]
        assert not odd, f"codes that are not one word: {odd}"
        _CODES = frozenset(codes)
    return _CODES


def _first_code(plain: str) -> re.Match[str] | None:
    """The first code standing alone in ``plain`` (not inside a longer word or id)."""
    codes = _code_set()
    return next((m for m in _WORD.finditer(plain) if m.group(0) in codes), None)


def developer_words(texts: Iterable[str], user_files: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(the offending words, the text around them) for every distinct text that has any.
    ``user_files``: names of files the user chose (an imported file is told by its name; ours
    never are)."""
    found = []
    names = tuple(user_files)
    for text in dict.fromkeys(texts):  # a window repeats its lists: each text read once
        plain = _PATH.sub(" ", re.sub(r"<[^>]+>", " ", text))
        for name in names:
            plain = plain.replace(name, " ")
        match = _PATTERNS.search(plain) or _first_code(plain)
        if match:
            start = max(0, match.start() - 80)
            found.append((match.group(0), plain[start : match.end() + 60]))
    return found


def _model_texts(model: QAbstractItemModel, parent: QModelIndex | None = None) -> list[str]:
    parent = parent or QModelIndex()
    texts: list[str] = []
    try:
        columns = model.columnCount(parent)
    except TypeError:  # a list model: one column (PySide makes its columnCount private)
        columns = 1
    for column in range(columns):
        for role in _ROLES:
            value = model.headerData(column, Qt.Orientation.Horizontal, role)
            if value:
                texts.append(str(value))
    for row in range(model.rowCount(parent)):
        for column in range(columns):
            index = model.index(row, column, parent)
            for role in _ROLES:
                value = index.data(role)
                if isinstance(value, str) and value:
                    texts.append(value)
            try:
                nested = column == 0 and model.hasChildren(index)
            except TypeError:  # a flat table model (PySide makes hasChildren private)
                nested = False
            if nested:
                texts += _model_texts(model, index)
    return texts


def _own_texts(widget: QWidget) -> list[str]:
    texts = [widget.toolTip(), widget.accessibleDescription(), widget.whatsThis()]
    if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
        texts.append(widget.text())
    if isinstance(widget, QLineEdit):
        texts.append(widget.placeholderText())
    if isinstance(widget, QGroupBox):
        texts.append(widget.title())
    if isinstance(widget, QTabWidget):
        for i in range(widget.count()):
            texts += [widget.tabText(i), widget.tabToolTip(i)]
    if isinstance(widget, QComboBox):
        texts += _model_texts(widget.model())
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        texts.append(widget.toPlainText())
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        texts += _model_texts(widget.model())
    return texts


def shown_texts(*windows: QWidget) -> list[str]:
    """Every text of these windows and their children (visible or on a hidden tab)."""
    texts: list[str] = []
    for window in windows:
        texts.append(window.windowTitle())
        for widget in [window, *window.findChildren(QWidget)]:
            try:
                texts += _own_texts(widget)
            except RuntimeError:  # deleted by Qt since it was listed (a closed popup)
                continue
    return [t for t in texts if t and t.strip()]
