"""Pharmacist re-check 16, #2 (medium): the fix of re-check 15b #6 covered maximum-dose dangers
only, so an NSAID the plan itself says to avoid at eGFR < 30 ("ibuprofen — avoid NSAIDs in
severe renal impairment", a DANGER naming the line) was still "Continue ibuprofen oral 400 mg
tid … unchanged". A plan never tells the nurse to continue unchanged a line its own danger
names, whatever the rule behind the danger."""

from __future__ import annotations

from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st

from tests.rotation.plans import planned

OXY = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}
MORPHINE = {"drug": "morphine", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}
TO_OXY = {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"}
TO_HM = {"drug": "hydromorphone", "route": "oral", "form": "IR", "frequency": "q4h"}
NSAIDS = [
    {"drug": "ibuprofen", "route": "oral", "dose": "400 mg", "frequency": "tid"},
    {"drug": "naproxen", "route": "oral", "dose": "250 mg", "frequency": "bid"},
    {"drug": "loxoprofen", "route": "oral", "dose": "60 mg", "frequency": "tid"},
]


def _named_lines_unchanged(plan: dict[str, Any], item: int, drug: str) -> list[str]:
    """The schedule lines of the co-medication ``item`` that still say "unchanged" while a
    danger names it."""
    named = [w for w in plan["warnings"] if w["severity"] == "danger" and w["item"] == item]
    if not named:
        return []
    lines = [e["action"] for e in plan["schedule"] if drug in e["action"]]
    return [line for line in lines if "unchanged" in line]


def test_recheck16_ibuprofen_at_egfr_20_is_not_continued_unchanged() -> None:
    plan = planned(
        {"from": {"items": [MORPHINE, NSAIDS[0]]}, "to": TO_OXY, "table": "uk-palliative",
         "patient": {"egfr": "20"}}
    )  # fmt: skip
    assert any(w["severity"] == "danger" and w["item"] == 1 for w in plan["warnings"])
    line = next(e["action"] for e in plan["schedule"] if "ibuprofen" in e["action"])
    assert "unchanged" not in line, line
    assert line.startswith("Review ibuprofen") and "DANGER" in line and "stop or change it" in line


def test_the_same_nsaid_with_normal_kidneys_is_continued_unchanged() -> None:
    plan = planned(
        {"from": {"items": [MORPHINE, NSAIDS[0]]}, "to": TO_OXY, "table": "uk-palliative",
         "patient": {"egfr": "80"}}
    )  # fmt: skip
    line = next(e["action"] for e in plan["schedule"] if "ibuprofen" in e["action"])
    assert "unchanged" in line, line


@given(
    nsaid=st.sampled_from(NSAIDS),
    switch=st.sampled_from([(OXY, TO_HM), (MORPHINE, TO_OXY), (MORPHINE, TO_HM)]),
    egfr=st.sampled_from([8, 15, 20, 29, 30, 45, 90]),
    table=st.sampled_from(["uk-palliative", "fpm-2021", "jspm-2010"]),
)
def test_no_line_a_danger_names_is_continued_unchanged(
    nsaid: dict[str, str],
    switch: tuple[dict[str, str], dict[str, str]],
    egfr: int,
    table: str,
) -> None:
    regular, target = switch
    assume(not (table == "jspm-2010" and target is TO_HM))  # jspm-2010 has no hydromorphone row
    document = {"from": {"items": [regular, nsaid]}, "to": target, "table": table,
                "patient": {"egfr": str(egfr)}}  # fmt: skip
    plan = planned(document)
    assert not _named_lines_unchanged(plan, 1, nsaid["drug"]), (document, plan["schedule"])


# Pharmacist re-check 16b, #1 (high): paracetamol 1 g q8h regular plus 1 g IV as needed, 3 doses
# taken a day (6 g/day taken), continued by a switch: both lines said "Continue … unchanged"
# with only a caution, since the as-needed doses were judged as an order's headroom. A line the
# plan continues is continued as it is taken: its as-needed doses taken are the intake.
def test_recheck16b_regular_and_taken_as_needed_paracetamol_above_the_maximum() -> None:
    import json
    from pathlib import Path

    document = json.loads(
        (Path(__file__).parent / "fixtures" / "A07-para-prn-3g-plus-reg-3g.json").read_text()
    )
    plan = planned(document)
    over = [w for w in plan["warnings"] if w["code"] == "max-daily-dose"]
    assert over and over[0]["severity"] == "danger", plan["warnings"]
    assert "6000 mg/day" in over[0]["message"]
    lines = [e["action"] for e in plan["schedule"] if "acetaminophen" in e["action"]]
    assert lines and not any("unchanged" in line for line in lines), lines


def test_recheck16b_a_line_above_its_maximum_and_to_be_avoided_is_reviewed_not_reduced() -> None:
    """Re-check 16b, A05: naproxen at eGFR 20 above its maximum read "Reduce naproxen", while the
    renal danger says to avoid it: reducing a drug to avoid is the wrong advice."""
    import json
    from pathlib import Path

    fixture = Path(__file__).parent / "fixtures" / "A05-naproxen-egfr20-to-oxy.json"
    plan = planned(json.loads(fixture.read_text()))
    line = next(e["action"] for e in plan["schedule"] if "naproxen" in e["action"])
    assert line.startswith("Review naproxen") and "stop or change it" in line, line
