"""Golden tests on the SHIPPED tables, each citing the published source of its expectation.

Sources are those of /work/shared/reference/clinical-sources.md (§3(b)–(d), §4), cited per test.
"""

from __future__ import annotations

import pytest

from mps_pain.domain.as_printed import not_above_as_printed
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from tests.rotation.conftest import request, scheduled


def _morphine(mg_per_day: float) -> dict:
    return scheduled("morphine", f"{mg_per_day / 2:g} mg", "q12h", form="ER")


@pytest.mark.parametrize(
    ("ome", "methadone_mg_per_day"),
    [(60, 15), (100, 15), (140, 15), (200, 30), (300, 30), (350, 30), (430, 45), (800, 45)],
)
def test_jp_label_tiers(tables, ome, methadone_mg_per_day) -> None:
    """Methapain (JP) label: oral morphine 60–160 → 15 mg/day; >160–390 → 30; >390 → 45 (§3(c))."""
    plan = plan_rotation(
        request(
            [_morphine(ome)], {"drug": "methadone", "route": "oral"}, methadone_method="jp-label"
        ),
        tables=tables,
    )
    assert plan.regimen_detail.daily_dose is not None
    assert plan.regimen_detail.daily_dose.value == methadone_mg_per_day
    assert plan.regimen.frequency == "tid"
    assert plan.titration_interval_days == (7, 7)


def test_jp_label_refuses_below_60_mg_per_day(tables) -> None:
    """Methapain label: switching from <60 mg/day oral morphine is not recommended (§3(c))."""
    from mps_pain.errors import PlanningError

    with pytest.raises(PlanningError, match="60 mg/day"):
        plan_rotation(
            request(
                [_morphine(50)], {"drug": "methadone", "route": "oral"}, methadone_method="jp-label"
            ),
            tables=tables,
        )


def test_jp_label_just_above_the_160_edge_gives_the_labels_30_mg(tables) -> None:
    """Methapain label: >160–390 mg/day → 30 mg/day (pharmacist review 7, D4: the former 10%
    near-edge window gave 15 at 161–175 and the check called the label's 30 "above")."""
    plan = plan_rotation(
        request(
            [_morphine(170)], {"drug": "methadone", "route": "oral"}, methadone_method="jp-label"
        ),
        tables=tables,
    )
    assert plan.regimen_detail.daily_dose is not None
    assert plan.regimen_detail.daily_dose.value == 30
    assert "methadone-band-edge" not in {w.code for w in plan.warnings}


def test_ccdhb_just_below_its_90_edge_holds_the_dose_down_and_says_so(tables) -> None:
    """CCDHB at 80 mg/day: its 4:1 band gives 20 mg/day, more than the 8:1 band gives at its
    lower edge (90 ÷ 8 = 11.25): the dose is held DOWN at 11.25 before the 25% reduction (never
    above the method's own band either side; pharmacist review 8, N2), and a caution names both.
    At 100 mg/day the 8:1 band's own 12.5 is used (review 8 had it held UP at 22.5)."""
    plan = plan_rotation(
        request([_morphine(80)], {"drug": "methadone", "route": "oral"}, methadone_method="ccdhb"),
        tables=tables,
    )
    edge = [w for w in plan.warnings if w.code == "methadone-band-edge"]
    assert edge and "20 mg/day" in edge[0].message and "11.25 mg/day" in edge[0].message
    assert plan.target_daily_dose is not None
    assert plan.target_daily_dose.value == pytest.approx(11.25 * 0.75)
    above = plan_rotation(
        request([_morphine(100)], {"drug": "methadone", "route": "oral"}, methadone_method="ccdhb"),
        tables=tables,
    )
    assert above.target_daily_dose is not None
    assert above.target_daily_dose.value == pytest.approx(12.5 * 0.75)
    assert "methadone-band-edge" not in {w.code for w in above.warnings}


