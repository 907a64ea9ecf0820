"""The check's bands above the expected range (pharmacist review 8, N5; clinician review 8, #5).

A switch between different opioids has a reduced expected range (the set's own factor × (1 − the
sourced reduction)). Above it:

- at or below equianalgesia (the current OME at the set's own factor, the proposal valued at the
  end the check already uses, ``factor_end``'s D1 rule; 0% reduction): verdict ``not_reduced``,
  a CAUTION "no reduction for incomplete cross-tolerance" naming the sourced reduction. An order
  equal to the current OME is the dose a prescriber writes when pain is uncontrolled on the
  current opioid (no reduction then, the Milton Keynes formulary), so it is no overdose;
- above equianalgesia: verdict ``above``, the DANGER "risk of overdose".

A switch without a reduction (route ratio, methadone, an as-needed methadone order) has no band
between: above its range is the danger, as before.
"""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.results import ClinicalWarning, MmeLine
from mps_pain.domain.rotation.check_band import Expectation
from mps_pain.numbers import format_beside, format_percent_span
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.units import format_number, format_number_span, tidy

__all__ = ["NOT_REDUCED", "above_verdict", "below_warning", "uncontrolled_range"]

NOT_REDUCED = "proposal-not-reduced"
_UNLESS = "unless pain is uncontrolled on the current opioid"
_REL = 1e-6


def above_verdict(
    exp: Expectation, *, open_ended: bool = False, lines: Sequence[MmeLine] = ()
) -> tuple[str, ClinicalWarning]:
    """The verdict and warning of a proposal above ``exp.high`` (``lines``: the current
    regimen's lines as valued, for the as-needed doses its total counts)."""
    equi = exp.equianalgesic
    if not open_ended and equi is not None and exp.value <= equi * (1 + _REL):
        return "not_reduced", ClinicalWarning(
            code=NOT_REDUCED,
            severity="caution",
            message=_not_reduced(exp, equi, lines),
            source=exp.reduction_source,
        )
    return "above", _above(exp, open_ended=open_ended)


def _not_reduced(exp: Expectation, equi: float, lines: Sequence[MmeLine]) -> str:
    """The caution's words. At a sourced reduction of 0% (a band chart read at no reduction;
    pharmacist review 15, D5) there is no reduction to ask for: the rule's own amount is lower,
    and the current as-needed doses the total counts are what a larger amount takes in."""
    head = (
        f"The proposal ({format_beside(exp.value, exp.high)} {exp.unit}) is above the expected "
        f"{format_number(exp.high)} {exp.unit} but not above the equianalgesic "
        f"{format_number(equi)} {exp.unit}"
    )
    if exp.r_high > 0:
        reduction = format_percent_span(exp.r_low, exp.r_high)
        return (
            f"{head}: no reduction for incomplete cross-tolerance (the sourced reduction for "
            f"this switch is {reduction}). Reduce it, {_UNLESS} (then the range starts at no "
            "reduction)."
        )
    said = (
        f"{head}. The sourced reduction for this switch is 0%: the expected amount is what "
        "the switching rule itself gives for the current total, not a reduction of it."
    )
    rescues = [line for line in lines if line.prn and line.counted and line.kind == "opioid"]
    if not rescues:
        return f"{said} Start at it, {_UNLESS}."
    taken = "; ".join(
        f"{line.drug} {line.route} as needed, {format_number(line.daily_dose.value)} "
        f"{line.daily_dose.unit}"
        for line in rescues
    )
    return (
        f"{said} The current total counts the as-needed doses taken ({taken}): the larger "
        "amount takes that rescue use into the regular dose, a titration the switching rule "
        "does not make. Confirm the rescue use is meant to be titrated into it (judge the step "
        "of the increase), and re-size the breakthrough dose to the new regular dose."
    )


def _above(exp: Expectation, *, open_ended: bool = False) -> ClinicalWarning:
    """An open-ended as-needed order is not signable at any dose: its warning names no expected
    amount, which would read as the dose to write (pharmacist review 5b, N3)."""
    beyond = (
        f"above the equianalgesic {format_number(exp.equianalgesic)} {exp.unit}"
        if exp.equianalgesic is not None
        else f"above the expected {format_number(exp.high)} {exp.unit}"
    )
    message = (
        f"The proposal ({format_number(exp.value)} {exp.unit}) is above the expected amount per "
        "dose of the method too; no amount makes an open-ended as-needed order signable."
        if open_ended
        else f"The proposal ({format_number(exp.value)} {exp.unit}) is {beyond}: risk of "
        "overdose. Reduce it."
    )
    return ClinicalWarning(code="proposal-above-range", severity="danger", message=message)


def uncontrolled_range(
    tables: TableIndex,
    rules: RotationRules,
    pain_controlled: bool | None,
    total: float,
    reduction: tuple[float, float],
    label: str,
) -> list[str]:
    """Not told whether pain is controlled, the range for both cases (pharmacist review 8, N5)."""
    r_low, r_high = reduction
    if pain_controlled is not None or r_low == 0:
        return []
    rule = rules.reduction.uncontrolled_pain
    span = format_number_span(tidy(total * (1 - r_high)), tidy(total))
    cite = tables.cite(rule.citation)
    return [
        "Pain control not stated: the expected range is for pain controlled on the current "
        "opioid. If pain is uncontrolled on it, the sourced range starts at no reduction "
        f"({format_percent_span(0.0, r_high)}: {span} mg/day {label}) [{cite}]; say whether "
        "pain is controlled to have it judged so."
    ]


def below_warning(exp: Expectation) -> ClinicalWarning:
    """The caution of a proposal below the expected range (the verdict 'below')."""
    return ClinicalWarning(
        code="proposal-below-range",
        severity="caution",
        message=f"The proposal ({format_beside(exp.value, exp.low)} {exp.unit}) is below the "
        f"expected {format_number(exp.low)} {exp.unit}: risk of uncontrolled pain or withdrawal; "
        "make sure breakthrough doses are prescribed.",
    )
