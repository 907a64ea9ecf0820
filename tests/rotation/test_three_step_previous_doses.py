"""The three-step methadone switch writes the previous opioid's dose per step in mg
(pharmacist review 3, #8).

md10 (morphine ER 60 mg q12h → methadone, three-step) said "previous opioid at 66.67% of the
current doses" with no dose: a nurse had to work out 2/3 of 60 mg and find tablets for it. Each
regular current line is now written as the dose to give, rounded down to its own form's strengths
in the plan's market by the planner's rule (at most 4 units; an immediate-release dose below its
tablets measured as oral solution in the catalogue's steps; a rate or daily total floored to 3
significant figures). Methadone below its smallest tablet is measured in the oral solution's
steps too (1.5 mg, not 1.66 mg).
"""

from __future__ import annotations

from tests.rotation.plans import planned

THREE_STEP = {
    "to": {"drug": "methadone", "route": "oral"},
    "table": "uk-palliative",
    "methadone_method": "jp-label",  # a three-step method (UK's own, Morley-Makin, is not)
    "methadone_schedule": "three-step",
}


def _steps(items) -> list[str]:
    plan = planned({"from": {"items": items}, **THREE_STEP})
    return [f"{e['when']}: {e['action']}" for e in plan["schedule"]]


def test_md10_gives_the_morphine_dose_of_each_step_in_mg() -> None:
    steps = _steps(
        [{"drug": "morphine", "route": "oral", "form": "ER", "dose": "60 mg", "frequency": "q12h"}]
    )
    assert "give morphine oral ER 40 mg (30 mg + 10 mg) q12h (66.7% of 60 mg)" in steps[0]
    assert "give morphine oral ER 20 mg (15 mg + 5 mg) q12h (33.3% of 60 mg)" in steps[1]
    assert "previous opioid(s) stopped" in steps[2]
    assert "methadone 1.5 mg as oral solution tid" in steps[0]
    assert "methadone 3 mg as oral solution tid" in steps[1]


def test_a_dose_between_strengths_is_rounded_down_and_says_so() -> None:
    """oxycodone ER 35 mg q12h: 2/3 is 23.3 mg and 1/3 is 11.7 mg, neither a strength."""
    steps = _steps(
        [{"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "35 mg", "frequency": "q12h"}]
    )
    # 35 × 2/3 = 23.3 mg → 20 mg (rounded down); 35 × 1/3 = 11.7 mg → 10 mg; the share given
    # is printed, the intended one beside it (pharmacist re-check 15b, #8)
    assert (
        "give oxycodone oral ER 20 mg q12h (57.1% of 35 mg; intended 66.7%, rounded down to the "
        "strengths)" in steps[0]
    )
    assert (
        "give oxycodone oral ER 10 mg q12h (28.6% of 35 mg; intended 33.3%, rounded down to the "
        "strengths)" in steps[1]
    )


def test_an_ir_dose_below_its_tablets_is_measured_and_an_infusion_is_a_rate() -> None:
    steps = _steps(
        [
            {
                "drug": "morphine",
                "route": "oral",
                "form": "ir",
                "dose": "10 mg",
                "frequency": "q4h",
            },
            {"drug": "morphine", "route": "sc", "rate": "1.25 mg/h"},
        ]
    )
    assert "morphine oral IR 6 mg as oral solution q4h" in steps[0]
    assert "morphine sc 0.833 mg/h" in steps[0]
    assert "morphine oral IR 3 mg as oral solution q4h" in steps[1]
    assert "morphine sc 0.416 mg/h" in steps[1]
