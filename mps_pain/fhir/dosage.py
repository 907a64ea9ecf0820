"""One FHIR ``Dosage`` → the dosing shape of a regimen item, or a Refusal naming the element.

- ``doseAndRate.dose[x]`` with ``timing.repeat`` → scheduled (dose + frequency);
- ``doseAndRate.rate[x]`` → continuous (an infusion or a patch);
- ``asNeeded[x]`` → as needed, with the doses taken in 24 h.

"Most aggressive dosing", as the HL7 MME calculator reads an order: ``frequencyMax`` rather than
``frequency``, the high end of ``doseRange``/``rateRange``, the shorter ``period`` rather than
``periodMax``. Each such choice is written into ``choices`` so the output shows it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal

from mps_pain.domain.frequency import Frequency, parse_frequency, times_a_day_text
from mps_pain.domain.regimen import NOT_REPORTED, NotReported
from mps_pain.fhir.drug_names import refuse_another_unit_kind
from mps_pain.fhir.model import Refusal, quoted
from mps_pain.fhir.quantities import count_of, period_hours, quantity, ratio_quantity
from mps_pain.fhir.timing_code import refuse_contradicting_code
from mps_pain.units import Dimension, ParsedQuantity, format_number, tidy

__all__ = ["Dosing", "MedicationFacts", "OrderKind", "interval_hours", "map_dosage"]

HOURS_PER_DAY = 24.0
_DOSE = (Dimension.MASS, Dimension.VOLUME)
_RATE = (Dimension.MASS_RATE, Dimension.VOLUME_RATE)
_UNSUPPORTED_REPEAT = ("dayOfWeek", "count", "countMax", "offset")
_NO_DOSE = "no dose or rate is given"


def _high_end(what: str, amount: object) -> str:
    """The reading of a range (a dose's or a rate's), said among the importer's choices."""
    return f"{what} range: the high end {amount} is used (most aggressive dosing"


OrderKind = Literal["request", "statement"]


@dataclass(frozen=True)
class MedicationFacts:
    """What the medication tells the dosage: is it a patch, and its strength per unit."""

    is_patch: bool
    strength: ParsedQuantity | None
    strength_source: str | None
    is_modified_release: bool = False
    dose_form: str | None = None  # the coded dose form's display ("Oral Tablet"), if any
    label: str = ""  # what the medication was read from ("RxNorm 1049621 …")


@dataclass
class Dosing:
    fields: dict[str, Any] = field(default_factory=dict)
    choices: list[str] = field(default_factory=list)
    cautions: list[str] = field(default_factory=list)
    #: the FHIR element each field was read from, so a refusal of the row names it
    sources: dict[str, str] = field(default_factory=dict)


def _one_dose_and_rate(dosage: Any, path: str) -> Any:
    entries = dosage.doseAndRate or []
    if not entries:
        raise Refusal("unsupported-dosage", f"{path}.doseAndRate", _NO_DOSE)
    if len(entries) > 1:
        raise Refusal(
            "unsupported-dosage",
            f"{path}.doseAndRate",
            f"{len(entries)} dose-and-rate entries; give one per dosage instruction",
        )
    return entries[0]


def _dose(entry: Any, path: str, facts: MedicationFacts, out: Dosing) -> ParsedQuantity | None:
    here = f"{path}.doseAndRate[0]"
    if entry.doseRange is not None:
        if entry.doseRange.high is None:
            raise Refusal(
                "invalid-value", f"{here}.doseRange.high", "a dose range needs a high end"
            )
        out.sources["dose"] = f"{here}.doseRange.high"
        amount = _amount(entry.doseRange.high, out.sources["dose"], facts, out)
        out.choices.append(f"{_high_end('dose', amount)}, as the HL7 MME calculator reads a range)")
        return amount
    if entry.doseQuantity is not None:
        out.sources["dose"] = f"{here}.doseQuantity"
        return _amount(entry.doseQuantity, out.sources["dose"], facts, out)
    return None


def _amount(fhir_quantity: Any, path: str, facts: MedicationFacts, out: Dosing) -> ParsedQuantity:
    count = count_of(fhir_quantity, path)
    if count is None:
        return quantity(fhir_quantity, path, _DOSE)
    refuse_another_unit_kind(fhir_quantity.code or "", facts.dose_form, facts.label, path)
    strength = facts.strength
    if strength is None or strength.dimension is not Dimension.MASS:
        raise Refusal(
            "no-unit",
            f"{path}.code",
            f"a dose of {format_number(count)} dosage unit(s) needs the strength of one unit; "
            "give the dose in mg, or code the medication as an RxNorm clinical drug",
        )
    if not math.isfinite(count * strength.value):  # 1e308 tablets: never "inf mg" (fuzz 15)
        raise Refusal("invalid-value", f"{path}.value", f"{count:g} dosage units is out of range")
    amount = ParsedQuantity(tidy(count * strength.value), strength.unit)
    if facts.is_modified_release and count != int(count):
        raise Refusal("invalid-value", f"{path}.value", _split_whole(count, strength, amount))
    out.choices.append(
        f"{format_number(count)} × {strength} ({facts.strength_source}) = {amount} per dose"
    )
    return amount


