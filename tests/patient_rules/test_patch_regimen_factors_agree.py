"""Pharmacist review 20, H2, the class: for a regimen holding a patch, every patient factor ×
{``mme``, ``rotate``, ``check``} gives the same patient-factor lines (code, severity, words).

The fever rule was the one rule ``rotate`` called outside the rule engine; this property covers
every code the engine gives (renal, hepatic, the no-rule cautions, QTc, tolerance, class rules,
age, heat and fever), so another rule said by one command only fails here. The differences the
docs justify (docs/patient-rules.md, "What the regimen given is" and "Roles"), and only those,
are allowed:

- ``rotate`` and ``check`` of the plan's own order: the same, but for a patient without a fever
  the heat note of a patch the order takes off is in the plan's advice for taking it off only
  (with a fever both give the danger).
- ``mme`` of the current regimen and ``rotate``: the current regimen's lines are the same, but
  a non-opioid the switch keeps is judged as given (with the proposal),
  the no-rule caution is not said of a drug the switch stops ("a switch does not send the drugs
  it stops to their label"), a drug the plan gives again is said once, as given, and the QTc of
  methadone being stopped is said only above its danger limit.
- ``mme`` of the proposal and ``check``: the same lines, the renal, hepatic and no-rule ones in
  the current role's words; the patch-tolerance lines differ (``mme`` cannot know whether a patch is
  new, so it judges a patch with no other opioid by the record only).
- heat and fever: said of every patch in either regimen, so the switch's lines are those of
  ``mme`` of the current regimen with those of ``mme`` of the proposal.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mps_pain.errors import NoConversionFactorError
from mps_pain.services.mme_service import calculate_mme
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables
from tests.patient_rules.helpers import CURRENT_OF

NO_RULE = {"renal-no-rule", "hepatic-no-rule"}
TOLERANCE = {"patch-not-opioid-tolerant", "patch-tolerance-duration", "patch-tolerance-unconfirmed"}
QTC = {"qtc-unknown", "qtc-borderline", "qtc-prolonged"}
HEAT = "patch-heat-fever"
ENGINE = (
    {"renal-target", "renal-current", "hepatic-impairment", "hepatic-current", HEAT}
    | {"elderly-caution", "opioid-tolerance-conflict", "not-for-regular-use"}
    | NO_RULE
    | TOLERANCE
    | QTC
)

PATCHES = [
    {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": "25 mcg/h"},
    {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": "50 mcg/h"},
    {"drug": "buprenorphine", "route": "transdermal", "form": "patch", "rate": "10 mcg/h"},
]
BESIDE = [
    {"drug": "morphine", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"},
    {"drug": "pregabalin", "route": "oral", "dose": "75 mg", "frequency": "bid"},
    {"drug": "naproxen", "route": "oral", "dose": "250 mg", "frequency": "bid"},
]
TARGETS = [
    {"drug": "morphine", "route": "oral", "form": "IR", "frequency": "q4h"},
    {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"},
    {"drug": "morphine", "route": "sc", "continuous": True},
    {"drug": "fentanyl", "route": "transdermal"},
    {"drug": "buprenorphine", "route": "transdermal"},
]
patients = st.fixed_dictionaries(
    {},
    optional={
        "egfr": st.sampled_from(["10 mL/min", "25 mL/min", "45 mL/min", "90 mL/min"]),
        "hepatic_impairment": st.sampled_from(["none", "mild", "moderate", "severe"]),
        "qtc": st.sampled_from(["420 ms", "470 ms", "520 ms"]),
        "opioid_tolerant": st.booleans(),
        "age": st.sampled_from([40, 70, 90]),
        "frail": st.booleans(),
        "fever": st.booleans(),
        "cancer_or_palliative": st.booleans(),
    },
)


def _codes() -> set[str]:
    return ENGINE | {rule.code for rule in get_tables().tables.class_rules}


def _lines(warnings: Any) -> set[tuple[str, str, str]]:
    codes = _codes()
    return {(w.code, w.severity, w.message) for w in warnings if w.code in codes}


def _mme(items: list[Any], patient: dict[str, Any], table: str) -> set[tuple[str, str, str]]:
    try:
        result = calculate_mme({"items": items, "patient": patient}, table_id=table)
    except NoConversionFactorError:  # the lines do not depend on the set
        result = calculate_mme({"items": items, "patient": patient}, table_id="cdc-2022")
    return _lines(result.warnings)


def _as_current(lines: set[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    out = set()
    for code, severity, message in lines:
        if code in CURRENT_OF:
            head, _, tail = message.partition(" — ")
            out.add((CURRENT_OF[code], severity, f"{head} (current regimen) — {tail}"))
        elif code in NO_RULE:
            out.add(_no_rule(code, severity, message))
        else:
            out.add((code, severity, message))
    return out


def _no_rule(code: str, severity: str, message: str) -> tuple[str, str, str]:
    """The no-rule caution up to its advice, which is worded for the role ("before giving it"
    of a drug to be given, "on whether to go on with it" of one the patient is on)."""
    said = message.replace(" (current regimen)", "")
    return (code, severity, said.replace("on whether to go on with it", "before giving it"))


def _roleless(lines: set[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    return {_no_rule(*w) if w[0] in NO_RULE else w for w in lines}


def _of(lines: set[tuple[str, str, str]], codes: set[str]) -> set[tuple[str, str, str]]:
    return {w for w in lines if w[0] in codes}


def _names(line: tuple[str, str, str], drugs: set[str]) -> bool:
    return any(f"{d} absorption" in line[2] for d in drugs)


def _order(plan: Any) -> list[Any]:
    items: list[Any] = [plan.regimen.as_item().model_dump(mode="json", exclude_none=True)]
    bt = plan.breakthrough
    if bt is not None and bt.dose is not None:
        dose = f"{bt.dose.value} {bt.dose.unit}"
        items.append(
            {"drug": bt.drug, "route": bt.route, "prn": True, "dose": dose, "doses_per_day": 2}
        )
    return items


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    patient=patients,
    patch=st.sampled_from(PATCHES),
    beside=st.lists(st.sampled_from(range(len(BESIDE))), unique=True, max_size=2),
    target=st.sampled_from(TARGETS),
    table=st.sampled_from(["uk-palliative", "fpm-2021", "jspm-2010"]),
)
def test_a_patch_regimen_gets_the_same_patient_lines_from_every_command(
    patient: dict[str, Any],
    patch: dict[str, Any],
    beside: list[int],
    target: dict[str, Any],
    table: str,
) -> None:
    if target["drug"] == patch["drug"] and target["route"] == patch["route"]:
        return
    current = [patch, *(BESIDE[i] for i in beside)]
    kept = [i for i in current if i["drug"] in {"pregabalin", "naproxen"}]
    try:
        plan = plan_rotation(
            {"from": {"items": current}, "to": target, "table": table, "patient": patient}
        )
    except NoConversionFactorError:  # a set without the target: refused, nothing to compare
        return
    rotate = _lines(plan.warnings)
    on_now = _mme(current, patient, table)
    given_again = (
        {target["drug"]}
        | {i["drug"] for i in kept}
        | ({plan.breakthrough.drug} if plan.breakthrough and plan.breakthrough.dose else set())
    )
    said_current = {
        w
        for w in _of(on_now, set(CURRENT_OF.values()))
        if not any(f": {d} (current regimen) —" in w[2] for d in given_again)
    }
    assert _of(rotate, set(CURRENT_OF.values())) == said_current
    assert _of(rotate, {"elderly-caution"}) == _of(on_now, {"elderly-caution"})
    assert _of(on_now, {HEAT}) <= _of(rotate, {HEAT})  # the patch worn is judged by both
    if plan.regimen.rate is None and plan.regimen.dose is None:
        return  # no dose proposed: no order to check
    order = _order(plan)
    check = _lines(
        check_proposal(
            {"from": {"items": current}, "proposed": {"items": order}, "table": table}
            | {"patient": patient}
        ).warnings
    )
    # the one difference of the two: a patch the order takes off, for a patient without a
    # fever, gets the heat note in the plan's advice for taking it off, not in the check
    stopped = {patch["drug"]} - {i["drug"] for i in order if i["route"] == "transdermal"}
    note_only = {w for w in _of(rotate, {HEAT}) if not patient.get("fever") and _names(w, stopped)}
    assert check == rotate - note_only
    proposal = _mme([*order, *kept], patient, table)
    assert _of(rotate, {HEAT}) == _of(on_now, {HEAT}) | _of(proposal, {HEAT})
    judged = _codes() - TOLERANCE - QTC - set(CURRENT_OF.values()) - {HEAT}
    mme_of_it = _roleless(_of(proposal, judged | set(CURRENT_OF.values())))
    assert mme_of_it == _as_current(_of(check, judged))
