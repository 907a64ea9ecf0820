"""Session 17, #3 (docs/gui.md, clinician review 16 #9): after a methadone plan was applied, the
reference set without a methadone factor (UK palliative care ratios) headed the regimen "0
OME/day (incomplete)". A total that counts no opioid, because the set cannot convert the only
opioid, is no total (never a silent 0): the headline, and the printed regimen that copies it,
say in words that methadone is not converted to an OME under that set, and which sets convert
it. ``mps-pain mme`` refuses such a regimen with the same sentence (no total printed, none in the
JSON)."""

from __future__ import annotations

import json
import re
from html import unescape

from mps_pain.domain.regimen import RegimenDocument
from tests.cli_runner import run_cli
from ui.printing.plan_pdf import plan_html
from ui.printing_actions import plan_content

METHADONE = {"drug": "methadone", "route": "oral", "dose": "10 mg", "frequency": "q8h"}
A_ZERO_TOTAL = re.compile(r"(?<![\d.])0 (?:OME|MME|oMEDD)/day")


def _methadone_only(window, set_id: str = "uk-palliative") -> str:
    document = {"table": set_id, "items": [METHADONE]}
    window.session.replace_document(RegimenDocument.model_validate(document))
    panel = window.results_panel
    selector = panel.set_selector
    selector.setCurrentIndex(selector.findData(set_id))
    selector.activated.emit(selector.currentIndex())
    return panel.total_label.text()


def test_the_headline_says_methadone_is_not_converted_under_the_set(naive_window) -> None:
    text = _methadone_only(naive_window)
    assert not A_ZERO_TOTAL.search(text), text
    assert "methadone" in text and "UK palliative care ratios" in text, text
    assert "CDC 2022" in text, text  # a set that converts it, by its name
    assert "uk-palliative" not in text and "cdc-2022" not in text, text
    # words, not a number: at the text's size (a six-line headline in the total's big font)
    assert "font-size" in naive_window.results_panel.total_label.styleSheet()


def test_the_printed_regimen_says_it_too(naive_window) -> None:
    _methadone_only(naive_window)
    content = plan_content(naive_window)
    assert content is not None
    printed = unescape(re.sub(r"<[^>]+>", " ", plan_html(content)))
    assert not A_ZERO_TOTAL.search(printed), printed
    assert "has no conversion factor for methadone" in " ".join(printed.split())


def test_a_set_that_converts_methadone_keeps_its_number(naive_window) -> None:
    text = _methadone_only(naive_window, "cdc-2022")
    assert text.startswith("141 MME/day"), text  # 30 mg/day × 4.7
    assert "font-size" not in naive_window.results_panel.total_label.styleSheet()


def test_the_command_line_refuses_it_and_prints_no_total() -> None:
    document = json.dumps({"table": "uk-palliative", "items": [METHADONE]})
    for args in (("mme", "-"), ("mme", "--json", "-")):
        done = run_cli(*args, stdin=document)
        assert done.returncode != 0
        assert not A_ZERO_TOTAL.search(done.stdout + done.stderr)
        assert "no conversion factor for methadone" in done.stderr + done.stdout


def test_the_check_tab_says_it_too(naive_window) -> None:
    """The check's current total is the same words (``mme_view``), not "0 OME/day (incomplete:
    rows are left out)"."""
    _methadone_only(naive_window)
    check = naive_window.check
    check.run_check()
    text = check.current_total.text()
    assert not A_ZERO_TOTAL.search(text), text
    assert text == naive_window.results_panel.total_label.text().split(" — ")[0], text
