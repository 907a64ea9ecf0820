"""Outside first-time-clinician review (2 December), L2 and M1.

L2: oxycodone ER 50 mg q12h → morphine ER q12h (uk-palliative) gave breakthrough morphine 10 mg
against its own range 11–18.33 mg, printed as "0.1–0.1667 of the new 24-h dose". A rounded dose
outside its range is now measured as the oral solution the catalogue lists (in mL of a stated
concentration), or the note says why not; fractions print as 1/10–1/6 and ranges readably.
M1: the converter showed the NHS '090714' band "25 ≈ 61–90 mg oral morphine/24 h" for a switch to
a patch and 25 mcg/h × 2.4 = 60 mg/day for a patch's OME. Both are cited (a band table used only
to a patch, the set's factor for a patch's OME); each output now says which rule it used and why
they differ.
"""

from __future__ import annotations

from typing import Any

from tests.rotation.plans import PATCH, planned

MORPHINE_ER = {"drug": "morphine", "route": "oral", "form": "er", "frequency": "q12h"}


def _oxycodone_er_to_morphine_er(**extra: Any) -> dict[str, Any]:
    item = {
        "drug": "oxycodone",
        "route": "oral",
        "form": "er",
        "dose": "50 mg",
        "frequency": "q12h",
    }
    return planned(
        {"from": {"items": [item]}, "to": MORPHINE_ER, "table": "uk-palliative", **extra}
    )


def test_a_breakthrough_dose_below_its_range_is_measured_as_oral_solution() -> None:
    bt = _oxycodone_er_to_morphine_er()["breakthrough"]
    assert bt["low"]["value"] <= bt["dose"]["value"] <= bt["high"]["value"], bt
    assert bt["form"] == "oral_solution", bt
    assert "mL of the 2 mg/mL oral solution" in bt["note"], bt["note"]


def test_the_breakthrough_note_prints_fractions_and_ranges_readably() -> None:
    note = _oxycodone_er_to_morphine_er()["breakthrough"]["note"]
    # three significant figures, as the measured dose (pharmacist review 5, D4: whole mg put
    # "12.4 mg" beside "7.5–12"); still never the four-figure "18.33"
    assert note.startswith("1/10–1/6 of the new 24-h dose = 11–18.3 mg per dose"), note
    assert "0.1667" not in note and "18.33" not in note


def test_the_patch_band_line_says_it_is_the_band_rule_and_how_the_factor_differs() -> None:
    item = {
        "drug": "morphine",
        "route": "oral",
        "form": "er",
        "dose": "37.5 mg",
        "frequency": "q12h",
    }
    steps = " ".join(
        planned({"from": {"items": [item]}, "to": PATCH, "table": "uk-palliative"})["steps"]
    )
    assert "used only to choose a patch" in steps, steps
    assert "25 mcg/h × 2.4 = 60 mg/day" in steps, steps


def test_the_patch_ome_line_says_it_is_the_factor_and_how_the_band_differs() -> None:
    patch = {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"}
    steps = " ".join(
        planned({"from": {"items": [patch]}, "to": MORPHINE_ER, "table": "uk-palliative"})["steps"]
    )
    assert "the set's factor for a patch's OME" in steps, steps
    # the band 61-90 (clinician review 12, #5: 60 itself is read in the lower band)
    assert "61 to below 91 mg/day" in steps and "at or below the band's lower edge" in steps, steps
