"""What "nothing clipped" means, measured on real widgets (issue 10 §3).

Scale factors: ``QT_SCALE_FACTOR=2`` on a 1280×720 screen gives a 640×360 *logical* screen with
the same fonts in logical pixels (checked: the font metrics are the same at 1, 1.5 and 2), so a
window laid out at 588×331 logical pixels (92% of 640×360) is what a user sees at scale 2. The
tests therefore resize real windows to these logical sizes in process; one subprocess test
(``test_layout_fit.py``) starts the app under ``QT_SCALE_FACTOR=2`` to check that equivalence.

A text is clipped when it needs more room than its widget has and the whole text is not in
the widget's tooltip (an elided text with the whole text on hover is what a careful Qt app
does). A widget is cut when it reaches outside its parent, unless the parent is a scroll area's
viewport (then it scrolls).

At 1280×720 there is room, so the check is ``strict``: a text shortened with "…" counts as
clipped even when its tooltip has it whole (the review's "CDC 2016 …", "tables v…" and the
elided set name), and a table whose columns are behind a horizontal scroll bar is clipped. At
every size a tab's title is never elided, a list's line is never cut at the right edge, and a
list or table is never a sliver (it shows at least three lines of text, or all its rows).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QScrollArea,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QTabBar,
    QTableView,
    QWidget,
)

from ui.screen_fit import ASKED_SIZE

__all__ = [
    "SIZES",
    "clipped_texts",
    "cut_widgets",
    "opening_size",
    "scrolled_pages",
    "shown_whole",
    "sideways_pages",
    "slivers",
    "table_clipped",
]

# (what, logical width, height of the window): 92% of the available geometry (ui/screen_fit)
SIZES = {
    "1280x720": (1177, 662),
    "1920x1080@1.5 = 1280x720 logical": (1177, 662),
    "1920x1080@2 = 960x540 logical": (883, 496),
    "1280x720@2 = 640x360 logical": (588, 331),
}


def opening_size(window: QWidget, size: str) -> tuple[int, int]:
    """The size ``window`` opens at on the screen ``size`` names: the size it asked for
    (``ui.screen_fit.resize_to_fit``), or its own, at most 92% of that screen (the offscreen
    test screen is 800×600, so a dialog's own size there is not what a 1280×720 user sees)."""
    asked = window.property(ASKED_SIZE)
    width, height = asked.toTuple() if isinstance(asked, QSize) else window.size().toTuple()
    return min(width, SIZES[size][0]), min(height, SIZES[size][1])


def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window) and not widget.visibleRegion().isEmpty()


def _in_tooltip(text: str, widget: QWidget) -> bool:
    return bool(text) and text in widget.toolTip()


