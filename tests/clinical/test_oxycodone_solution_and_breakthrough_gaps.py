"""Catalogue gaps of pharmacist review 3, #10: oxycodone oral solution, and a breakthrough dose
the tool cannot give says so and why.

oo10 (codeine 60 mg qid → oxycodone IR q4h, fpm-2021) was NO DOSE and oo08 (tramadol 200 mg/day
→ oxycodone ER q12h) had no breakthrough: the catalogue listed no oxycodone oral solution by
volume. UK OxyNorm liquid 1 mg/mL and concentrate 10 mg/mL, US oxycodone oral solution 1 and
20 mg/mL are now strength rows (product facts, cited as the other strength rows are). rd04 (rectal
morphine, JP suppositories 10/20/30 mg) and oo12 (tapentadol ER, smallest IR tablet 50 mg) still
have no breakthrough dose: no smaller strength exists, a rectal dose is not measured from an
oral solution, and no source in the reference names another opioid as their breakthrough; the
plan now says all of that.
"""

from __future__ import annotations

import pytest

from tests.clinical.helpers import run_json

CODEINE_QID = {"drug": "codeine", "route": "oral", "dose": "60 mg", "frequency": "qid"}


def test_oo10_oxycodone_ir_below_its_tablets_is_measured_as_oral_solution(tmp_path, capsys) -> None:
    plan = run_json(
        "rotate",
        {
            "from": {"items": [CODEINE_QID]},
            "to": {"drug": "oxycodone", "route": "oral", "form": "ir", "frequency": "q4h"},
            "table": "fpm-2021",
        },
        tmp_path,
        capsys,
    )
    regimen = plan["regimen"]
    assert regimen["form"] == "oral_solution" and regimen["dose"]["value"] > 0
    assert plan["regimen_detail"]["no_dose"] is None
    assert any(w["code"] == "measured-as-liquid" for w in plan["warnings"])


def test_oo08_oxycodone_breakthrough_is_measured_as_oral_solution(tmp_path, capsys) -> None:
    plan = run_json(
        "rotate",
        {
            "from": {"items": [{"drug": "tramadol", "route": "oral", "daily_dose": "200 mg/day"}]},
            "to": {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"},
            "table": "fpm-2021",
        },
        tmp_path,
        capsys,
    )
    breakthrough = plan["breakthrough"]
    assert breakthrough["form"] == "oral_solution"
    assert 2 <= breakthrough["dose"]["value"] <= 3.34  # 1/10–1/6 of 20 mg/day


def test_the_uk_oxycodone_solution_row_names_its_product() -> None:
    from mps_pain.tables.loader import get_tables

    drug = next(d for d in get_tables().tables.drugs if d.id == "oxycodone")
    form = next(f for f in drug.forms if f.id == "oral_solution")
    uk = next(s for s in form.strengths if s.market == "UK")
    assert uk.unit == "mg/mL" and list(uk.values) == [1, 10]
    assert "OxyNorm liquid" in uk.citation.locator
    jp = next(s for s in form.strengths if s.market == "JP")
    assert jp.unit == "mg"  # the JP sachets stay unit doses of that market


@pytest.mark.parametrize(
    ("document", "why"),
    [
        (
            {
                "from": {
                    "items": [
                        {
                            "drug": "oxycodone",
                            "route": "oral",
                            "form": "ER",
                            "dose": "20 mg",
                            "frequency": "q12h",
                        }
                    ]
                },
                "to": {"drug": "morphine", "route": "rectal", "frequency": "q8h"},
                "table": "jspm-2010",
                "market": "JP",
            },
            "a rectal dose cannot be measured from an oral solution",
        ),
        (
            {
                "from": {
                    "items": [
                        {
                            "drug": "morphine",
                            "route": "oral",
                            "form": "ER",
                            "dose": "60 mg",
                            "frequency": "q12h",
                        }
                    ]
                },
                "to": {"drug": "tapentadol", "route": "oral", "form": "ER", "frequency": "q12h"},
                "table": "uk-palliative",
            },
            "no oral solution is listed for this drug in the catalogue",
        ),
    ],
    ids=["rd04-rectal-morphine", "oo12-tapentadol"],
)
def test_no_breakthrough_says_why_and_that_no_other_opioid_is_named(
    document, why, tmp_path, capsys
) -> None:
    plan = run_json("rotate", document, tmp_path, capsys)
    assert plan["breakthrough"]["dose"] is None
    reason = plan["breakthrough"]["no_dose"]
    assert why in reason
    assert "no source in the reference names another opioid as its breakthrough dose" in reason


def test_without_a_breakthrough_dose_the_current_as_needed_line_is_still_named(
    tmp_path, capsys
) -> None:
    """Found by the every-current-line property after the merge: a patch + oxycodone ER +
    morphine IR as needed → rectal morphine (jspm-2010), no breakthrough dose can be given, and
    the as-needed morphine was named by no step. It is kept as the only rescue until the
    prescriber chooses one, then stopped."""
    document = {
        "from": {
            "items": [
                {"drug": "fentanyl", "route": "transdermal", "rate": "12 mcg/h"},
                {
                    "drug": "oxycodone",
                    "route": "oral",
                    "form": "ER",
                    "dose": "20 mg",
                    "frequency": "q12h",
                },
                # clinical21: an as-needed oxycodone (an as-needed morphine, the target's own
                # drug, now keeps its 0% on its share and the plan then has a suppository dose)
                {
                    "drug": "oxycodone",
                    "route": "oral",
                    "form": "IR",
                    "dose": "2.5 mg",
                    "prn": True,
                    "doses_per_day": 3,
                },
            ]
        },
        "to": {"drug": "morphine", "route": "rectal", "frequency": "q8h"},
        "table": "jspm-2010",
    }
    plan = run_json("rotate", document, tmp_path, capsys)
    assert plan["breakthrough"]["dose"] is None
    # one rule with fix-bt's be98d1f (schedule._breakthrough): the step says "No breakthrough
    # dose: <why>" and keeps the current as-needed line until the prescriber chooses one
    step = next(
        e["action"] for e in plan["schedule"] if e["action"].startswith("No breakthrough dose:")
    )
    assert "Keep the current as-needed oxycodone oral" in step and "then stop it" in step
