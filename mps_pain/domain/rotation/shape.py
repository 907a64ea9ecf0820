"""Step 4 and the rounding of step 5: per dose, infusion rate (CSCI over 24 h), or patches."""

from __future__ import annotations

from mps_pain.domain.results import Amount
from mps_pain.domain.rotation.context import Target
from mps_pain.domain.rotation.models import PlannedRegimen, RotationRequest
from mps_pain.domain.rotation.rounding import round_down
from mps_pain.units import format_number

__all__ = ["HOURS_PER_DAY", "regimen_text", "shape_regimen"]

HOURS_PER_DAY = 24.0


def shape_regimen(
    request: RotationRequest,
    target: Target,
    unit: str,
    mass_unit: str,
    amount: float,
    strengths: tuple[float, ...] | None,
) -> tuple[PlannedRegimen, float, list[str]]:
    """Step 4 and the rounding: per dose, infusion rate, or patch combination."""
    base = {"drug": target.drug.id, "route": target.route, "form": target.form}
    if target.is_patch:
        rounded = round_down(amount, strengths)
        patches = [Amount(value=u, unit=unit) for u in rounded.units]
        return (
            PlannedRegimen(
                **base,
                dose=None,
                frequency=None,
                rate=Amount(value=rounded.total, unit=unit),
                patches=patches,
            ),
            rounded.total,
            [f"4. Patch: {format_number(amount)} {unit} → patches {rounded.text} {unit}"],
        )
    per_day = amount if unit.endswith("/day") else amount * HOURS_PER_DAY
    if target.is_continuous:
        rate_unit = f"{mass_unit}/h"
        rate = per_day / HOURS_PER_DAY
        rounded = round_down(rate, None)
        daily = rounded.total * HOURS_PER_DAY
        csci = " (CSCI: this is the 24-h syringe-driver total)" if target.route == "sc" else ""
        return (
            PlannedRegimen(
                **base,
                dose=None,
                frequency=None,
                rate=Amount(value=rounded.total, unit=rate_unit),
                daily_dose=Amount(value=daily, unit=f"{mass_unit}/day"),
            ),
            daily if unit.endswith("/day") else daily / HOURS_PER_DAY,
            [
                f"4. Rate: {format_number(per_day)} {mass_unit}/day ÷ 24 h = {format_number(rate)} "
                f"{rate_unit} → {format_number(rounded.total)} {rate_unit} = "
                f"{format_number(daily)} "
                f"{mass_unit}/24 h{csci}"
            ],
        )
    frequency = request.to.frequency
    assert frequency is not None
    doses = frequency.doses_per_day
    per_dose = per_day / doses
    rounded = round_down(per_dose, strengths)
    daily = rounded.total * doses
    units = f" ({rounded.text} {mass_unit})" if strengths and len(rounded.units) > 1 else ""
    return (
        PlannedRegimen(
            **base,
            dose=Amount(value=rounded.total, unit=mass_unit) if rounded.total else None,
            frequency=frequency.label,
            rate=None,
            daily_dose=Amount(value=daily, unit=f"{mass_unit}/day"),
        ),
        daily if unit.endswith("/day") else daily / HOURS_PER_DAY,
        [
            f"4. Per dose: {format_number(per_day)} {mass_unit}/day ÷ {format_number(doses)} "
            "doses/day "
            f"({frequency.label}) = {format_number(per_dose)} {mass_unit} → "
            f"{format_number(rounded.total)} {mass_unit}{units} per dose = {format_number(daily)} "
            f"{mass_unit}/day"
        ],
    )


def regimen_text(regimen: PlannedRegimen) -> str:
    name = f"{regimen.drug} {regimen.route}{' ' + regimen.form if regimen.form else ''}"
    if regimen.patches is not None:
        sizes = " + ".join(format_number(p.value) for p in regimen.patches) or "none"
        unit = regimen.rate.unit if regimen.rate else ""
        return f"{name} {sizes} {unit} (change as labelled)"
    if regimen.rate is not None:
        return f"{name} {format_number(regimen.rate.value)} {regimen.rate.unit} continuous"
    dose = (
        f"{format_number(regimen.dose.value)} {regimen.dose.unit}"
        if regimen.dose
        else "(below smallest strength)"
    )
    return f"{name} {dose} {regimen.frequency}"
