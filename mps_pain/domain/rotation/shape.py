"""Step 4 and the rounding of step 5: per dose, infusion rate (CSCI over 24 h), or patches.

When nothing marketed is at or below the reduced target, the regimen carries no dose (``dose``,
``rate`` and ``daily_dose`` are null, never 0) and ``no_dose`` says why and what to do instead;
an oral dose below the smallest tablet is measured as oral solution where the catalogue lists one.
"""

from __future__ import annotations

from dataclasses import dataclass

from mps_pain.domain.results import Amount
from mps_pain.domain.rotation.context import Target
from mps_pain.domain.rotation.models import PlannedRegimen, RotationRequest
from mps_pain.domain.rotation.rounding import floor_significant, liquid_form, round_down
from mps_pain.tables.schema_rotation import RoundingRules
from mps_pain.units import format_number, scale, tidy

__all__ = ["HOURS_PER_DAY", "Shaped", "regimen_text", "shape_regimen"]

HOURS_PER_DAY = 24.0


@dataclass(frozen=True)
class Shaped:
    regimen: PlannedRegimen
    rounded_per_unit: float | None  # in the target row's unit; None: no dose can be given
    steps: list[str]
    measured_liquid: bool = False


def _smallest(strengths: tuple[float, ...] | None, unit: str) -> str:
    return f" (smallest {format_number(min(strengths))} {unit})" if strengths else ""


