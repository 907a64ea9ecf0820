"""The check's headline says which amount a dose-step percent is of, in one unit wording
(clinician re-check 12b, #7b): oxycodone raised fourfold beside an unchanged morphine read
"DANGER: a dose change of +300%" (the oxycodone line) while the total went 150 -> 420 OME/day
(+180%), and the numbers mixed "150 OME/day; proposed 420 mg/day OME"."""

from __future__ import annotations

from typing import Any

from mps_pain.presentation.check import check_view
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables

TABLES = get_tables()

_OXY = {"drug": "oxycodone", "route": "oral", "form": "er", "daily_dose": "60 mg/day"}
_MOR = {"drug": "morphine", "route": "oral", "form": "er", "dose": "30 mg", "frequency": "q12h"}


def _view(current: list[dict[str, Any]], proposed: list[dict[str, Any]], table: str) -> Any:
    document = {"from": {"items": current}, "proposed": {"items": proposed}, "table": table}
    return check_view(check_proposal(document, tables=TABLES))


def test_the_line_percent_and_the_total_percent_are_each_named() -> None:
    view = _view([_OXY, _MOR], [_OXY | {"daily_dose": "240 mg/day"}, _MOR], "uk-palliative")
    sentence = view.verdict_sentence
    assert "oxycodone oral ER 60 → 240 mg/day (+300% of its own daily amount)" in sentence
    assert "in total 150 → 420 mg/day OME (+180%)" in sentence, sentence
    assert view.verdict_label == "DOSE CHANGE +300% (oxycodone oral ER)", view.verdict_label


def test_current_and_proposed_totals_share_one_unit_wording() -> None:
    view = _view([_OXY, _MOR], [_OXY | {"daily_dose": "240 mg/day"}, _MOR], "uk-palliative")
    assert (view.current, view.proposed) == ("150 mg/day OME", "420 mg/day OME"), view.numbers
    fpm = _view([_OXY, _MOR], [_OXY | {"daily_dose": "240 mg/day"}, _MOR], "fpm-2021")
    label = fpm.proposed.split("mg/day ")[1]
    assert fpm.current.endswith(f"mg/day {label}"), fpm.numbers


def test_a_one_line_step_names_its_drug() -> None:
    view = _view([_OXY], [_OXY | {"daily_dose": "240 mg/day"}], "uk-palliative")
    assert "oxycodone 60 → 240 mg/day (+300% of its own daily amount)" in view.verdict_sentence
    assert "in total" not in view.verdict_sentence, view.verdict_sentence
