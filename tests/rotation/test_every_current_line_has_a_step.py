"""Outside fuzz review (review 3, 2 December), D2 and D3: nothing current is left implicitly on.

D2: a fentanyl patch with a regular oral opioid switched to an oral opioid buried "Remove the
patch(es) … at the same time" after the citation at the end of the 0 h step (a reader of the step
saw "Stop morphine … give instead oxycodone" and no patch removal). D3: a switch to a patch while
a patch is worn said "Apply 25 + 12.5 mcg/h" with no word about the 25 mcg/h patch already on, and
"fentanyl transdermal" without ``form: patch`` escaped the dose-change refusal that the same
request with ``form: patch`` got. The class: every current opioid line that is stopped, removed or
replaced has its own explicit step in the schedule; a worn patch's step starts with its removal.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mps_pain.errors import MpsPainError
from tests.cli_runner import run_cli
from tests.discarded import discard
from tests.rotation.plans import checked, planned

PATCH_25 = {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"}
MORPHINE_ER_30 = {
    "drug": "morphine",
    "route": "oral",
    "form": "ER",
    "dose": "30 mg",
    "frequency": "q12h",
}
OXY_ER_20 = {
    "drug": "oxycodone",
    "route": "oral",
    "form": "ER",
    "dose": "20 mg",
    "frequency": "q12h",
}
OXY_ER_Q12H = {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"}


def _current_step(schedule: list[dict[str, str]], drug_route: str) -> list[str]:
    return [e["action"] for e in schedule if drug_route in e["action"]]


@pytest.mark.parametrize("oral", [MORPHINE_ER_30, OXY_ER_20], ids=["morphine", "oxycodone"])
def test_a_patch_with_an_oral_opioid_to_oral_starts_with_removing_the_patch(oral) -> None:
    """repro/D2-mixed-patch-oral-to-oral.json and D2-mixed-patch-oxy-to-oxy.json."""
    plan = planned(
        {
            "from": {"items": [PATCH_25, oral], "prn": "include"},
            "to": OXY_ER_Q12H,
            "table": "uk-palliative",
        }
    )
    first = plan["schedule"][0]
    assert first["when"].startswith("0 h"), plan["schedule"]
    assert first["action"].startswith("Remove the patch(es) (fentanyl transdermal 25 mcg/h"), first
    # each current line as it was prescribed: its form, dose and interval (review 4, D8)
    assert (
        f"stop {oral['drug']} oral ER 30 mg q12h" in first["action"]
        or "stop oxycodone oral ER 20 mg q12h" in (first["action"])
    ), first


def test_the_printed_schedule_names_the_removal_first(tmp_path) -> None:
    """The command line prints the removal as the 0 h step's first words."""
    request = tmp_path / "d2.json"
    request.write_text(
        '{"from": {"items": [{"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"},'
        ' {"drug": "morphine", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": '
        '"q12h"}], "prn": "include"}, "to": {"drug": "oxycodone", "route": "oral", "form": "ER",'
        ' "frequency": "q12h"}, "table": "uk-palliative"}',
        encoding="utf-8",
    )
    run = run_cli("rotate", str(request))
    assert run.returncode == 0, run.stderr
    schedule = run.stdout.split("\nSchedule:\n")[1]
    assert schedule.splitlines()[0].startswith(
        "  0 h, when the next dose is due: Remove the patch(es) (fentanyl transdermal 25 mcg/h"
    ), schedule


def test_a_patch_switched_to_a_larger_patch_says_the_worn_patch_comes_off() -> None:
    """repro/D3-patch-plus-oral-to-patch.json: 25 mcg/h + morphine ER 30 mg q12h → a patch."""
    plan = planned(
        {
            "from": {"items": [PATCH_25, MORPHINE_ER_30], "prn": "include"},
            "to": {"drug": "fentanyl", "route": "transdermal"},
            "table": "uk-palliative",
            "patient": {"opioid_tolerant": True},
        }
    )
    apply = [e for e in plan["schedule"] if "apply fentanyl transdermal patch" in e["action"]]
    assert len(apply) == 1, plan["schedule"]
    assert apply[0]["when"] == "0 h"
    assert apply[0]["action"].startswith(
        "Remove the current patch(es) (fentanyl transdermal 25 mcg/h"
    ), apply
    assert "in their place" in apply[0]["action"]


