"""Clinician review 3, leftover 4: a record changed outside mps-pain was shown by the records
window without a word, while ``patients show`` warns. The window now reads
``PatientService.record_problems`` and shows a prominent warning above the record, in words
(colour never the only signal), for a broken audit chain and for an edited row."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from mps_pain.persistence.database import Database
from mps_pain.services.patient_service import PatientService
from tests.conftest import records_copy
from tests.ui.vocabulary import developer_words, shown_texts
from ui.records.records_window import RecordsWindow

CASE = "takamatsu-2018-case-1"


@pytest.fixture
def url(tmp_path: Path, examples_sqlite: Callable[[str | None], Path]) -> str:
    return records_copy(examples_sqlite("tester"), tmp_path / "records.sqlite3")


@pytest.fixture
def opened(qtbot: QtBot, url: str) -> Iterator[Callable[[], RecordsWindow]]:
    databases: list[Database] = []

    def open_window() -> RecordsWindow:
        database = Database.open(url)
        databases.append(database)
        window = RecordsWindow(PatientService(database))
        qtbot.addWidget(window)
        window.reload_patients(select=CASE)
        window.show()
        return window

    yield open_window
    for database in databases:
        database.close()


def _sql(url: str, *statements: str) -> None:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        for statement in statements:
            conn.execute(statement)


def test_an_intact_record_shows_no_warning(opened) -> None:
    window = opened()
    assert window.current_identifier == CASE
    assert not window.integrity.isVisible() and window.integrity.text() == ""


def test_a_broken_audit_chain_is_warned_about_prominently(opened, url: str) -> None:
    _sql(
        url,
        "drop trigger audit_log_no_update",
        "update audit_log set os_user = 'mallory' where id = 3",
    )
    window = opened()
    banner = window.integrity
    assert banner.isVisible()
    text = banner.text()
    assert text.startswith("⚠ DO NOT USE THE NUMBERS OF THIS RECORD")  # said, not only red
    assert "audit trail is broken at entry 3" in text
    assert "patients verify" in text and "backup" in text
    assert banner.accessibleDescription() == text
    assert "background" in banner.styleSheet()
    # above everything else of the record: directly under the patient's header
    assert (
        banner.mapTo(window, banner.rect().topLeft()).y()
        < window.tabs.mapTo(window, window.tabs.rect().topLeft()).y()
    )
    assert not developer_words(shown_texts(window), (url.rsplit("/", 1)[-1],))


def test_an_edited_regimen_version_is_warned_about(opened, url: str) -> None:
    path = Path(url.removeprefix("sqlite:///"))
    data = path.read_bytes()
    old = b'"unit": "mg/day", "value": 200.0}'  # tramadol 200 mg/day in a stored document
    assert old in data
    path.write_bytes(data.replace(old, b'"unit": "mg/day", "value": 900.0}', 1))
    window = opened()
    texts = []
    for row in range(window.patients.count()):
        window.select_patient(window.patients.item(row).text())
        texts.append(window.integrity.text() if window.integrity.isVisible() else "")
    warned = [t for t in texts if t]
    assert len(warned) == 1, texts  # the patient whose regimen was edited, only
    assert "regimen version" in warned[0] and "changed outside mps-pain" in warned[0]
