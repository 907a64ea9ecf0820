"""Plans on the made-up table: each step's arithmetic, the target shapes, warnings and errors."""

from __future__ import annotations

import pytest

from mps_pain.errors import InputError, MpsPainError, PlanningError, UnknownDrugError
from mps_pain.services.rotation_service import RotationPlan, plan_rotation
from tests.rotation.conftest import request, scheduled

ALPHA_ER_120 = scheduled("alphadone", "60 mg", "q12h", form="ER")
TO_ALPHA_IR = {"drug": "alphadone", "route": "oral", "form": "IR", "frequency": "q4h"}


def _plan(rot, req) -> RotationPlan:
    return plan_rotation(req, tables=rot)


def _codes(plan: RotationPlan) -> set[str]:
    return {w.code for w in plan.warnings}


def test_oral_to_oral_between_opioids_goes_through_every_step(rot) -> None:
    plan = _plan(
        rot,
        request(
            [ALPHA_ER_120],
            {"drug": "betadone", "route": "oral", "form": "IR", "frequency": "q4h"},
            market="UK",
        ),
    )
    assert plan.ome_per_day == 120
    assert plan.equianalgesic_daily_dose.value == pytest.approx(120 / 2.5)
    assert (plan.equianalgesic_daily_dose.low, plan.equianalgesic_daily_dose.high) == pytest.approx(
        (40, 60)
    )
    assert plan.reduction == pytest.approx(0.2)
    assert plan.target_daily_dose.value == pytest.approx(48 * 0.8)
    # 38.4 / 6 = 6.4 mg per dose → 6 mg (4 + 2) → 36 mg/day
    assert plan.regimen.dose is not None and plan.regimen.dose.value == 6
    assert plan.rounded_daily_dose is not None and plan.rounded_daily_dose.value == 36
    assert plan.rounding_loss_percent == pytest.approx((38.4 - 36) / 38.4 * 100)
    assert plan.breakthrough is not None and plan.breakthrough.dose is not None
    assert plan.breakthrough.dose.value == 6  # 36 / 5 = 7.2 → 6
    assert [s[:2] for s in plan.steps if s[:1].isdigit()] == [
        "1.",
        "2.",
        "3.",
        "4.",
        "5.",
        "6.",
        "7.",
        "8.",
    ]
    assert any("row beta oral" in s for s in plan.steps)


def test_the_prn_choice_is_stated_and_changes_the_total(rot) -> None:
    prn = {
        "drug": "alphadone",
        "route": "oral",
        "form": "IR",
        "prn": True,
        "dose": "10 mg",
        "doses_per_day": 3,
    }
    to = {"drug": "betadone", "route": "oral", "form": "IR", "frequency": "q4h"}
    included = _plan(rot, {"from": {"items": [ALPHA_ER_120, prn], "prn": "include"}, "to": to})
    excluded = _plan(rot, {"from": {"items": [ALPHA_ER_120, prn], "prn": "exclude"}, "to": to})
    assert (included.ome_per_day, excluded.ome_per_day) == (150, 120)
    assert "included" in included.steps[0] and "excluded" in excluded.steps[0]
    default = _plan(rot, request([ALPHA_ER_120, prn], to))
    assert not default.prn_stated and "not stated" in default.steps[0]


def test_same_drug_by_another_route_uses_no_reduction(rot) -> None:
    plan = _plan(
        rot, request([ALPHA_ER_120], {"drug": "alphadone", "route": "iv", "continuous": True})
    )
    assert plan.reduction == 0
    assert plan.regimen.rate is not None and plan.regimen.rate.unit == "mg/h"
    # the fixture's parenteral row is 4 (range 3–5): a target is read at the range's high end,
    # the less new drug (pharmacist review 7, D1; mps_pain/domain/factor_end.py): 120 / 5 = 24
    # mg/day, rounded DOWN by the injected step (2.5 mg from 20 mg; clinician review 11 #5) to
    # 22.5 mg over 24 h, the rate that amount ÷ 24 h
    assert plan.regimen.rate.value == pytest.approx(22.5 / 24)
    assert not plan.rounding_leaves_range  # within the fixture's 0–10% range, 21.6–24 mg/day


