"""Practice (first-time-clinician review, /work/review/clinician/FINDINGS.md, item 9): new exercises
never lose typed answers without asking."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from mps_pain.persistence.database import Database
from tests.conftest import records_copy


# --- 9. practice: new exercises never lose typed answers without asking ------------------------
def test_new_exercises_ask_before_losing_typed_answers(qtbot, tmp_path, migrated_sqlite) -> None:
    from mps_pain.persistence.practice_store import PracticeStore
    from mps_pain.tables.loader import get_tables
    from ui.practice.practice_window import PracticeWindow

    url = records_copy(migrated_sqlite, tmp_path / "practice.sqlite3")
    store = PracticeStore(Database.open(url))
    window = PracticeWindow(get_tables(), store, learner="Aiko")
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    if not window.exercises:
        window.new_exercises()
    window.next_exercise()  # exercise 2
    shown = window.exercise
    field = next(iter(window.form.fields.values()))
    typed = field.quantity.number if field.quantity is not None else field.line
    typed.setFocus()
    QTest.keyClicks(typed, "45")
    seen: list[str] = []

    def refuse() -> None:
        box = next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, QMessageBox) and w.isVisible()
            ),
            None,
        )
        if box is None:
            QTimer.singleShot(20, refuse)
            return
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.No).click()

    QTimer.singleShot(0, refuse)
    from PySide6.QtWidgets import QPushButton

    button = next(b for b in window.findChildren(QPushButton) if b.text().startswith("&New"))
    button.setFocus()
    QTest.keyClick(button, Qt.Key.Key_Space)  # the button the review's Alt+N pressed
    QApplication.processEvents()
    assert seen and "would be lost" in seen[0]
    assert window.exercise is shown and window.position == 1
    assert typed.text() == "45"