def _in_scroll_viewport(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    grand = parent.parentWidget() if parent is not None else None
    return grand is not None and getattr(grand, "viewport", lambda: None)() is parent


def shown_whole(widget: QWidget, window: QWidget) -> bool:
    """The widget is on screen entirely: inside the window's rect and not scrolled or cut."""
    QApplication.processEvents()
    top_left = widget.mapTo(window, QPoint(0, 0))
    inside = window.rect().contains(QRect(top_left, widget.size()))
    return inside and widget.visibleRegion().boundingRect() == widget.rect()


def cut_widgets(window: QWidget) -> list[str]:
    """Widgets reaching outside their parent (not in a scroll area)."""
    cut = []
    for widget in window.findChildren(QWidget):
        parent = widget.parentWidget()
        if parent is None or not widget.isVisibleTo(window) or widget.isWindow():
            continue
        room = parent.rect().adjusted(-1, -1, 1, 1)  # a tab bar's corner sits at y = -1
        if _in_scroll_viewport(widget) or room.contains(widget.geometry()):
            continue
        cut.append(f"{_name(widget)} {widget.geometry()} outside {_name(parent)} {parent.rect()}")
    return cut


def sideways_pages(window: QWidget) -> list[str]:
    """Pages (scroll areas) that must be scrolled sideways to be read: a page may scroll down
    on a small screen, never across (the patient strip, a subclass, scrolls across by design;
    a wide table scrolls inside its own view)."""
    return [
        f"{_name(area.widget())} needs {area.widget().minimumSizeHint().width()} px across, "
        f"has {area.viewport().width()}"
        for area in window.findChildren(QScrollArea)
        if type(area) is QScrollArea
        and _shown(area, window)
        and area.horizontalScrollBar().isVisible()
    ]


def scrolled_pages(window: QWidget) -> list[str]:
    """Pages (scroll areas, not tables or lists) that scroll at all: none should at 1280×720."""
    return [
        f"{_name(area.widget())} scrolls in {area.viewport().size().toTuple()}"
        for area in window.findChildren(QScrollArea)
        if type(area) is QScrollArea
        and _shown(area, window)
        and (area.horizontalScrollBar().isVisible() or area.verticalScrollBar().isVisible())
    ]


def clipped_texts(window: QWidget, *, strict: bool = False) -> list[str]:
    """Every label, button, list box, line edit, tab, list, chart and table whose text does not
    fit (``strict``: an elided text counts even when its tooltip has it whole)."""
    clipped: list[str] = []
    for widget in window.findChildren(QWidget):
        if not _shown(widget, window):
            continue
        clipped += _clipped(widget, strict)
    return clipped


def _clipped(widget: QWidget, strict: bool) -> list[str]:
    excused = (lambda _text, _widget: False) if strict else _in_tooltip
    if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
        if widget.wordWrap():
            fits = widget.heightForWidth(widget.width()) <= widget.height() + 1
        else:
            fits = widget.minimumSizeHint().width() <= widget.width() + 1
        return [] if fits or excused(widget.text(), widget) else [_say(widget, widget.text())]
    if isinstance(widget, QAbstractButton) and widget.text():
        fits = widget.sizeHint().width() <= widget.width() + 1
        return [] if fits else [_say(widget, widget.text())]
    if isinstance(widget, QComboBox) and not widget.isEditable():
        return _combo_clipped(widget, strict)
    if isinstance(widget, QLineEdit) and not isinstance(widget.parentWidget(), QComboBox):
        text = widget.text() or widget.placeholderText()
        room = widget.contentsRect().width() - 8
        fits = widget.fontMetrics().horizontalAdvance(text) <= room
        return [] if fits or excused(text, widget) else [_say(widget, text)]
    if isinstance(widget, QTabBar):
        return tabs_elided(widget)
    if isinstance(widget, QListWidget):
        return list_lines_cut(widget)
    if isinstance(widget, QTableView):
        return table_clipped(widget, strict=strict)
    elided = getattr(widget, "elided_texts", None)  # charts that draw their own text
    if strict and callable(elided):
        return [_say(widget, f"{shown} (whole: {whole})") for shown, whole in elided()]
    return []


def _combo_clipped(combo: QComboBox, strict: bool) -> list[str]:
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    text = option.currentText  # what the box draws (a box may draw a short name)
    fits = combo.fontMetrics().horizontalAdvance(text) <= field.width()
    excused = not strict and _in_tooltip(text, combo)
    return [] if fits or excused else [_say(combo, text)]


def tabs_elided(bar: QTabBar) -> list[str]:
    """Tabs narrower than their whole title (Qt elides it, or a scroll button hides it)."""
    return [
        f"{_name(bar)} tab {bar.tabText(tab)!r} in {bar.tabRect(tab).width()} px, "
        f"needs {bar.tabSizeHint(tab).width()}"
        for tab in range(bar.count())
        if bar.isTabVisible(tab) and bar.tabRect(tab).width() < bar.tabSizeHint(tab).width()
    ]


def list_lines_cut(view: QListWidget) -> list[str]:
    """Lines of a list that reach past its right edge (a list should wrap them)."""
    room = view.viewport().width()
    cut = []
    metrics = view.fontMetrics()
    for row in range(view.count()):
        item = view.item(row)
        needed = metrics.horizontalAdvance(item.text())
        if view.wordWrap():  # a wrapped line breaks between words: only a word can be cut
            needed = max(metrics.horizontalAdvance(word) for word in item.text().split() or [""])
        if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            needed += metrics.height() + 8  # the check box before the text
        if needed + 6 > room:
            cut.append(f"{_name(view)} line {row + 1}: {item.text()[:60]!r} in {room} px")
    return cut


def slivers(window: QWidget) -> list[str]:
    """Lists and tables shown so short that they show less than three lines of text (or all
    their rows, when they have fewer): a sliver, not a list."""
    found = []
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        if model is None or not _shown(view, window) or view.parentWidget() is None:
            continue
        if isinstance(view.parentWidget(), QComboBox) or view.isWindow():
            continue
        rows = model.rowCount()
        line = view.fontMetrics().height()
        wanted = line * min(max(rows, 1), 3)
        if view.viewport().height() < wanted:
            found.append(f"{_name(view)} shows {view.viewport().height()} px, needs {wanted}")
    return found


def table_clipped(view: QTableView, *, strict: bool = False) -> list[str]:
    """Headers and cells whose text needs more than the column (elided cells must have their
    whole text as tooltip); ``strict``: columns behind a horizontal scroll bar too."""
    model = view.model()
    header = view.horizontalHeader()
    clipped = []
    if strict and view.horizontalScrollBar().isVisible():
        clipped.append(f"{_name(view)}: columns behind a horizontal scroll bar")
    for column in range(model.columnCount()):
        if view.isColumnHidden(column):
            continue
        width = view.columnWidth(column)
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        if header.sectionSizeFromContents(column).width() > width:
            clipped.append(f"{_name(view)} header {title!r} in {width} px")
        if view.wordWrap() and column != 0:
            continue  # wrapped text grows the row instead
        for row in range(model.rowCount()):
            index = model.index(row, column)
            needed = _cell_width(view, index)
            text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
            tooltip = str(index.data(Qt.ItemDataRole.ToolTipRole) or "")
            if needed > width and not (text and text in tooltip):
                clipped.append(f"{_name(view)} row {row + 1} {title!r}: {text!r} in {width} px")
    return clipped


def _cell_width(view: QAbstractItemView, index: QModelIndex) -> int:
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.font = view.font()
    option.fontMetrics = view.fontMetrics()
    return view.itemDelegateForIndex(index).sizeHint(option, index).width()


def _name(widget: QWidget) -> str:
    return widget.objectName() or widget.accessibleName() or type(widget).__name__


def _say(widget: QWidget, text: str) -> str:
    return f"{_name(widget)}: {text[:60]!r} in {widget.width()}×{widget.height()} px"