def test_csci_gives_the_24_hour_total(rot) -> None:
    plan = _plan(
        rot, request([ALPHA_ER_120], {"drug": "alphadone", "route": "sc", "continuous": True})
    )
    assert (
        plan.regimen_detail.daily_dose is not None
        and plan.regimen_detail.daily_dose.value == 22.5  # range 3–5: 120 / 5 = 24, stepped
    )
    assert any("CSCI" in s for s in plan.steps)


def test_an_infusion_to_oral_plan_stops_the_infusion_with_the_first_dose(rot) -> None:
    infusion = {"drug": "alphadone", "route": "iv", "rate": "1 mg/h"}
    plan = _plan(
        rot,
        request(
            [infusion],
            TO_ALPHA_IR,
            market="UK",
        ),
    )
    assert plan.ome_per_day == pytest.approx(96)
    assert (plan.ome_low, plan.ome_high) == pytest.approx((72, 120))
    assert "Stop the infusion with the first oral dose." in plan.schedule[0].action


def test_to_a_patch_uses_the_sets_band_table_the_lower_result_and_a_marketed_size(rot) -> None:
    plan = _plan(
        rot, request([ALPHA_ER_120], {"drug": "gammatane", "route": "transdermal"}, market="UK")
    )
    # factor: 120 / 2 = 60 mcg/h; band 100–200 → 40 mcg/h; the lower is used
    assert plan.target_daily_dose.value == 40
    assert plan.regimen_detail.patches is not None and [
        p.value for p in plan.regimen_detail.patches
    ] == [40]
    assert plan.breakthrough is not None and plan.breakthrough.drug == "alphadone"
    assert plan.breakthrough.dose is not None and plan.breakthrough.dose.value == 20  # 40 × 0.5
    # a 12-hourly modified-release regimen: the patch goes on with its last dose
    assert plan.schedule[0].when == "0 h" and plan.schedule[0].action.startswith("Apply")
    assert plan.schedule[1].when == "0 h" and "last dose" in plan.schedule[1].action
    assert {"patch-onset", "patch-not-for-unstable-pain", "patch-heat-fever"} <= _codes(plan)


def test_the_factor_can_be_chosen_instead_of_the_band_table(rot) -> None:
    plan = _plan(
        rot,
        request(
            [ALPHA_ER_120],
            {"drug": "gammatane", "route": "transdermal"},
            market="UK",
            patch_table="factor",
            reduction="25%",
        ),
    )
    # 60 × 0.75 = 45 mcg/h → 40 (UK: 10, 20, 40)
    assert plan.target_daily_dose.value == pytest.approx(45)
    assert plan.rounded_daily_dose is not None and plan.rounded_daily_dose.value == 40


def test_above_the_largest_patch_a_combination_is_used(rot) -> None:
    big = scheduled("alphadone", "200 mg", "q12h", form="ER")
    plan = _plan(
        rot,
        request(
            [big],
            {"drug": "gammatane", "route": "transdermal"},
            market="UK",
            patch_table="factor",
            reduction=0,
        ),
    )
    assert plan.regimen_detail.patches is not None
    assert [p.value for p in plan.regimen_detail.patches] == [40, 40, 40, 40, 40]


def test_an_opioid_naive_regimen_gets_the_patch_danger_warning(rot) -> None:
    small = scheduled("alphadone", "10 mg", "q12h", form="ER")
    plan = _plan(
        rot, request([small], {"drug": "gammatane", "route": "transdermal"}, patch_table="factor")
    )
    danger = [w for w in plan.warnings if w.code == "patch-not-opioid-tolerant"]
    assert danger and danger[0].severity == "danger"
    said = _plan(
        rot,
        request(
            [ALPHA_ER_120],
            {"drug": "gammatane", "route": "transdermal"},
            patient={"opioid_tolerant": False},
        ),
    )
    # recorded not tolerant beside a regimen that meets the definition: the conflict danger
    # (pharmacist review 2 Dec, finding 3), no longer the false "does not meet" sentence
    conflict = [w for w in said.warnings if w.code == "opioid-tolerance-conflict"]
    assert conflict and conflict[0].severity == "danger"
    assert said.regimen.rate is None  # still no patch


