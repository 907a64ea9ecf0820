"""Review 7, clinician finding 1 (HIGH): a fentanyl patch written as "250" (meant 25 mcg/h) was
accepted under uk-palliative with no warning at all: 600 OME for the row, 690 in all, and the set
defines no dose thresholds. The largest single marketed fentanyl patch is 100 mcg/h (Durotep MT
16.8 mg, JP label; UK and US catalogues agree), so a rate above it is either several patches or
an extra zero: a danger to verify, naming the rate and the rate one tenth of it.

One rule (``mps_pain/domain/plausibility.py``), so mme, rotate, check and the app all say it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mps_pain.services.mme_service import calculate_mme
from mps_pain.tables.loader import get_tables
from tests.clinical.helpers import oxycodone_oral, run_json

TABLES = get_tables()
PATIENT = {"cancer_or_palliative": True, "age": 65, "opioid_tolerant": True}
CODE = "patch-above-largest-single"
SLIP = {"drug": "fentanyl", "route": "transdermal", "rate": "250 mcg/h"}


def _notes(result: Any) -> list[Any]:
    return [w for w in result.warnings if w.code == CODE]


def test_the_reviewed_250_mcg_h_patch_is_a_danger_naming_the_rate_and_the_x10_slip() -> None:
    result = calculate_mme({"items": [oxycodone_oral(60), SLIP]}, table_id="uk-palliative")
    (note,) = _notes(result)
    assert note.severity == "danger"
    assert note.item == 1
    assert "Row 2" in note.message and "rate" in note.message
    assert "250 mcg/h" in note.message and "25 mcg/h" in note.message
    assert "100 mcg/h" in note.message
    assert note.source is not None and "Durotep" in note.source


@pytest.mark.parametrize("command", ["mme", "rotate", "check"])
def test_every_command_carries_the_patch_slip_warning(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    current = {"items": [oxycodone_oral(60), SLIP]}
    to = {"drug": "morphine", "route": "oral", "form": "ir", "frequency": "q4h"}
    document: dict[str, Any] = {
        "mme": {**current, "table": "uk-palliative"},
        "rotate": {"from": current, "to": to, "table": "uk-palliative", "patient": PATIENT},
        "check": {
            "from": current,
            "proposed": {"items": [oxycodone_oral(60)]},
            "table": "uk-palliative",
            "patient": PATIENT,
        },
    }[command]
    payload = run_json(command, document, tmp_path, capsys)
    found = [w for w in payload["warnings"] if w["code"] == CODE]
    assert found and found[0]["severity"] == "danger", payload["warnings"]


def _bounded_patch_strengths() -> list[tuple[str, str, float, float]]:
    """(drug, route, marketed strength in mcg/h, largest single unit in mcg/h) for every drug and
    route whose plausibility bound names a largest single unit."""
    cases = []
    for drug in TABLES.tables.drugs:
        for bound in drug.plausibility:
            if bound.largest_unit is None:
                continue
            largest = bound.largest_unit.rate.to("mcg/h")
            for form in drug.forms:
                for route in form.routes:
                    if bound.routes is not None and route not in bound.routes:
                        continue
                    for strengths in form.strengths:
                        if strengths.unit == "mcg/h":
                            cases += [(drug.id, route, v, largest) for v in strengths.values]
    return cases


CASES = _bounded_patch_strengths()


def test_the_fentanyl_patch_has_a_largest_single_unit() -> None:
    assert any(drug == "fentanyl" and route == "transdermal" for drug, route, *_ in CASES)


@pytest.mark.parametrize(("drug", "route", "strength", "largest"), CASES)
def test_ten_times_any_marketed_strength_is_flagged_and_the_strength_itself_is_not(
    drug: str, route: str, strength: float, largest: float
) -> None:
    """Property over every drug/route with a largest-unit bound: x10 of a typical (marketed)
    amount is flagged; the marketed amount itself is not."""
    item = {"drug": drug, "route": route, "rate": f"{strength} mcg/h"}
    plain = calculate_mme({"items": [item]}, table_id="uk-palliative")
    assert not _notes(plain)
    slip = {**item, "rate": f"{strength * 10} mcg/h"}
    (note,) = _notes(calculate_mme({"items": [slip]}, table_id="uk-palliative"))
    assert note.severity == "danger"


def test_the_largest_unit_is_the_largest_strength_in_the_catalogue() -> None:
    """Data lint: the bound's number is the catalogue's, never a second copy that drifts."""
    for drug, _route, _strength, largest in CASES:
        biggest = max(s for d, _r, s, _l in CASES if d == drug)
        assert largest == biggest, drug