@pytest.mark.parametrize(("ome", "dose_mg"), [(200, 20), (300, 30), (400, 30), (1200, 30)])
def test_morley_makin_one_tenth_with_a_30_mg_cap(tables, ome, dose_mg) -> None:
    """Morley-Makin (St Elizabeth Hospice guideline): 1/10 of the 24-h oral morphine dose as the
    as-needed dose, maximum 30 mg (§3(c))."""
    plan = plan_rotation(
        request(
            [_morphine(ome)],
            {"drug": "methadone", "route": "oral"},
            methadone_method="morley-makin",
        ),
        tables=tables,
    )
    row = next(o for o in plan.methadone_options if o.method == "morley-makin")
    assert row.per_dose is not None and row.per_dose.value == dose_mg
    # pharmacist review 5 (D1): its minimum interval and 24-h maximum are not sourced, so the
    # as-needed-only regime is not printed as an order (no dose, a danger)
    assert plan.regimen.dose is None
    assert any(w.code == "methadone-prn-open-ended" for w in plan.warnings)


@pytest.mark.parametrize(
    ("ome", "patch"), [(60, 25), (134, 25), (135, 50), (180, 50), (224, 50), (225, 75), (315, 100)]
)
def test_duragesic_bands(tables, ome, patch) -> None:
    """Older US Duragesic table: 60–134 → 25; 135–224 → 50 (confirmed by EPERC Fast Fact #2);
    225–314 → 75; 315–404 → 100 mcg/h (§3(b)). UK factor 2.4 never gives less here."""
    plan = plan_rotation(
        request(
            [_morphine(ome)],
            {"drug": "fentanyl", "route": "transdermal"},
            table="uk-palliative",
            patch_table="duragesic-us",
        ),
        tables=tables,
    )
    assert plan.regimen.rate is not None and plan.regimen.rate.value == patch


def test_breakthrough_is_one_sixth_of_the_new_daily_dose(tables) -> None:
    """SIGN 106 / NHS chart / JSPM: 1/6 of the 24-h dose; Scottish RDS: 1/6–1/10 (§3(d)).
    CSCI morphine 30 mg/24 h (×2 UK) = 60 mg oral/day → breakthrough 10 mg, range 6–10 mg."""
    plan = plan_rotation(
        request(
            [{"drug": "morphine", "route": "sc", "rate": "30 mg/day"}],
            {"drug": "morphine", "route": "oral", "form": "ER", "frequency": "q12h"},
            table="uk-palliative",
            market="UK",
        ),
        tables=tables,
    )
    bt = plan.breakthrough
    assert bt is not None and bt.dose is not None and bt.dose.value == 10
    assert bt.low is not None and bt.low.value == pytest.approx(6)
    assert bt.high is not None and bt.high.value == pytest.approx(10)


@pytest.mark.parametrize(
    ("mg_per_day", "patch", "breakthrough"), [(90, 25, 10), (180, 50, 20), (450, 125, None)]
)
def test_patch_breakthrough_from_the_canadian_card(tables, mg_per_day, patch, breakthrough) -> None:
    """Canadian card (CPS): fentanyl 25 mcg/h → oral morphine 10 mg; 50 → 20 (§3(d)).
    Band table NHS '090714': 61–90 → 25; 135–224 → 50; 405–494 → 125 (§3(b))."""
    plan = plan_rotation(
        request(
            [_morphine(mg_per_day)],
            {"drug": "fentanyl", "route": "transdermal"},
            table="uk-palliative",
            market="UK",
        ),
        tables=tables,
    )
    assert plan.rounded_daily_dose is not None and plan.rounded_daily_dose.value == patch
    if breakthrough is not None:
        assert plan.breakthrough is not None and plan.breakthrough.dose is not None
        assert plan.breakthrough.dose.value == breakthrough
        assert plan.breakthrough.drug == "morphine"


def test_fpm_omedd_example_is_the_first_step(tables) -> None:
    """FPM PS01(PM) appendix: oxycodone 40 mg/day × 1.5 = 60 mg oMEDD (§4 T25)."""
    plan = plan_rotation(
        request(
            [scheduled("oxycodone", "20 mg", "q12h", form="ER")],
            {"drug": "hydromorphone", "route": "oral", "form": "IR", "frequency": "q4h"},
            table="fpm-2021",
        ),
        tables=tables,
    )
    assert plan.ome_per_day == pytest.approx(60)