def test_from_a_patch_the_new_opioid_starts_after_the_depot_falls(rot) -> None:
    patch = {"drug": "gammatane", "route": "transdermal", "rate": "40 mcg/h"}
    plan = _plan(
        rot,
        request(
            [patch],
            TO_ALPHA_IR,
            market="UK",
            patient={"fever": True},
        ),
    )
    assert plan.reduction == pytest.approx(0.3)
    assert [e.when for e in plan.schedule][:3] == [
        "0 h",
        "from 0 h",
        "14 h",
        # the breakthrough row from 0 h stands before later rows (clinician review 17 #3)
    ]
    assert "patch-lingers" in _codes(plan)
    heat = next(w for w in plan.warnings if w.code == "patch-heat-fever")
    assert heat.severity == "danger"


def test_iv_to_patch_of_the_same_drug_keeps_the_infusion_running_first(rot) -> None:
    infusion = {"drug": "gammatane", "route": "iv", "rate": "25 mcg/h"}
    plan = _plan(
        rot, request([infusion], {"drug": "gammatane", "route": "transdermal"}, market="UK")
    )
    assert plan.reduction == 0
    assert plan.ome_per_day == pytest.approx(600 * 0.08)
    assert plan.schedule[1].when == "0–9 h"
    assert "keep the infusion running for 9 h" in plan.schedule[1].action
    assert (
        plan.schedule[2].when == "from 0 h"
        # the breakthrough row from 0 h stands before later rows (clinician review 17 #3)
    )
    assert plan.schedule[3].when == "9 h" and plan.schedule[3].action.startswith("Stop")


def test_a_ketamine_co_infusion_stays_and_is_warned(rot) -> None:
    ketamine = {"drug": "kappamine", "route": "sc", "rate": "100 mg/day"}
    plan = _plan(
        rot,
        request([ALPHA_ER_120, ketamine], {"drug": "betadone", "route": "iv", "continuous": True}),
    )
    assert "co-infusion-nmda-antagonist" in _codes(plan)
    assert any("kappamine" in e.action and "unchanged" in e.action for e in plan.schedule)
    assert plan.ome_per_day == 120


def test_renal_and_hepatic_rules_warn_with_their_source(rot) -> None:
    to = {"drug": "epsilone", "route": "oral", "form": "ir", "frequency": "q4h"}
    plan = _plan(
        rot,
        request([ALPHA_ER_120], to, patient={"egfr": "20 mL/min", "hepatic_impairment": "mild"}),
    )
    renal = [w for w in plan.warnings if w.code == "renal-target"]
    assert renal and renal[0].severity == "danger" and "gammatane" in renal[0].message
    assert renal[0].source == "Source A, renal"
    assert any(w.code == "renal-current" for w in plan.warnings)
    # the drug's one liver line: its held rule, or the no-rule line that says the advice for
    # every opioid in it (pharmacist review 21, L-2), with a source either way
    liver = [w for w in plan.warnings if w.code in {"hepatic-impairment", "hepatic-no-rule"}]
    assert any("epsilone" in w.message and w.source for w in liver), liver


def test_the_spread_shows_every_equianalgesic_set(rot) -> None:
    plan = _plan(
        rot,
        request(
            [ALPHA_ER_120], {"drug": "betadone", "route": "oral", "form": "IR", "frequency": "q4h"}
        ),
    )
    rows = {row.table: row for row in plan.spread}
    assert set(rows) == {"set-equi", "set-equi-b"}
    assert rows["set-equi-b"].target_daily_dose is not None
    assert rows["set-equi-b"].target_daily_dose.value == pytest.approx(120 / 4 * 0.8)