@pytest.mark.parametrize("form", [{}, {"form": "patch"}], ids=["no form", "form patch"])
@pytest.mark.parametrize(
    "rates", [["50 mcg/h"], ["50 mcg/h", "12 mcg/h"]], ids=["one patch", "two patches"]
)
def test_patch_to_the_same_patch_is_a_dose_change_whatever_the_form_field(form, rates) -> None:
    """repro/D3-patch-to-same-patch-no-form.json was planned ("Apply 50 mcg/h") while the same
    request with form: patch was refused: the form is implied (transdermal fentanyl is a patch)."""
    items = [{"drug": "fentanyl", "route": "transdermal", "rate": r, **form} for r in rates]
    with pytest.raises(MpsPainError) as refused:
        planned(
            {
                "from": {"items": items},
                "to": {"drug": "fentanyl", "route": "transdermal"},
                "table": "jspm-2010",
                "patient": {"opioid_tolerant": True},
            }
        )
    assert "dose change" in str(refused.value)


def test_the_check_calls_patch_to_patch_a_dose_change_without_the_form_field() -> None:
    result = checked(
        {
            "from": {"items": [{"drug": "fentanyl", "route": "transdermal", "rate": "50 mcg/h"}]},
            "proposed": {
                "items": [
                    {
                        "drug": "fentanyl",
                        "route": "transdermal",
                        "form": "patch",
                        "rate": "75 mcg/h",
                    }
                ]
            },
            "table": "jspm-2010",
        }
    )
    assert result["switch_kind"] == "dose_change", result


# The class, as a property: generated mixed regimens (one or two patches, regular oral, SC or IV
# lines, an as-needed line) switched to oral, parenteral and patch targets under every set.

PATCHES = st.lists(
    st.sampled_from([12, 25, 37.5, 50, 75, 100]).map(
        lambda r: {"drug": "fentanyl", "route": "transdermal", "rate": f"{r} mcg/h"}
    ),
    min_size=1,
    max_size=2,
)
REGULAR = st.sampled_from(
    [
        MORPHINE_ER_30,
        OXY_ER_20,
        {"drug": "morphine", "route": "oral", "form": "IR", "dose": "10 mg", "frequency": "q4h"},
        {
            "drug": "hydromorphone",
            "route": "oral",
            "form": "IR",
            "dose": "2 mg",
            "frequency": "q4h",
        },
        {"drug": "morphine", "route": "sc", "rate": "20 mg/day"},
        {"drug": "oxycodone", "route": "iv", "rate": "1 mg/h"},
        {"drug": "fentanyl", "route": "iv", "rate": "25 mcg/h"},
        {"drug": "morphine", "route": "rectal", "dose": "10 mg", "frequency": "q8h"},
    ]
)
PRN = st.sampled_from(
    [
        [],
        [
            {
                "drug": "morphine",
                "route": "oral",
                "form": "IR",
                "dose": "5 mg",
                "prn": True,
                "doses_per_day": 3,
            }
        ],
        [
            {
                "drug": "oxycodone",
                "route": "oral",
                "form": "IR",
                "dose": "5 mg",
                "prn": True,
                "doses_per_day": 3,
            }
        ],
    ]
)
TARGETS = st.sampled_from(
    [
        OXY_ER_Q12H,
        {"drug": "morphine", "route": "oral", "form": "ER", "frequency": "q12h"},
        {"drug": "morphine", "route": "oral", "form": "IR", "frequency": "q4h"},
        {"drug": "hydromorphone", "route": "oral", "form": "IR", "frequency": "q4h"},
        {"drug": "morphine", "route": "sc", "continuous": True},
        {"drug": "oxycodone", "route": "sc", "continuous": True},
        {"drug": "morphine", "route": "rectal", "frequency": "q8h"},
        {"drug": "fentanyl", "route": "transdermal"},
        {"drug": "methadone", "route": "oral"},
    ]
)
_STOP_WORDS = ("Stop ", "stop ", "then stop", "Remove ", "Give the last dose of")


