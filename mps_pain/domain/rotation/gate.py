"""The last step of every plan: a proposal the tool's own rules refuse is not printed.

- A target drug that the patient-factor rules say to avoid (``avoid_warnings``: renal, hepatic,
  QTc with methadone, a patch without opioid tolerance) gets no dose, with the rule as the reason;
  ``check`` calls such a proposal a danger with the same function (``avoided_warning``).
- A breakthrough opioid that the rules say to avoid (oral morphine beside a patch at eGFR < 30)
  gets no number, with the reason.
- A proposed amount that the plausibility bounds refuse (``normalise_item``, the same function
  ``mme`` and ``check`` use) gets no dose, with the bound as the reason.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

from mps_pain.domain.max_dose import MAX_DOSE_ADVICE, proposal_max_dose_warnings
from mps_pain.domain.memo import recent
from mps_pain.domain.normalise import DailyItem, normalise_item
from mps_pain.domain.patient_rules import DrugUse, avoid_warnings
from mps_pain.domain.regimen import Patient, RegimenItem
from mps_pain.domain.results import Amount, ClinicalWarning, sort_warnings
from mps_pain.domain.rotation.breakthrough import AVOIDED_ADVICE
from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.domain.rotation.models import (
    Breakthrough,
    PlannedRegimen,
    RotationPlan,
)
from mps_pain.domain.rotation.no_dose_cause import reason_only
from mps_pain.domain.rotation.withheld_words import no_dose_statement
from mps_pain.domain.rotation.withhold import withheld_row, withhold_plan
from mps_pain.domain.rotation.withhold import withhold as _withhold
from mps_pain.errors import ImplausibleAmountError
from mps_pain.numbers import format_span
from mps_pain.tables.index import TableIndex
from mps_pain.units import Dimension, dimension_of, format_number, scale

__all__ = [
    "AVOIDED",
    "LEFT_OUT_STAYS",
    "NOT_MEASURABLE",
    "avoided_warning",
    "breakthrough_implausible_reason",
    "gate_breakthrough",
    "gate_maximum",
    "gate_plan",
    "implausible_reason",
    "withhold_plan",
]


NOT_MEASURABLE = "breakthrough-not-measurable"
"""The code of the danger: a computed breakthrough amount rounds to nothing that can be given."""

AVOIDED = "proposal-avoided"
"""The code of the danger: the patient-factor rules say to avoid a drug to be given."""
LEFT_OUT_STAYS = "the order leaves it out, so it stays in the regimen"


def avoided_warning(
    tables: TableIndex,
    patient: Patient,
    use: DrugUse,
    basis: Sequence[DailyItem] | None,
    *,
    continued: bool = False,
    left_out: bool = False,
) -> ClinicalWarning | None:
    """A danger when the rules say to avoid ``use`` as a drug to be given (None: they do not).
    ``continued``: the order continues a drug the patient already takes (kept or titrated, in
    ``check``): no planner output exists there, so the danger asks for a review of the drug and,
    for methadone, says that stopping it needs a plan (pharmacist review 14 #4). ``left_out``: a
    co-medication the order leaves out, which stays in the regimen (re-check 18b, L7)."""
    found = avoid_warnings(tables, patient, use, basis)
    if not found:
        return None
    why = _in_brackets(w.message for w in found)
    sources = [w.source for w in found if w.source]
    said = f"{use.drug.spoken_name} ({use.route}) is to be avoided for this patient ({why})"
    if not use.drug.is_opioid:  # a co-medication: no switch replaces it
        gives = LEFT_OUT_STAYS if left_out else "this order gives it"
        message = f"{said}, and {gives}: review with the prescriber, stop or change it."
    elif not continued:
        message = f"{said}: the planner proposes no dose of it. Choose another opioid or route."
    else:
        message, cited = _continued(tables, use, said)
        sources += cited
    return ClinicalWarning(
        code=AVOIDED,
        severity="danger",
        message=message,
        source="; ".join(dict.fromkeys(sources)) or None,
        item=use.item,
    )


def _continued(tables: TableIndex, use: DrugUse, said: str) -> tuple[str, list[str]]:
    """The danger of an order that continues a drug to avoid; for methadone, the cited reason
    why stopping it is not a conversion (``methadone.stopped_methadone``'s citation)."""
    message = (
        f"{said}, and this order continues it: review with the prescriber whether "
        f"{use.drug.in_sentence} should go on."
    )
    rule = rotation_rules(tables).methadone
    if use.drug.id != rule.drug:
        return f"{message} Stopping it needs a plan for another opioid or route.", []
    message += (
        " Stopping methadone needs a specialist's plan: conversions from methadone are not "
        "bidirectional, so no dose of another opioid follows from the methadone dose, and "
        "methadone stays in the body for days after it is stopped."
    )
    return message, [tables.cite(rule.stopped_methadone.citation)]


_READ_KEPT = 1024


def _planned_item(tables: TableIndex, regimen: PlannedRegimen) -> DailyItem | str:
    """The planned regimen normalised as an item (``_item_of``), or the plausibility refusal
    said of it (``items[0].`` dropped). A pure function of the table and the regimen's fields:
    remembered per table for the last ``_READ_KEPT`` regimens (``memo.recent``), keyed by the
    regimen's JSON text, every field exactly as ``_item_of`` reads it. The plausibility gate
    and the maximum-dose gate read the same regimen, and rounded regimens repeat from plan to
    plan (the grid of strengths), so the item is validated and normalised once for all."""
    return recent(
        tables,
        "gate.planned_item",
        regimen.model_dump_json(exclude_none=True),
        lambda: _normalised(tables, _item_of(regimen)),
        _READ_KEPT,
    )


def _normalised(tables: TableIndex, item: RegimenItem) -> DailyItem | str:
    try:
        return normalise_item(tables, 0, item)
    except ImplausibleAmountError as exc:
        return exc.message.removeprefix("items[0].")


def _item_of(regimen: PlannedRegimen) -> RegimenItem:
    """The planned regimen as an item; an as-needed-only method counts one dose a day."""
    fields = regimen.model_dump(mode="json", exclude_none=True)
    if regimen.prn:
        fields["doses_per_day"] = 1  # one dose is what the per-dose ceiling judges
    return RegimenItem.model_validate(fields)


def implausible_reason(tables: TableIndex, regimen: PlannedRegimen) -> str | None:
    """The plausibility refusal of a planned regimen, read as an item (None: plausible)."""
    if regimen.dose is None and regimen.rate is None:
        return None
    found = _planned_item(tables, regimen)
    return found if isinstance(found, str) else None


def breakthrough_implausible_reason(tables: TableIndex, breakthrough: Breakthrough) -> str | None:
    """The plausibility refusal of a planned breakthrough dose, read as an as-needed item
    (None: plausible; no dose: nothing to read)."""
    return None if breakthrough.dose is None else _breakthrough_implausible(tables, breakthrough)


def _computed(refusal: str) -> str:
    """A plausibility refusal said of a computed dose: without the advice to check the unit of
    a typed field (review 3: "Check the unit of 'dose'" of a dose nobody typed)."""
    return re.sub(r"\s*Check the unit of [^.]*\.", "", refusal).rstrip(" .")


def _breakthrough_implausible(tables: TableIndex, breakthrough: Breakthrough) -> str | None:
    """The plausibility refusal of one breakthrough dose (the computed amount when nothing can
    be given), read as an as-needed item; remembered as ``_planned_item`` is, by its fields."""
    amount = breakthrough.dose or breakthrough.high
    assert amount is not None
    key = (breakthrough.drug, breakthrough.route, breakthrough.form, amount.unit, amount.value)
    compute = lambda: _breakthrough_refusal(tables, breakthrough, amount)  # noqa: E731
    return recent(tables, "gate.breakthrough", (*key, type(amount.value)), compute, _READ_KEPT)


def _breakthrough_refusal(
    tables: TableIndex, breakthrough: Breakthrough, amount: Amount
) -> str | None:
    fields: dict[str, object] = {
        "drug": breakthrough.drug,
        "route": breakthrough.route,
        "prn": True,
        "dose": {"value": amount.value, "unit": amount.unit},
        "doses_per_day": 1,
    }
    if breakthrough.form is not None:
        fields["form"] = breakthrough.form
    found = _normalised(tables, RegimenItem.model_validate(fields))
    return found if isinstance(found, str) else None


def _implausible_reason(implausible: str) -> str:
    return f"the computed dose is outside the range of clinical doses ({_computed(implausible)})"


_IMPLAUSIBLE_ADVICE = "Verify the current regimen's doses and units; seek specialist advice."


def _taken_from(new_regimen: str) -> str:
    """Why a breakthrough amount is out of bounds when the current regimen is within them (it
    passed the same bounds): the new regimen it is a fraction of, never the input (pharmacist
    review 5b, D5: MSD/Quill's 3 mg/day methadone gave 0.3 mg, and the plan blamed the input)."""
    return (
        f"The breakthrough rule takes its fraction of the new regimen ({new_regimen}): the amount "
        "comes from the conversion, not from the input (the current regimen is within the "
        "plausibility bounds). Choose the breakthrough dose with the prescriber and the "
        "specialist; do not leave the patient without breakthrough cover."
    )


_UNMEASURABLE_ADVICE = (
    "Choose the breakthrough dose with the prescriber; do not leave the patient without "
    "breakthrough cover."
)


def _computed_range(breakthrough: Breakthrough) -> str:
    """'morphine oral, 0.4–0.67 mg': the amount the cited rule computed before rounding."""
    high = breakthrough.high
    assert high is not None
    low = breakthrough.low
    shown = format_number(high.value, 3)
    if low is not None and not math.isclose(low.value, high.value, rel_tol=1e-9):
        shown = format_span(format_number(low.value, 3), shown)
    return f"{breakthrough.drug} {breakthrough.route}, {shown} {high.unit}"


def _not_measurable(
    tables: TableIndex, breakthrough: Breakthrough, advice: str
) -> tuple[Breakthrough, list[ClinicalWarning]]:
    """A cited rule computed an amount that rounds to nothing that can be given: the plan says
    there is no breakthrough dose and why, as a danger (never a silent gap). A computed amount
    outside clinical doses keeps the plausibility danger (review 3: 0.6 mg/day oxycodone), with
    ``advice`` on its cause."""
    implausible = _breakthrough_implausible(tables, breakthrough)
    if implausible is not None:
        return _withheld(breakthrough, _implausible_reason(implausible), advice)
    reason = f"the computed dose ({_computed_range(breakthrough)}) is {breakthrough.no_dose}"
    note = no_dose_statement(reason, _UNMEASURABLE_ADVICE)
    stated = breakthrough.model_copy(update={"no_dose": reason})
    return stated, [_danger(NOT_MEASURABLE, note)]


def _withheld(
    breakthrough: Breakthrough, reason: str, advice: str, code: str = "breakthrough-implausible"
) -> tuple[Breakthrough, list[ClinicalWarning]]:
    """No breakthrough number, with the reason in its note, ``no_dose`` and a danger."""
    note = no_dose_statement(reason, advice)
    withheld = breakthrough.model_copy(
        update={"dose": None, "low": None, "high": None, "note": note, "no_dose": reason}
    )
    return withheld, [_danger(code, note)]


def _danger(code: str, note: str) -> ClinicalWarning:
    return ClinicalWarning(code=code, severity="danger", message=note[0].upper() + note[1:])


def gate_breakthrough(
    tables: TableIndex,
    patient: Patient,
    breakthrough: Breakthrough | None,
    basis: Sequence[DailyItem],
    new_regimen: str | None = None,
) -> tuple[Breakthrough | None, list[ClinicalWarning]]:
    """No breakthrough number in an opioid the rules say to avoid, or one the plausibility bounds
    refuse, with the reason; a computed amount that rounds to nothing measurable is stated as no
    breakthrough dose, with the reason (the one rule for every plan: standard and methadone)."""
    if breakthrough is None:
        return breakthrough, []
    advice = _IMPLAUSIBLE_ADVICE if new_regimen is None else _taken_from(new_regimen)
    if breakthrough.dose is None:
        if breakthrough.no_dose is None or breakthrough.high is None:
            return breakthrough, []  # no rule gave a number: its own caution says so
        return _not_measurable(tables, breakthrough, advice)
    use = DrugUse(tables.drugs[breakthrough.drug], breakthrough.route)
    found = avoid_warnings(tables, patient, use, basis)
    implausible = _breakthrough_implausible(tables, breakthrough)
    if not found and implausible is None:
        return breakthrough, []
    if found:
        why = _in_brackets(w.message for w in found)
        reason = (
            f"the cited breakthrough opioid, {breakthrough.drug} {breakthrough.route}, is to be "
            f"avoided for this patient ({why})"
        )
        advice = AVOIDED_ADVICE
        withheld, warnings = _withheld(breakthrough, reason, advice, "breakthrough-avoided")
        source = "; ".join(w.source for w in found if w.source) or None
        return withheld, [
            # no breakthrough cover is a danger (pharmacist review 5, D8: it was a caution)
            w.model_copy(update={"severity": "danger", "source": source})
            for w in warnings
        ]
    assert implausible is not None  # neither found nor implausible returned above
    return _withheld(breakthrough, _implausible_reason(implausible), advice)


def _in_brackets(messages: Iterable[str]) -> str:
    """Warning messages said inside brackets, as one: their last full stop left to the sentence
    around them (clinician review 18 #9: "… hydromorphone.).")."""
    return " ".join(messages).strip().removesuffix(".")


def gate_plan(
    tables: TableIndex,
    patient: Patient,
    items: Sequence[DailyItem],
    plan: RotationPlan,
) -> RotationPlan:
    """The plan as computed, or the same plan with no dose and the reason. A patient-factor
    contraindication is named first whenever one applies, also where the plan already gives no
    dose for its own reason (pharmacist review 10, N-3: a Morley-Makin as-needed-only refusal
    named the method, not the QTc of 520 ms; the method's reason follows it)."""
    target = DrugUse(tables.drugs[plan.regimen.drug], plan.regimen.route)
    found = avoid_warnings(tables, patient, target, items)
    if found:
        why = _in_brackets(w.message for w in found)
        reason = (
            f"the patient-factor rules say to avoid {plan.regimen.drug} for this patient ({why})."
        )
        also = plan.regimen.no_dose  # the plan's own reason, after the patient's (not the rows')
        if also is None:
            return _withhold(plan, reason, [], "patient")
        said = f"{reason} Also: {reason_only(also)}"
        # its spread's rows as they were, each with a number withheld for the patient too (the
        # patient factor is every set's reason: pharmacist review 21, M-2, where fpm-2021's row
        # still offered tapentadol 50 mg beside the patient's "avoid")
        withheld = _withhold(plan, said, [], "patient", rows_reason=reason)
        return withheld.model_copy(
            update={"spread": [withheld_row(row, "patient") for row in plan.spread]}
        )
    if plan.regimen.dose is None and plan.regimen.rate is None:
        return plan
    implausible = implausible_reason(tables, plan.regimen)
    if implausible is not None:
        reason = (
            f"the proposed amount is outside the range of clinical doses "
            f"({_computed(implausible)})."
        )
        warning = ClinicalWarning(
            code="proposal-implausible",
            severity="danger",
            message=f"No dose is proposed: {reason} Verify the current regimen's doses and units; "
            "at such amounts switch only with specialist advice.",
        )
        return _withhold(plan, reason, [warning], "other")
    return plan


def gate_maximum(
    tables: TableIndex, patient: Patient, market: str | None, plan: RotationPlan
) -> RotationPlan:
    """The maximum-dose rule of ``mme`` and ``check`` (``proposal_max_dose_warnings``) on the
    plan: a regular dose above the drug's cited maximum is not proposed (no dose, with a
    danger: the switch needs another opioid, not a capped dose that leaves the patient short);
    otherwise the breakthrough doses' possible daily total is stated against the maximum, and a
    drug with no cited maximum is cautioned."""
    if plan.regimen.dose is None and plan.regimen.rate is None:
        return plan
    read = _planned_item(
        tables, plan.regimen
    )  # a refusal: the plain path's (never, after gate_plan)
    daily = normalise_item(tables, 0, _item_of(plan.regimen)) if isinstance(read, str) else read
    bt = plan.breakthrough
    as_needed = (  # by what the unit is, never its text: a dose in mcg counts too
        {bt.drug: bt.dose.value * scale(bt.dose.unit, "mg")}
        if bt is not None and bt.dose is not None and dimension_of(bt.dose.unit) is Dimension.MASS
        else None
    )
    found = [  # of the target: never the current regimen's row its own index 0 would name
        w.model_copy(update={"item": None, "items": ()})
        for w in proposal_max_dose_warnings(tables, patient, market, [daily], as_needed)
    ]
    over = next((w for w in found if w.code == "max-daily-dose"), None)
    if over is None:
        return plan.model_copy(update={"warnings": sort_warnings([*plan.warnings, *found])})
    reason = (
        f"the regular dose the conversion gives is above the cited maximum daily dose "
        f"({over.message.removesuffix(' ' + MAX_DOSE_ADVICE)}), and a dose "
        "capped at the maximum would leave the patient short of the converted dose."
    )
    danger = over.model_copy(
        update={
            "message": f"No dose is proposed: {reason} Choose another opioid (a strong opioid "
            "at this dose) with the prescriber."
        }
    )
    return _withhold(plan, reason, [danger], "other")