def test_opioid_tolerance_follows_the_label_definition(tables) -> None:
    """Duragesic label: opioid-tolerant = ≥60 mg oral morphine/day (or ≥30 oxycodone, ≥8
    hydromorphone) for ≥1 week (§3(b))."""
    to = {"drug": "fentanyl", "route": "transdermal"}
    ok = plan_rotation(request([_morphine(60)], to, table="uk-palliative"), tables=tables)
    naive = plan_rotation(request([_morphine(40)], to, table="uk-palliative"), tables=tables)
    oxy = plan_rotation(
        request([scheduled("oxycodone", "15 mg", "q12h", form="ER")], to, table="uk-palliative"),
        tables=tables,
    )
    assert "patch-not-opioid-tolerant" not in {w.code for w in ok.warnings}
    assert "patch-not-opioid-tolerant" in {w.code for w in naive.warnings}
    assert "patch-not-opioid-tolerant" not in {w.code for w in oxy.warnings}


def test_risk_mme_sets_are_refused_as_a_switching_basis(tables) -> None:
    """CDC 2022: 'Do not use the calculated dose in MMEs to determine the doses to use when
    converting one opioid to another' (§1 A1)."""
    from mps_pain.errors import InputError

    for table in ("cdc-2022", "cdc-2016"):
        with pytest.raises(InputError) as caught:
            plan_rotation(
                request(
                    [_morphine(60)],
                    {"drug": "oxycodone", "route": "oral", "form": "IR", "frequency": "q4h"},
                    table=table,
                ),
                tables=tables,
            )
        assert caught.value.location == "table"
        with pytest.raises(InputError):
            check_proposal(
                {
                    "from": {"items": [_morphine(60)]},
                    "proposed": {"items": [_morphine(60)]},
                    "table": table,
                },
                tables=tables,
            )


@pytest.mark.parametrize(
    ("name", "req"),
    [
        (
            "oral oxycodone → IV fentanyl",
            request(
                [scheduled("oxycodone", "40 mg", "q12h", form="ER")],
                {"drug": "fentanyl", "route": "iv", "continuous": True},
                table="fpm-2021",
            ),
        ),
        (
            "oral oxycodone → IV oxycodone with ketamine",
            request(
                [
                    scheduled("oxycodone", "50 mg", "q12h", form="ER"),
                    {"drug": "ketamine", "route": "iv", "rate": "4 mg/h"},
                ],
                {"drug": "oxycodone", "route": "iv", "continuous": True},
                table="jspm-2010",
            ),
        ),
        (
            "infusion → oral",
            request(
                [{"drug": "morphine", "route": "sc", "rate": "30 mg/day"}],
                {"drug": "morphine", "route": "oral", "form": "ER", "frequency": "q12h"},
            ),
        ),
        (
            "patch → oral",
            request(
                [{"drug": "fentanyl", "route": "transdermal", "rate": "50 mcg/h"}],
                {"drug": "oxycodone", "route": "oral", "form": "IR", "frequency": "q4h"},
            ),
        ),
    ],
)
def test_the_case_report_switches_plan_with_steps_sources_spread_and_warnings(
    tables, name, req
) -> None:
    plan = plan_rotation(req, tables=tables)
    assert len([s for s in plan.steps if s[:1].isdigit()]) >= 7, name
    assert len(plan.spread) == 3
    assert plan.breakthrough is not None
    assert plan.rounded_daily_dose is not None and plan.rounded_daily_dose.value > 0
    # issue #8 class 6: rounding may go up to the nearest strength within the sourced range,
    # never above its top (equianalgesic × (1 − the low end of the reduction range))
    top = plan.equianalgesic_daily_dose.value * (1 - min(plan.reduction_low, plan.reduction))
    # as printed (session 20, ``as_printed``): the plan's amount a day never above it as printed
    assert not_above_as_printed(
        plan.rounded_daily_dose.value, max(top, plan.target_daily_dose.value)
    )


def test_the_shipped_rotation_section_has_every_method_and_band_table(tables) -> None:
    """Issue #3 §2–3: jp-label, morley-makin, msd-quill, ccdhb; manufacturer-style patch bands."""
    rules = tables.tables.rotation
    assert [m.id for m in rules.methadone.methods] == [
        "jp-label",
        "morley-makin",
        "msd-quill",
        "ccdhb",
    ]
    assert {t.id for t in rules.patches.band_tables} == {"duragesic-us", "nhs-090714"}
    assert tables.sets[rules.default_table].purpose == "equianalgesic"
    assert rules.breakthrough.fraction_low == pytest.approx(1 / 10)
    assert rules.breakthrough.fraction_high == pytest.approx(1 / 6)