def shape_regimen(
    request: RotationRequest,
    target: Target,
    unit: str,
    mass_unit: str,
    amount: float,
    strengths: tuple[float, ...] | None,
    rounding: RoundingRules,
    *,
    not_proposed: str | None = None,
) -> Shaped:
    """Step 4 and the rounding: per dose, infusion rate, or patch combination."""
    base = {"drug": target.drug.id, "route": target.route, "form": target.form}
    name = f"{target.drug.id} {target.route}{' ' + target.form if target.form else ''}"
    none = {"dose": None, "frequency": None, "rate": None}
    if target.is_patch:
        if not_proposed is not None:
            return Shaped(
                PlannedRegimen(**base, **none, no_dose=not_proposed),
                None,
                [f"4. Patch: not proposed — {not_proposed}"],
            )
        rounded = round_down(amount, strengths)
        if not rounded.units:
            why = (
                f"No {name} strength is at or below {format_number(amount)} {unit}"
                f"{_smallest(strengths, unit)}. {rounding.below_smallest_patch.message}"
            )
            return Shaped(
                PlannedRegimen(**base, **none, no_dose=why),
                None,
                [f"4. Patch: {format_number(amount)} {unit} → no patch can be given: {why}"],
            )
        patches = [Amount(value=u, unit=unit) for u in rounded.units]
        return Shaped(
            PlannedRegimen(
                **base,
                dose=None,
                frequency=None,
                rate=Amount(value=rounded.total, unit=unit),
                patches=patches,
            ),
            rounded.total,
            [f"4. Patch: {format_number(amount)} {unit} → patches {rounded.text_with(unit)}"],
        )
    per_day = tidy(amount * scale(unit, f"{mass_unit}/day"))  # per hour, day or minute alike
    to_row_unit = scale(f"{mass_unit}/day", unit)
    if target.is_continuous:
        rate_unit = f"{mass_unit}/h"
        rate = tidy(per_day / HOURS_PER_DAY)
        rounded = round_down(rate, None)
        daily = tidy(rounded.total * HOURS_PER_DAY)
        csci = " (CSCI: this is the 24-h syringe-driver total)" if target.route == "sc" else ""
        return Shaped(
            PlannedRegimen(
                **base,
                dose=None,
                frequency=None,
                rate=Amount(value=rounded.total, unit=rate_unit),
                daily_dose=Amount(value=daily, unit=f"{mass_unit}/day"),
            ),
            tidy(daily * to_row_unit),
            [
                f"4. Rate: {format_number(per_day)} {mass_unit}/day ÷ 24 h = {format_number(rate)} "
                f"{rate_unit} → {format_number(rounded.total)} {rate_unit} = "
                f"{format_number(daily)} {mass_unit}/24 h{csci}"
            ],
        )
    frequency = request.to.frequency
    assert frequency is not None
    doses = frequency.doses_per_day
    per_dose = tidy(per_day / doses)
    head = (
        f"4. Per dose: {format_number(per_day)} {mass_unit}/day ÷ {format_number(doses)} "
        f"doses/day ({frequency.label}) = {format_number(per_dose)} {mass_unit} → "
    )
    rounded = round_down(per_dose, strengths, rounding.max_units_per_dose if strengths else None)
    if rounded.units:
        daily = tidy(rounded.total * doses)
        several = strengths is not None and len(rounded.units) > 1
        units = f" ({rounded.text_with(mass_unit)})" if several else ""
        limit = f" (at most {rounding.max_units_per_dose} units per dose)" if strengths else ""
        return Shaped(
            PlannedRegimen(
                **base,
                dose=Amount(value=rounded.total, unit=mass_unit),
                frequency=frequency.label,
                rate=None,
                daily_dose=Amount(value=daily, unit=f"{mass_unit}/day"),
                dose_units=[Amount(value=u, unit=mass_unit) for u in rounded.units]
                if several
                else None,
            ),
            tidy(daily * to_row_unit),
            [
                f"{head}{format_number(rounded.total)} {mass_unit}{units} per dose{limit} = "
                f"{format_number(daily)} {mass_unit}/day"
            ],
        )
    liquid = liquid_form(target.drug) if target.route == "oral" else None
    if liquid is not None:
        measured = floor_significant(per_dose)
        daily = tidy(measured * doses)
        return Shaped(
            PlannedRegimen(
                **{**base, "form": liquid},
                dose=Amount(value=measured, unit=mass_unit),
                frequency=frequency.label,
                rate=None,
                daily_dose=Amount(value=daily, unit=f"{mass_unit}/day"),
            ),
            tidy(daily * to_row_unit),
            [
                f"{head}below the smallest {target.form or ''} strength"
                f"{_smallest(strengths, mass_unit)}: {format_number(measured)} {mass_unit} "
                f"measured as {liquid.replace('_', ' ')} per dose = {format_number(daily)} "
                f"{mass_unit}/day. {rounding.measured_liquid.message}"
            ],
            measured_liquid=True,
        )
    why = (
        f"No {name} strength is at or below {format_number(per_dose)} {mass_unit} per dose"
        f"{_smallest(strengths, mass_unit)}. {rounding.below_smallest_oral.message}"
    )
    return Shaped(
        PlannedRegimen(**base, dose=None, frequency=frequency.label, rate=None, no_dose=why),
        None,
        [f"{head}no dose can be given in this form: {why}"],
    )


def regimen_text(regimen: PlannedRegimen) -> str:
    form = f" {regimen.form.replace('_', ' ')}" if regimen.form else ""
    name = f"{regimen.drug} {regimen.route}{form}"
    if regimen.no_dose is not None:
        return f"{name}: no dose can be given in this form"
    if regimen.patches is not None:
        unit = regimen.rate.unit if regimen.rate else ""
        sizes = " + ".join(f"{format_number(p.value)} {unit}" for p in regimen.patches)
        return f"{name} {sizes} (change as labelled)"
    if regimen.rate is not None:
        return f"{name} {format_number(regimen.rate.value)} {regimen.rate.unit} continuous"
    assert regimen.dose is not None
    units = (
        " (" + " + ".join(f"{format_number(u.value)} {u.unit}" for u in regimen.dose_units) + ")"
        if regimen.dose_units
        else ""
    )
    dose = f"{format_number(regimen.dose.value)} {regimen.dose.unit}"
    return f"{name} {dose}{units} {regimen.frequency}"
