"""How a schedule names the current regimen's lines (every schedule module words them alike):
each opioid line as it was prescribed, and the non-opioid co-infusions kept unchanged."""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.form_words import product_label
from mps_pain.domain.normalise import DailyItem, describe_dosing, dosing_as_entered
from mps_pain.domain.rotation.models import ScheduleEntry
from mps_pain.units import format_number

__all__ = [
    "co_medication_entries",
    "co_medication_entry",
    "current_text",
    "keep_co_infusions",
    "kept_regimen",
]

#: a co-medication's line is the only one said "throughout" (the switch does not time it)
CO_MEDICATION_WHEN = "throughout"


def entered_line(daily: DailyItem) -> str:
    """One item as it was prescribed: ``oxycodone oral MR 20 mg q12h (40 mg/day)``; a patch by
    its rate alone (``fentanyl transdermal patch 25 mcg/h``): nobody gives a patch in mg/day."""
    name = product_label(daily.drug.id, daily.item.route, daily.form)
    entered = dosing_as_entered(daily)
    if daily.item.route == "transdermal":
        if name.endswith(" patch"):
            entered = entered.removesuffix(" patch")
        return f"{name} {entered}"
    if "mg/day" in entered:  # written per day already: no second daily figure
        return f"{name} {entered}"
    return f"{name} {entered} ({format_number(daily.daily_mg_per_day)} mg/day)"


def current_text(items: Sequence[DailyItem]) -> str:
    return "; ".join(entered_line(d) for d in items if d.is_opioid)


def co_medication_entry(
    daily: DailyItem, *, above_maximum: bool = False, named: bool = False, to_check: bool = False
) -> ScheduleEntry:
    """A non-opioid line the switch does not touch: continued unchanged; or, when the plan's
    maximum-dose rule calls its total above the maximum (``gate_given.continued_maximum``), to
    be reduced; or, when another of the plan's dangers names it (``named``: an NSAID in severe
    renal impairment), to be reviewed. A plan never says "unchanged" for what its own danger
    names (pharmacist re-checks 15b #6 and 16 #2), nor for a line whose dose a caution asks to
    check (``to_check``: no maximum of the plan's market in the sources, or renal function
    needed; pharmacist review 17, H2)."""
    line = f"{product_label(daily.drug.id, daily.item.route)} {describe_dosing(daily)}"
    if above_maximum:
        action = (
            f"Reduce {line} (co-medication): it is above its maximum daily dose "
            "(see the DANGER warning); do not continue it at this dose."
        )
    elif named:
        action = (
            f"Review {line} (co-medication): a DANGER warning names it for this patient; "
            "stop or change it with the prescriber before continuing it."
        )
    elif to_check:
        action = (
            f"Continue {line} (co-medication) once its dose is checked: a CAUTION warning "
            "asks to check its dose for this patient."
        )
    else:
        action = f"Continue {line} unchanged (co-medication)."
    return ScheduleEntry(when=CO_MEDICATION_WHEN, action=action)


def keep_co_infusions(items: Sequence[DailyItem]) -> list[ScheduleEntry]:
    return [co_medication_entry(d) for d in items if not d.is_opioid]


def co_medication_entries(schedule: Sequence[ScheduleEntry]) -> list[ScheduleEntry]:
    """A schedule's co-medication lines (``co_medication_entry``): what a plan with no dose
    still says of them (review 15, R02: its "keep the current regimen" held 6 g/day of
    paracetamol its own danger called above the maximum)."""
    return [entry for entry in schedule if entry.when == CO_MEDICATION_WHEN]


def kept_regimen(co_medications: bool) -> str:
    """What a plan with no dose keeps while another opioid or route is chosen: the current
    regimen, or, beside co-medications (each said on its own line, ``co_medication_entry``,
    reduced where above its maximum), its opioids alone (review 15, R02)."""
    return "the current opioid regimen" if co_medications else "the current regimen"