def test_methadone_plans_list_every_method_and_follow_the_schedule(rot) -> None:
    plan = _plan(
        rot,
        request(
            [scheduled("alphadone", "100 mg", "q12h", form="ER")],
            {"drug": "deltadone", "route": "oral"},
            market="UK",
            methadone_method="fixed",
            methadone_schedule="three-step",
        ),
    )
    assert plan.regimen_detail.daily_dose is not None and plan.regimen_detail.daily_dose.value == 24
    assert [o.method for o in plan.methadone_options] == ["fixed", "ratio", "fraction"]
    assert [e.when for e in plan.schedule] == ["days 1–2", "day 3+"]
    assert plan.titration_interval_days == (6, 6)
    assert "qtc-unknown" in _codes(plan)


def test_from_methadone_is_flagged_not_bidirectional(rot) -> None:
    methadone = scheduled("deltadone", "4 mg", "tid", form="tablet")
    plan = _plan(
        rot,
        request([methadone], TO_ALPHA_IR),
    )
    assert plan.ome_per_day == pytest.approx(12 * 6)
    assert "from-methadone-not-bidirectional" in _codes(plan)


@pytest.mark.parametrize(
    ("change", "error", "location"),
    [
        ({"table": "set-risk"}, InputError, "table"),
        ({"table": "nope"}, MpsPainError, "table"),
        (
            {"to": {"drug": "alphadon", "route": "oral", "form": "ir", "frequency": "q4h"}},
            UnknownDrugError,
            "to.drug",
        ),
        ({"to": {"drug": "kappamine", "route": "iv", "continuous": True}}, InputError, "to.drug"),
        ({"to": {"drug": "betadone", "route": "sc", "continuous": True}}, InputError, "to.route"),
        ({"to": {"drug": "alphadone", "route": "oral", "frequency": "q4h"}}, InputError, "to.form"),
        (
            {"to": {"drug": "alphadone", "route": "oral", "form": "patch", "frequency": "q4h"}},
            InputError,
            "to.form",
        ),
        ({"to": {"drug": "betadone", "route": "oral", "form": "ir"}}, InputError, "to.frequency"),
        ({"reduction": "90%"}, InputError, "reduction"),
        (
            {"to": {"drug": "alphadone", "route": "oral", "form": "ir", "continuous": True}},
            InputError,
            "to",
        ),
        ({"reduction": 25}, InputError, "reduction"),
        (
            {"patch_table": "nope", "to": {"drug": "gammatane", "route": "transdermal"}},
            InputError,
            "patch_table",
        ),
        (
            {"to": {"drug": "deltadone", "route": "oral"}, "methadone_method": "nope"},
            InputError,
            "methadone_method",
        ),
        (
            {
                "to": {"drug": "deltadone", "route": "oral"},
                "methadone_method": "fraction",
                "methadone_schedule": "three-step",
            },
            InputError,
            "methadone_schedule",
        ),
        (
            {
                "from": {"items": [scheduled("alphadone", "10 mg", "q12h", form="ER")]},
                "to": {"drug": "deltadone", "route": "oral"},
            },
            PlanningError,
            "methadone_method",
        ),
        (
            {"from": {"items": [{"drug": "kappamine", "route": "iv", "rate": "1 mg/h"}]}},
            InputError,
            "from.items",
        ),
        (
            {"from": {"items": [{"drug": "alphadone", "route": "oral", "dose": "10 mg"}]}},
            InputError,
            "from.items[0]",
        ),
        (
            {"from": {"items": [{"drug": "zeta", "route": "oral", "daily_dose": "10 mg"}]}},
            UnknownDrugError,
            "from.items[0].drug",
        ),
        ({"frm": {}}, InputError, "frm"),
        (
            {
                "from": {
                    "items": [
                        {
                            "drug": "alphadone",
                            "route": "oral",
                            "prn": True,
                            "dose": "5 mg",
                            "doses_per_day": 2,
                        }
                    ],
                    "prn": "exclude",
                }
            },
            InputError,
            "from.prn",
        ),
    ],
)
def test_bad_requests_name_the_field(rot, change, error, location) -> None:
    base = request(
        [ALPHA_ER_120], {"drug": "betadone", "route": "oral", "form": "IR", "frequency": "q4h"}
    )
    base.update(change)
    with pytest.raises(error) as caught:
        _plan(rot, base)
    assert caught.value.location == location
