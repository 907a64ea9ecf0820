"""Results: the total (large, coloured by the set's thresholds), the worked lines, the spread.

Every number shown is read from the engine's MmeResult. The colour comes from the threshold
warnings the engine raised for the chosen set, so the panel never compares doses itself.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QFormLayout,
    QLabel,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.plain_language import set_short_name
from ui.screen_fit import elide_combo, heading_label, scrolling
from ui.unchanged import restyle
from ui.widgets.short_combo import ShortNameCombo
from ui.widgets.spread_chart import SpreadBar, SpreadChart
from ui.widgets.worked_lines import WorkedLines

if TYPE_CHECKING:
    from mps_pain.domain.results import MmeLine
    from mps_pain.presentation.mme import Headline
    from ui.session import EditorSession

__all__ = ["ResultsPanel"]

_ROW_INDEX = re.compile(r"factors\[(?P<i>\d+)\]")
_CHART_HEADING = "Same regimen under each reference set"
PRN_SWITCH = "Count as-needed (PRN) doses in the total"
# a narrow page's words and size for the switch and the total, over the regimen (whole on hover)
_PRN_SWITCH_SHORT = "Count PRN doses"
_TOTAL_SCALE, _TOTAL_SCALE_NARROW = 2.2, 1.6


class ResultsPanel(QWidget):
    def __init__(self, session: EditorSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.set_selector = ShortNameCombo(self)
        self.set_selector.setAccessibleName("Reference set")
        self.set_selector.setObjectName("set_selector")
        self.set_selector.activated.connect(self._on_set_chosen)
        # closed, the box shows the set's short name (the chart's); the list and the tooltip
        # show it whole, and the selector never pushes the panel wider (issue 10 §3, review L1)
        elide_combo(self.set_selector, 14)
        self.prn_switch = QCheckBox(PRN_SWITCH, self)
        self.prn_switch.setAccessibleName("Include as-needed doses")
        self.prn_switch.setObjectName("prn_switch")
        self.prn_switch.clicked.connect(self._on_prn_clicked)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setVerticalSpacing(2)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Reference &set", self.set_selector)
        form.addRow("", self.prn_switch)

        self.total_label = QLabel("—", self)
        self.total_label.setObjectName("total")
        self.total_label.setAccessibleName("Total per day")
        self._total_font(_TOTAL_SCALE)
        self.total_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.total_label.setWordWrap(True)  # "(incomplete)" goes to a second line when narrow
        self.total_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        self.status_label = QLabel("", self)
        self.status_label.setObjectName("total_status")
        self.status_label.setWordWrap(True)
        self.purpose_label = QLabel("", self)
        self.purpose_label.setWordWrap(True)
        self.excluded_label = QLabel("", self)
        self.excluded_label.setObjectName("excluded")
        self.excluded_label.setWordWrap(True)  # styled when it first says something

        self.lines = WorkedLines(self)
        self._lines_shown: tuple[object, int] = ([], 0)  # what ``lines`` holds
        self.lines.setObjectName("arithmetic")
        self.lines.setAccessibleName("Worked arithmetic, one line per item")
        self.lines.setWordWrap(True)
        self.lines.setAlternatingRowColors(True)
        self.lines.setMinimumHeight(self.lines.fontMetrics().lineSpacing() * 4)
        # four lines preferred: it takes what the set, total and chart leave
        self.lines.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.chart = SpreadChart(self)

        self.chart_heading = heading_label(_CHART_HEADING, self)
        self.chart_heading.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.setSpacing(3)
        # the set and the total stay on top, always visible; what follows shares the rest. On
        # a narrow page they lead the page, side by side, over the full-width regimen
        # (``ui/main_layout.RegimenPage``: review 5, the dose columns behind a scroll bar)
        self.head = QWidget(self)
        self.head.setObjectName("results_head")
        self._head_layout = QBoxLayout(QBoxLayout.Direction.TopToBottom, self.head)
        self._head_layout.setContentsMargins(0, 0, 0, 0)
        self._head_layout.setSpacing(3)
        self._head_layout.addLayout(form, 0)
        self._head_layout.addWidget(self.total_label, 1)
        layout.addWidget(self.head)
        layout.addWidget(self.status_label)
        # the worked lines take the height left; the rest scrolls when the window is small
        self.details = QWidget(self)
        self.details.setObjectName("results_details")
        stack = QVBoxLayout(self.details)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.addWidget(self.purpose_label)
        stack.addWidget(self.excluded_label)
        stack.addWidget(heading_label("Worked arithmetic (hover a line for its source)", self))
        stack.addWidget(self.lines, 1)
        # the spread (heading and chart) ends the details; the regimen page moves it to its
        # foot, full width, when the window is tall enough (ui/main_layout.RegimenPage)
        self.spread = QWidget(self.details)
        self.spread.setObjectName("spread")
        spread_layout = QVBoxLayout(self.spread)
        spread_layout.setContentsMargins(0, 0, 0, 0)
        spread_layout.setSpacing(2)
        spread_layout.addWidget(self.chart_heading)
        spread_layout.addWidget(self.chart)
        stack.addWidget(self.spread)
        self.details_end = stack
        details = scrolling(self.details, self)
        details.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        layout.addWidget(details, 1)
        session.resultChanged.connect(self.refresh)
        session.stateChanged.connect(self._refresh_controls)

    def _total_font(self, scale: float) -> None:
        big = QFont(self.font())
        big.setPointSizeF(max(big.pointSizeF(), 9.0) * scale)
        big.setBold(True)
        self.total_label.setFont(big)

    def put_head_back(self) -> None:
        """The set and the total back on top of the panel, one above the other."""
        self._head_layout.setDirection(QBoxLayout.Direction.TopToBottom)
        self._total_font(_TOTAL_SCALE)
        self.prn_switch.setText(PRN_SWITCH)
        self.prn_switch.setToolTip("")
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, self.head)

    def lend_head(self) -> QWidget:
        """The set and the total, side by side, for a narrow page to show above the regimen
        (the caller adds it to its own layout, which takes it from this panel)."""
        self._head_layout.setDirection(QBoxLayout.Direction.LeftToRight)
        # one line high where it can be: the regimen's rows need the height (scale 2)
        self._total_font(_TOTAL_SCALE_NARROW)
        self.prn_switch.setText(_PRN_SWITCH_SHORT)
        self.prn_switch.setToolTip(PRN_SWITCH)
        return self.head

    def sizeHint(self) -> QSize:
        """Narrow enough that the regimen's columns fit beside it at 1280×720 (the set names
        in the chart are elided first, whole on hover)."""
        return QSize(self.fontMetrics().horizontalAdvance("x") * 47, super().sizeHint().height())

    # --- refresh ------------------------------------------------------------------------------
    @Slot()
    def _refresh_controls(self) -> None:
        tables = self._session.tables
        if tables is None:
            return
        if self.set_selector.count() != len(tables.sets):
            self.set_selector.clear()
            for set_ in tables.tables.reference_sets:
                short = self._short_name(set_.id, set_.name)
                self.set_selector.add_named(set_.name, short, set_.id)
                self.set_selector.setItemData(
                    self.set_selector.count() - 1, set_.description, Qt.ItemDataRole.ToolTipRole
                )
        current = self._session.result.table.id if self._session.result else None
        found = self.set_selector.findData(current or self._session.effective_table())
        if found >= 0:
            self.set_selector.setCurrentIndex(found)
        result = self._session.result
        self.prn_switch.setChecked(result is None or result.prn == "include")

    @Slot()
    def refresh(self) -> None:
        # start-up seam: loaded on first use, after the first paint (ui/app.py)
        from mps_pain.presentation.mme import bar_mark
        from mps_pain.presentation.no_total import bar_value_text

        self._refresh_controls()
        result, tables = self._session.result, self._session.tables
        if result is None or tables is None:
            self._show_lines([])
            self.total_label.setText("—")
            self.status_label.setText(self._session.result_error or "")
            self.chart.set_bars([])
            return
        threshold_text = self._threshold_text()
        excluded_text = self._excluded_text()
        if excluded_text:
            threshold_text = "INCOMPLETE: rows are left out (below). " + threshold_text
        # a partial total, or one beside a danger, must never read as a reassuring number
        shown = self.headline(bool(excluded_text))
        self.total_label.setText(shown.text)
        colour = shown.severity.colour if shown.severity is not None else None
        # words instead of a number (no total: ``no_total_words``) at the text's own size, not
        # as a six-line headline
        size = "" if shown.text[:1].isdigit() else f" font-size: {self.font().pointSizeF()}pt;"
        restyle(self.total_label, f"color: {colour};{size}" if colour else size.strip())
        from mps_pain.presentation.ranged_words import ranged_total_words  # start-up seam

        # the total's span over a cited factor range, beside it (clinician review 21, N2)
        self.status_label.setText(
            " ".join(filter(None, (threshold_text, ranged_total_words(result))))
        )
        prn = (
            "as-needed doses counted" if result.prn == "include" else "as-needed doses not counted"
        )
        stated = "" if result.prn_stated else " (default)"
        purpose = (
            "a risk measure — not a switching dose"
            if result.purpose == "risk_mme"
            else "equianalgesic — for planning a switch"
        )
        self.purpose_label.setText(f"{result.table_name}: {purpose}; {prn}{stated}.")
        if excluded_text:
            restyle(self.excluded_label, "color: rgb(190, 30, 30);")
        self.excluded_label.setText(excluded_text)
        self._show_lines([(i.explanation, self._citation(i), i.counted) for i in result.items])
        # every bar carries the headline's mark (clinician review 10 #10: 690 with a danger
        # row read plainly in the bars, while an incomplete total was marked)
        mark = f" {shown.mark}" if shown.mark else ""
        # each bar its own mark: its set's thresholds, a danger of the regimen itself, and
        # INCOMPLETE where rows are left out of that set (a row only the chosen set cannot
        # convert is its gap alone, its bar "not covered"; clinician review 13 #2, re-check 13b)
        thresholds = {t.code for t in tables.sets[result.table.id].thresholds}
        everywhere = bool(excluded_text) and self._left_out_everywhere()
        self.chart_heading.setText(_CHART_HEADING + _chart_note(shown.mark, bool(excluded_text)))
        restyle(self.chart_heading, f"color: {colour};" if mark and colour else "")
        self.chart.set_bars(
            [
                SpreadBar(
                    label=self._short_name(entry.table, entry.name),
                    value=entry.total_mme_per_day,
                    value_text=bar_value_text(
                        entry,
                        bar_mark(
                            entry,
                            result.warnings,
                            thresholds,
                            incomplete=everywhere
                            or (bool(excluded_text) and entry.table == result.table.id),
                        ),
                        has_total=shown.has_total,
                    ),
                    risk=entry.purpose == "risk_mme",
                    current=entry.table == result.table.id,
                    tooltip=f"{entry.name}: {entry.missing}" if entry.missing else entry.name,
                )
                for entry in result.spread
            ]
        )

    def _show_lines(self, lines: list[tuple[str, str, bool]]) -> None:
        """The worked lines (text, source, counted), made again only when they changed."""
        shown = (lines, self.palette().placeholderText().color().rgba())  # the theme's grey
        if shown != self._lines_shown:
            self._lines_shown = shown
            self.lines.clear()
            for text, source, counted in lines:
                item = QListWidgetItem(text, self.lines)
                item.setToolTip(source)
                if not counted:
                    item.setForeground(self.palette().placeholderText())

    def _left_out_everywhere(self) -> bool:
        """Rows no set counts: unreadable in the editor, or refused for another reason than the
        chosen set's missing factor."""
        # start-up seam: the core's errors load after the first paint (ui/app.py)
        from mps_pain.errors import NoConversionFactorError

        state, result = self._session.state, self._session.result
        unreadable = state is not None and bool(state.invalid_rows())
        refused = result is not None and any(
            e.code != NoConversionFactorError.code for e in result.excluded
        )
        return unreadable or refused

    def _short_name(self, set_id: str, name: str) -> str:

        tables = self._session.tables
        if tables is None or set_id not in tables.sets:
            return name
        return set_short_name(
            name, tables.tables.sources[tables.sets[set_id].citation.source].label
        )

    def headline(self, incomplete: bool) -> Headline:
        """The total marked with its dangers (at their editor rows) and its set's thresholds."""
        # start-up seam: the engine's models load after the first paint (ui/app.py)
        from mps_pain.presentation.mme import headline, no_total_words, total_words

        result, state, tables = self._session.result, self._session.state, self._session.tables
        assert result is not None and tables is not None
        unreadable = state.unreadable_rows(result) if state is not None else ()
        return headline(
            total_words(result, unreadable),  # never "0 OME/day": no opioid row adds to it
            result.warnings,
            incomplete=incomplete,
            has_total=no_total_words(result, unreadable) is None,
            row_of=state.row_of_item if state is not None else None,
            thresholds={t.code for t in tables.sets[result.table.id].thresholds},
        )

    def _threshold_text(self) -> str:
        """A sentence for the worst threshold warning the engine raised for this set."""
        result, tables = self._session.result, self._session.tables
        assert result is not None and tables is not None
        thresholds = {t.code: t for t in tables.sets[result.table.id].thresholds}
        reached = [w for w in result.warnings if w.code in thresholds]
        if not thresholds:
            return "This set defines no dose thresholds."
        if not reached:
            return "Below the thresholds of this set."
        worst = min(reached, key=lambda w: 0 if w.severity == "danger" else 1)
        return f"{worst.severity.upper()}: {worst.message}"

    def _excluded_text(self) -> str:
        state, result = self._session.state, self._session.result
        if state is None or result is None:
            return ""

        parts = [f"row {row + 1} ({_clause(error.message)})" for row, error in state.invalid_rows()]
        for left in state.left_out(result):
            row = left.row + 1 if left.row is not None else "?"
            parts.append(f"row {row} ({_clause(left.plain.message)})")
        if not parts:
            return ""
        return "The total leaves out " + "; ".join(parts) + ". Correct them before using it."

    def _citation(self, line: MmeLine) -> str:
        tables = self._session.tables
        if tables is None or line.row is None or self._session.result is None:
            return line.explanation
        match = _ROW_INDEX.search(line.row)
        set_ = tables.sets[self._session.result.table.id]
        if match is None:
            return line.source or ""
        number = int(match.group("i"))
        factor = set_.factors[number]
        source = tables.tables.sources[factor.citation.source]
        note = f"\nNote: {factor.note}" if factor.note else ""
        row = f"Row {number + 1} of {set_.name}"  # never the table's path (review D7)
        return f"{source.label} — {factor.citation.locator}\n{source.citation}\n{row}{note}"

    # --- user actions -------------------------------------------------------------------------
    @Slot(int)
    def _on_set_chosen(self, _index: int) -> None:
        # start-up seam: loaded on first use, after the first paint (ui/app.py)
        from ui.editing import with_document_fields

        state = self._session.state
        chosen = self.set_selector.currentData()
        if state is None or chosen is None or chosen == self._session.effective_table():
            return
        said = self.set_selector.shown_text()  # by its name, as the box shows it (review 18 #9)
        self._session.push(with_document_fields(state, table=chosen), f"Use set {said}")

    @Slot(bool)
    def _on_prn_clicked(self, checked: bool) -> None:
        # start-up seam: loaded on first use, after the first paint (ui/app.py)
        from ui.editing import with_document_fields

        state = self._session.state
        if state is None:
            return
        policy = "include" if checked else "exclude"
        self._session.push(with_document_fields(state, prn=policy), f"As-needed doses: {policy}")


def _clause(sentence: str) -> str:
    """A sentence put in brackets inside another: without its full stop (no "h.).")."""
    return sentence.rstrip().removesuffix(".")


def _chart_note(mark: str, rows_left_out: bool) -> str:
    """The bar strip's heading says what its bars' mark means."""
    if not mark:
        return ""
    why = ["rows are left out"] if rows_left_out else []
    why += ["check the danger above"] if "DANGER" in mark else []
    return f" — {mark}: {'; '.join(why)}"