def _explicit(schedule: list[dict[str, str]], line: dict[str, Any]) -> bool:
    """The line is ended by a step of its own: a worn patch by a step that starts with its
    removal, any other line by a step that names it with a stop."""
    name = f"{line['drug']} {line['route']}"
    if line["route"] == "transdermal":
        return any(
            e["action"].startswith(("Remove the patch", "Remove the current patch"))
            and name in e["action"]
            for e in schedule
        )
    return any(name in e["action"] and any(w in e["action"] for w in _STOP_WORDS) for e in schedule)


def _each_line_ended(
    lines: list[dict[str, Any]], to: dict[str, Any], table: str, market: str | None
) -> None:
    """The plan's schedule ends every current line by a step of its own (a NO DOSE plan keeps
    the current regimen, saying so); a request refused with a named field has no schedule."""
    request: dict[str, Any] = {
        "from": {"items": lines, "prn": "include"},
        "to": to,
        "table": table,
        "patient": {"opioid_tolerant": True},
    }
    if market is not None:
        request["market"] = market
    try:
        plan = planned(request)
    except MpsPainError as refusal:  # refused with a named field: no schedule
        discard(refusal)
    schedule = plan["schedule"]
    if plan["regimen_detail"]["no_dose"] is not None:
        assert any("Keep the current regimen" in e["action"] for e in schedule), schedule
        return
    for line in lines:
        assert _explicit(schedule, line), (line, schedule)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(
    patches=PATCHES,
    regular=st.lists(REGULAR, max_size=2),
    prn=PRN,
    to=TARGETS,
    table=st.sampled_from(["fpm-2021", "uk-palliative", "jspm-2010"]),
    market=st.sampled_from([None, "UK", "JP", "US", "AU"]),
)
def test_every_current_line_is_ended_by_a_step_of_its_own(
    patches, regular, prn, to, table, market
) -> None:
    _each_line_ended([*patches, *regular, *prn], to, table, market)


MORPHINE_SC_1 = {"drug": "morphine", "route": "sc", "rate": "1 mg/h"}


@pytest.mark.parametrize(
    ("to", "kept"),
    [
        ({"drug": "oxycodone", "route": "oral", "form": "MR", "frequency": "q12h"}, False),
        ({"drug": "morphine", "route": "oral", "form": "MR", "frequency": "q12h"}, False),
        ({"drug": "morphine", "route": "sc", "continuous": True}, True),
        ({"drug": "oxycodone", "route": "sc", "continuous": True}, False),
    ],
    ids=["to oxycodone MR", "to morphine MR", "to the same infusion", "to another infusion"],
)
def test_doses_beside_an_infusion_stop_at_their_next_dose(to: dict[str, Any], kept: bool) -> None:
    """Fuzz review 10, #3 (mix/m1.json, m2.json, m3.json): morphine oral MR 30 mg q12h beside
    morphine SC 1 mg/h. The schedule said "0 h: Give the first dose of oxycodone ER … Stop the
    infusion when the first oral dose is given" with no word about the oral morphine MR (both
    modified-release drugs at 0 h), or called the oral tablet part of "the current infusion".
    The oral line stops in place of its next dose; the infusion runs until then; nothing at 0 h."""
    plan = planned(
        {"from": {"items": [MORPHINE_ER_30, MORPHINE_SC_1]}, "to": to, "table": "uk-palliative"}
    )
    steps = [e for e in plan["schedule"] if not e["when"].startswith("from")]
    assert len(steps) == 1, plan["schedule"]
    step = steps[0]
    assert step["when"] == "when the next dose is due", step
    assert step["action"].startswith(
        "Stop morphine oral ER 30 mg q12h (60 mg/day): instead of its next dose"
    ), step
    assert "infusion (morphine oral" not in step["action"], step
    assert (
        "keep the infusion of morphine sc 1 mg/h continuous (24 mg/day) running" in step["action"]
    ), step
    assert ("change the rate of the infusion of morphine sc" in step["action"]) is kept, step


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(
    regular=st.lists(REGULAR, min_size=1, max_size=2),
    prn=PRN,
    to=TARGETS,
    table=st.sampled_from(["fpm-2021", "uk-palliative", "jspm-2010"]),
)
def test_without_a_patch_every_current_line_is_ended_by_a_step_of_its_own(
    regular, prn, to, table
) -> None:
    """The class of fuzz review 10, #3, without a patch (the property above always wears one)."""
    _each_line_ended([*regular, *prn], to, table, None)
