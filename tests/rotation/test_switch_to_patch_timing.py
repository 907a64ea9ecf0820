"""The switch-to-patch timing follows the previous regimen (issue #3, defect 3)."""

from __future__ import annotations

from mps_pain.tables.loader import get_tables
from tests.rotation.plans import PATCH, planned, schedule_to_patch

# --- 3. to a patch: the rule follows the previous regimen --------------------------------------


def test_four_hourly_immediate_release_continues_for_12_h_after_the_patch() -> None:
    schedule = schedule_to_patch(
        {"drug": "morphine", "route": "oral", "form": "IR", "dose": "20 mg", "frequency": "q4h"}
    )
    assert schedule[0]["when"] == "0 h" and schedule[0]["action"].startswith("Apply")
    assert schedule[1]["when"] == "0–12 h" and "immediate-release doses" in schedule[1]["action"]
    assert "NHS Lanarkshire" in schedule[1]["action"]
    assert (
        schedule[2]["when"] == "from 0 h"
        # the breakthrough row from 0 h stands before later rows (clinician review 17 #3)
    )
    assert schedule[3]["when"] == "12 h" and schedule[3]["action"].startswith("Stop")
    assert not any("12-hourly modified-release" in e["action"] for e in schedule)


def test_qid_immediate_release_tramadol_is_not_told_about_a_12_hourly_dose() -> None:
    # 400 mg/day is 40–80 mg/day OME across the cited tramadol factors: not opioid-tolerant at
    # the low end (issue 8 class 3), so the patient is stated tolerant for a patch to be proposed
    item = {"drug": "tramadol", "route": "oral", "dose": "100 mg", "frequency": "qid"}
    document = {"from": {"items": [item]}, "to": PATCH, "table": "fpm-2021"}
    payload = planned({**document, "patient": {"opioid_tolerant": True}})
    assert payload["regimen_detail"]["patches"]
    schedule = payload["schedule"]
    assert schedule[1]["when"] == "0–12 h" and "immediate-release doses" in schedule[1]["action"]
    assert "12-hourly" not in " ".join(e["action"] for e in schedule)


def test_twelve_hourly_modified_release_puts_the_patch_on_with_the_last_dose() -> None:
    schedule = schedule_to_patch(
        {"drug": "morphine", "route": "oral", "form": "ER", "dose": "60 mg", "frequency": "q12h"}
    )
    assert [e["when"] for e in schedule][:2] == ["0 h", "0 h"]
    assert not any(e["when"].startswith("0–") for e in schedule)
    assert "last dose" in schedule[1]["action"] and "NHS Lanarkshire" in schedule[1]["action"]


def test_twenty_four_hourly_modified_release_puts_the_patch_on_12_h_after_the_last_dose() -> None:
    schedule = schedule_to_patch(
        {"drug": "morphine", "route": "oral", "form": "ER", "dose": "120 mg", "frequency": "q24h"}
    )
    assert schedule[0]["when"] == "12 h before 0 h" and "last dose" in schedule[0]["action"]
    assert schedule[1]["action"].startswith("Apply")
    rule = next(
        r
        for r in get_tables().tables.rotation.transitions.to_patch  # type: ignore[union-attr]
        if r.previous == "modified_release_24h"
    )
    assert get_tables().tables.sources[rule.citation.source].evidence == "unverified"


def test_an_infusion_keeps_running_for_12_h_after_the_patch() -> None:
    schedule = schedule_to_patch({"drug": "morphine", "route": "sc", "rate": "5 mg/h"})
    assert schedule[1]["when"] == "0–12 h" and "infusion" in schedule[1]["action"]
    assert (
        schedule[2]["when"] == "from 0 h"
        # the breakthrough row from 0 h stands before later rows (clinician review 17 #3)
    )
    assert schedule[3]["when"] == "12 h" and schedule[3]["action"].startswith("Stop")


def test_the_start_after_removing_a_patch_cites_its_source() -> None:
    # The '17 h' after removing a fentanyl patch is a cited number (rotation.transitions
    # from_patch_start.citation); it was printed without its citation, to any opioid and to
    # methadone alike.
    tables = get_tables()
    rules = tables.tables.rotation.transitions
    cite = tables.cite(rules.from_patch_start.citation)
    patch = {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"}
    for to in (
        {"drug": "morphine", "route": "oral", "form": "IR", "frequency": "q4h"},
        {"drug": "methadone", "route": "oral"},
    ):
        payload = planned({"from": {"items": [patch]}, "to": to, "table": "jspm-2010"})
        start = [
            e for e in payload["schedule"] if e["when"].endswith(" h") and "Start" in e["action"]
        ]
        assert start and cite in start[0]["action"], payload["schedule"]
