"""What must be read before a record is trusted, above the record: two labels.

``integrity``: the record cannot be vouched for (``PatientService.record_problems``: a row changed
outside mps-pain, or a broken audit trail), as ``patients show`` warns on the command line. It
is the most prominent thing of the window: white on dark red, bold, headed "⚠ DO NOT USE …",
so the words say it where the colour is not seen (clinician review 3).
``notices``: look-alike identifiers, imported and future-dated history (``record_notices``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from mps_pain.services.patient_service import PatientService
from ui.records.record_words import integrity_words, record_notices
from ui.theme import banner_style
from ui.unchanged import restyle

__all__ = ["RecordBanners"]

_INTEGRITY_STYLE = banner_style("rgb(150, 20, 20)")


def _label(name: str, style: str) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAccessibleName(name)
    restyle(label, style)
    label.hide()
    return label


class RecordBanners(QWidget):
    """The integrity warning over the record's notices; both hidden when there is nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.integrity = _label("Warning: this record cannot be trusted", _INTEGRITY_STYLE)
        self.notices = _label("Notices about this record", "color: #8a4b00; font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.integrity)
        layout.addWidget(self.notices)

    def show_for(self, service: PatientService, identifier: str) -> None:
        """Read what the records say about this patient (raises the service's refusal)."""
        problems = integrity_words(service.record_problems(identifier))
        self.integrity.setText(problems)
        self.integrity.setAccessibleDescription(problems)
        self.integrity.setVisible(bool(problems))
        notices = record_notices(
            identifier,
            service.look_alikes(identifier),
            service.imported_history(identifier),
            service.future_dated_history(identifier),
        )
        self.notices.setText("\n".join(f"⚠ {n}" for n in notices))
        self.notices.setVisible(bool(notices))

    def clear(self) -> None:
        for label in (self.integrity, self.notices):
            label.clear()
            label.hide()