def _split_whole(count: float, strength: ParsedQuantity, amount: ParsedQuantity) -> str:
    """Why a fraction of a modified-release unit is refused (fuzz review 15, D12: 2.5 ER tablets
    imported as 25 mg without a word): it is swallowed whole, so the order cannot be given as
    written, and what the patient takes (2 or 3 tablets, or one broken and released at once) is
    a question for the prescriber, not a guess."""
    return (
        f"{format_number(count)} modified-release tablets or capsules per dose "
        f"({format_number(count)} × {strength} = {amount}): a modified-release tablet or capsule "
        "is swallowed whole, never split, so this order cannot be given as written; ask the "
        "prescriber which whole tablets are taken, and enter that dose"
    )


def _patch_hint(facts: MedicationFacts) -> str:
    known = (
        f" (this patch releases {facts.strength}, {facts.strength_source})"
        if facts.strength is not None and facts.strength.dimension is Dimension.MASS_RATE
        else ""
    )
    return (
        f"a patch is given as a dose; a patch releases a rate{known}: give "
        "doseAndRate.rateQuantity in ug/h (or mg/h)"
    )


def _rate(entry: Any, path: str, out: Dosing) -> ParsedQuantity | None:
    here = f"{path}.doseAndRate[0]"
    if entry.rateQuantity is not None:
        out.sources["rate"] = f"{here}.rateQuantity"
        return quantity(entry.rateQuantity, out.sources["rate"], _RATE)
    if entry.rateRatio is not None:
        out.sources["rate"] = f"{here}.rateRatio"
        return ratio_quantity(entry.rateRatio, out.sources["rate"], _RATE)
    if entry.rateRange is not None:
        if entry.rateRange.high is None:
            raise Refusal(
                "invalid-value", f"{here}.rateRange.high", "a rate range needs a high end"
            )
        out.sources["rate"] = f"{here}.rateRange.high"
        rate = quantity(entry.rateRange.high, out.sources["rate"], _RATE)
        out.choices.append(f"{_high_end('rate', rate)})")
        return rate
    return None


def _counted_times(repeat: Any) -> tuple[int, str] | None:
    if repeat.timeOfDay:
        return len(repeat.timeOfDay), "timeOfDay"
    if repeat.when:
        return len(repeat.when), "when"
    return None


def interval_hours(timing: Any, path: str, out: Dosing) -> float | None:
    """Hours between doses from ``timing.repeat``; None when there is no timing at all."""
    here = f"{path}.timing"
    if timing is None:
        return None
    if timing.repeat is None:
        if timing.code is not None:
            raise Refusal(
                "unsupported-timing",
                f"{here}.code",
                "a timing code alone is not read; give timing.repeat (frequency, period, "
                "periodUnit)",
            )
        return None
    repeat, here = timing.repeat, f"{here}.repeat"
    for name in _UNSUPPORTED_REPEAT:
        if getattr(repeat, name) not in (None, []):
            raise Refusal(
                "unsupported-timing",
                f"{here}.{name}",
                f"{quoted(name)} cannot be read as a daily dose",
            )
    counted = _counted_times(repeat)
    if repeat.frequency is None and repeat.frequencyMax is None and repeat.period is None:
        if counted is None:
            raise Refusal(
                "unsupported-timing", here, "neither frequency and period nor timeOfDay is given"
            )
        times, name = counted
        out.choices.append(f"{name} lists {times} time(s) a day: every {24 / times:g} h")
        hours = HOURS_PER_DAY / times
        refuse_contradicting_code(timing.code, hours, hours, f"{path}.timing.code")
        return hours
    hours = _period_interval(repeat, here, out)
    if counted is not None and abs(HOURS_PER_DAY / hours - counted[0]) > 1e-9:
        raise Refusal(
            "unsupported-timing",
            f"{here}.{counted[1]}",
            f"{counted[0]} time(s) a day contradicts the frequency "
            f"({format_number(HOURS_PER_DAY / hours)} a day)",
        )
    refuse_contradicting_code(
        timing.code, hours, _slowest_interval(repeat, here), f"{path}.timing.code"
    )
    return hours


def _slowest_interval(repeat: Any, here: str) -> float:
    """The longest interval the repeat allows: ``frequency`` per ``periodMax`` (or ``period``)."""
    period = repeat.periodMax if repeat.periodMax is not None else repeat.period
    return period_hours(period, repeat.periodUnit, here) / (repeat.frequency or 1)


def _refuse_contradictory_range(repeat: Any, here: str) -> None:
    """``frequencyMax`` below ``frequency`` or ``periodMax`` below ``period`` contradicts itself
    (FHIR: the Max is the upper limit of the range). Which end was meant is not guessed: a
    pharmacist queries such an order (fuzz review 3, D4; docs/fhir.md)."""
    unit = f" {repeat.periodUnit}" if repeat.periodUnit else ""
    pairs = (("frequency", "frequencyMax", ""), ("period", "periodMax", unit))
    for low_name, high_name, what in pairs:
        low, high = getattr(repeat, low_name), getattr(repeat, high_name)
        if low is not None and high is not None and high < low:
            raise Refusal(
                "unsupported-timing",
                f"{here}.{high_name}",
                f"{high_name} {high}{what} is below {low_name} {low}{what}: the range "
                "contradicts itself, and which end was meant is not guessed",
            )


