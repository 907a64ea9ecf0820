"""The methadone methods side by side: one row per method, as every renderer shows it."""

from __future__ import annotations

from dataclasses import dataclass

from mps_pain.domain.results import Amount
from mps_pain.domain.rotation.methadone_method import PRN_OPEN_ENDED
from mps_pain.domain.rotation.models import MethadoneOption, RotationPlan
from mps_pain.presentation.no_dose import proposes_no_dose, without_amount
from mps_pain.presentation.wording import (
    amount_text,
    estimate_text,
    percent_text,
    plain_source,
    quantity,
)

__all__ = [
    "SPREAD_LEFT_OUT",
    "MethadoneRowView",
    "dose_giving_methods",
    "held_down_note",
    "methadone_row",
    "method_to_choose",
    "next_method_sentence",
    "spread_left_out",
]

#: why a switch to methadone has no "same switch under every equianalgesic set" table
SPREAD_LEFT_OUT = (
    "Not shown for a switch to methadone: a methadone dose comes from the chosen method's own "
    "bands or ratio applied to the current regimen's total, not from a set's equianalgesic "
    "ratio, so the table's columns would be empty. The methods are compared in their own table."
)


@dataclass(frozen=True, slots=True)
class MethadoneRowView:
    method: str
    name: str
    daily: str
    per_dose: str
    frequency: str
    flags: str
    note: str | None
    citation: str


def methadone_row(option: MethadoneOption, *, withheld: bool) -> MethadoneRowView:
    """A method's row; under a plan with no dose, a method's amount is not shown (N3)."""
    option = without_amount(option) if withheld else option
    # clinician review 15 #7: the hold is this program's smoothing, over the band's upper part
    flags = (" [smoothed by this program]" if option.held_at_edge else "") + (
        " [capped]" if option.capped else ""
    )
    return MethadoneRowView(
        method=option.method,
        name=option.name,
        daily=amount_text(option.daily_dose),
        per_dose=amount_text(option.per_dose),
        frequency=option.frequency,
        flags=flags.strip(),
        note=plain_source(option.note),
        citation=plain_source(option.source) or option.source,
    )


def held_down_note(plan: RotationPlan) -> str:
    """'; held down by this program's smoothing: 7.5 mg/day is 55.1% below the band's own
    22.25 mg/day after its 25% (16.69 mg/day)': the plan's method held its band's dose down
    (pharmacist review 9, D-G: "Reduction 25%" was printed alone beside a dose 55% below the
    band's own)."""
    option = next((o for o in plan.methadone_options if o.method == plan.methadone_method), None)
    rounded = plan.rounded_daily_dose
    if option is None or not option.held_at_edge or option.band_dose is None or rounded is None:
        return ""
    own, unit = option.band_dose.value * (1 - plan.reduction), option.band_dose.unit
    if own <= 0 or rounded.unit != unit:
        return ""
    return (
        f"; held down by this program's smoothing: {quantity(rounded.value, unit)} is "
        f"{percent_text(1 - rounded.value / own)} below the band's own "
        f"{quantity(option.band_dose.value, unit)} after its {percent_text(plan.reduction)} "
        f"({estimate_text(Amount(value=own, unit=unit))})"
    )


def spread_left_out(plan: RotationPlan) -> str | None:
    """Why the plan shows no table of the same switch under every set (None: it shows one).
    Clinician review 10 #4: under a switch to methadone every row read "—"."""
    return SPREAD_LEFT_OUT if plan.switch_kind == "to_methadone" else None


def dose_giving_methods(plan: RotationPlan) -> tuple[MethadoneOption, ...]:
    """The other methods that give a regular dose for this patient, where the chosen method
    (the set's default, say) proposes none because it is as-needed only. None is named beside
    any other danger (a QTc above 500 ms: every method would be refused, and naming one
    would read as a way round the gate)."""
    if not proposes_no_dose(plan) or plan.methadone_method is None:
        return ()
    if any(w.severity == "danger" and w.code != PRN_OPEN_ENDED for w in plan.warnings):
        return ()
    return tuple(
        o
        for o in plan.methadone_options
        if o.method != plan.methadone_method and o.daily_dose is not None
    )


def next_method_sentence(methods: tuple[tuple[str, str], ...], how: str) -> str | None:
    """'Methods that give a regular dose for this patient: MSD Manual / Quill dose bands,
    CCDHB practice bands. To plan with one, choose it as the methadone method (…how…).'
    ``methods``: (id, name) of ``dose_giving_methods``; ``how``: the edge's own words (the
    app's box, the CLI's field). Clinician review 10 #4: the default method's refusal left the
    next step to guess. The default is not changed; no amount is named (N3)."""
    if not methods:
        return None
    names = ", ".join(name for _id, name in methods)
    return (
        f"Methods that give a regular dose for this patient: {names}. To plan with one, "
        f"choose it as the methadone method ({how})."
    )


def method_to_choose(plan: RotationPlan, asked: bool) -> str | None:
    """Why the plan opens on "choose a method" (clinician review 18 #8: the UK set's own method,
    Morley-Makin, is as-needed only and never printed, so a first-time user's first sight of
    methadone was a red refusal): the set's own method was used because none was ``asked``, it
    is an open-ended as-needed regime (its ``methadone-prn-open-ended`` danger), and another
    cited method gives this patient a regular dose. None otherwise: a method asked by name
    keeps its own refusal, and a refusal for the patient (no method gives a dose) stays one.
    The default is not changed and no method is preferred: the next step names them all."""
    if asked or not any(w.code == PRN_OPEN_ENDED for w in plan.warnings):
        return None
    if not dose_giving_methods(plan):
        return None
    own = next((o.name for o in plan.methadone_options if o.method == plan.methadone_method), None)
    return (
        f"the set's own method, {own or 'its practice'}, is as-needed only, and no as-needed "
        "methadone order is printed without a sourced minimum interval and maximum doses in 24 h."
    )