def _period_interval(repeat: Any, here: str, out: Dosing) -> float:
    if repeat.period is None:
        raise Refusal("unsupported-timing", f"{here}.period", "a frequency needs a period")
    _refuse_contradictory_range(repeat, here)
    hours = period_hours(repeat.period, repeat.periodUnit, here)
    times = repeat.frequency or 1
    if repeat.frequencyMax is not None:
        out.choices.append(
            f"frequencyMax {repeat.frequencyMax} is used rather than frequency {times} "
            "(most aggressive dosing)"
        )
        times = repeat.frequencyMax
    if repeat.periodMax is not None:
        out.choices.append(
            f"periodMax {repeat.periodMax} is not used: the shorter period {repeat.period} "
            f"{repeat.periodUnit} gives more doses (most aggressive dosing)"
        )
    return float(hours) / times


def frequency_of(hours: float, path: str) -> Frequency:
    """The regimen frequency of a dosing interval; outside its accepted range, a Refusal.

    An interval written exactly in a few digits stays "every N h"; otherwise a count of doses a
    day written exactly is kept as that count ("3 per 4 h" is "18 times a day", never every
    1.33333 h = 18.000045 a day), and any other interval is written to 12 significant figures."""
    interval, per_day = tidy(hours), tidy(HOURS_PER_DAY / hours)
    if float(f"{interval:g}") == interval:
        text = f"every {interval:g} h"
    elif float(f"{per_day:g}") == per_day:
        text = times_a_day_text(per_day)
    else:
        text = f"every {interval!r} h"
    try:
        return parse_frequency(text)
    except ValueError as exc:
        raise Refusal("unsupported-timing", f"{path}.timing.repeat", str(exc)) from None


def map_dosage(
    dosage: Any,
    path: str,
    facts: MedicationFacts,
    *,
    kind: OrderKind,
    doses_taken: float | None = None,
) -> Dosing:
    """The regimen fields of one dosage instruction (see the module docstring)."""
    out = Dosing()
    entry = _one_dose_and_rate(dosage, path)
    if facts.is_patch and (entry.doseQuantity is not None or entry.doseRange is not None):
        element = "doseQuantity" if entry.doseQuantity is not None else "doseRange"
        raise Refusal("patch-as-dose", f"{path}.doseAndRate[0].{element}", _patch_hint(facts))
    rate = _rate(entry, path, out)
    dose = _dose(entry, path, facts, out)
    as_needed = bool(dosage.asNeededBoolean) or dosage.asNeededCodeableConcept is not None
    if rate is not None:
        if dose is not None:
            raise Refusal(
                "unsupported-dosage",
                f"{path}.doseAndRate[0]",
                "a dose and a rate together (a bolus with an infusion): give them as two orders",
            )
        if as_needed:
            raise Refusal(
                "unsupported-dosage",
                f"{path}.asNeededBoolean",
                "an as-needed rate cannot be counted as a daily dose",
            )
        out.fields["rate"] = rate
        return out
    if dose is None:
        raise Refusal("unsupported-dosage", f"{path}.doseAndRate[0]", _NO_DOSE)
    out.fields["dose"] = dose
    hours = interval_hours(dosage.timing, path, out)
    if not as_needed:
        if hours is None:
            raise Refusal(
                "unsupported-timing",
                f"{path}.timing",
                "a scheduled dose needs timing.repeat (frequency and period)",
            )
        out.fields["frequency"] = frequency_of(hours, path)
        out.sources["frequency"] = f"{path}.timing"
        return out
    out.fields["prn"] = True
    out.fields["doses_per_day"] = _prn_doses(hours, kind, doses_taken, out)
    return out


def _prn_doses(
    hours: float | None, kind: OrderKind, taken: float | None, out: Dosing
) -> float | NotReported:
    """Doses taken in 24 h: from a statement, else 'not reported' — asked for, never assumed."""
    if taken is not None:
        out.choices.append(
            f"as needed: {format_number(taken)} dose(s) taken in 24 h, from the "
            "MedicationStatement based on this order"
        )
        return taken
    if hours is not None and kind == "statement":
        taken_by_timing = tidy(HOURS_PER_DAY / hours)
        out.choices.append(
            f"as needed: {format_number(taken_by_timing)} dose(s) taken in 24 h (the statement's "
            "timing)"
        )
        return taken_by_timing
    allowed = (
        f"the order allows at most {format_number(tidy(HOURS_PER_DAY / hours))} dose(s) in 24 h; "
        if hours is not None
        else ""
    )
    out.cautions.append(
        f"as needed: {allowed}the doses actually taken in 24 h are not in the record — enter "
        "them (0 if none taken); until then no total includes this row"
    )
    return NOT_REPORTED
