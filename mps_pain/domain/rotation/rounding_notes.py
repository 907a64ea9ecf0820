"""The rounding policy's notes: step 5's line and the plan's warnings about where the rounded
dose lies against the sourced range (each with both options and their effective reductions).

The policy never rounds above the top of the sourced range (``rounding_top``), so no note says
"above the calculated dose": a dose rounded up above the reduced target is within the sourced
range, and its note cites the rule that allows it (``rotation.rounding.up_within_range``). For a
same-drug route change the range is the cited ratio range, which reaches above the equianalgesic
amount the plan starts from: such a range is said in amounts, and a dose above that amount as
"N% above the equianalgesic dose", never as a negative reduction (pharmacist review 5, wording
item 2)."""

from __future__ import annotations

import math
from typing import Literal

from mps_pain.domain.results import Amount, ClinicalWarning, HeldOption
from mps_pain.domain.rotation.patch_lower import held_words
from mps_pain.domain.rotation.rounding_policy import FinerStep, effective_reduction
from mps_pain.domain.rotation.rounding_words import (
    LOSS_BASIS,
    NEAREST_NOT_ABOVE,
    describe_options,
    effective_words,
    rounded_up,
    rounding_change,
)
from mps_pain.domain.rotation.shaped import Shaped
from mps_pain.numbers import format_percent_span
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_rotation import RoundingRules
from mps_pain.units import format_number, format_number_span

__all__ = [
    "LOSS_BASIS",
    "NEARER_PATCH_RULE",
    "ROUNDING_CODES",
    "finer_step_words",
    "held_option",
    "policy_warnings",
    "reduction_miss",
    "rounded_line",
    "rounding_options",
]

#: why a patch above the range is taken (``rounding.nearer_patch``), in the plan's step 5 and the
#: check's reason
NEARER_PATCH_RULE = "than the one below and not above the equianalgesic dose"


def finer_step_words(finer: FinerStep, unit: str) -> str:
    """Which step rounded an injected amount and why, when it is not its ladder step (pharmacist
    re-check 12b, #2: the ladder printed for 24 gives 22.5, then "Rounded: 24 mg/day")."""
    return (
        f"Here {format_number(finer.value)} {unit}: the step of its size "
        f"({format_number(finer.ladder_step)} {unit}) gives {format_number(finer.ladder_amount)} "
        f"{unit}, further below the sourced range than the rounding tolerance allows; the first "
        f"finer step that does not is used ({format_number(finer.step)} {unit}): "
        f"{format_number(finer.amount)} {unit}."
    )


def _change_words(target: float, total: float, equianalgesic: float) -> str:
    change = rounding_change(target, total, lambda v: format_number(v, 3))
    if rounded_up(target, total):
        change += f"; {effective_words(effective_reduction(equianalgesic, total))}"
    return change


#: a dose a hair above the unrounded target that prints as the target does (``as_printed``)
AS_PRINTED_WITHIN = "the reduced target as printed, within the sourced range"


def rounded_line(shaped: Shaped, target: float, equianalgesic: float) -> str:
    """Step 5: the amount, how it was chosen, the range and the change from the reduced
    ``target`` (in the unit of ``shaped.rounded_per_unit``); a dose rounded up says by how much
    and the effective reduction it leaves (against ``equianalgesic``; pharmacist re-check 20b,
    L-1)."""
    choice = shaped.choice
    if shaped.rounded_per_unit is None or choice is None:
        return "5. Rounded: no dose (see step 4)"
    how = {
        "within": "rounded down, within the sourced range",
        "just_short": "rounded down, just below the lowest dose of the sourced range (within "
        "the rounding tolerance, see the note)",
        "above_target": "rounding down would leave it below the sourced range: the amount "
        "within the range nearest the target",
        "below_range": "no amount that can be given lies within the sourced range: rounded down "
        "below it (see the caution)",
        "below_stated": "the nearest amount that can be given not above the stated reduction's "
        "target (see the caution)",
        "nearer_above": "no patch lies within the sourced range: the one above it is nearer "
        f"the range {NEARER_PATCH_RULE} (see the caution)",
    }[choice.position]
    if choice.position == "within" and shaped.rounded_per_unit > target * (1 + 1e-9):
        how = AS_PRINTED_WITHIN  # a hair above the unrounded target (``as_printed``)
    change = _change_words(target, shaped.rounded_per_unit, equianalgesic)
    if shaped.dose_measured:  # a solution or injection is measured, not rounded to strengths
        how = how.replace("rounded down", "measured to the dose")
        return (
            f"5. Measured: {format_number(choice.chosen.total)} {shaped.per_unit} ({how}; range "
            f"{format_number_span(choice.low, choice.high, shaped.per_unit)}; {change})"
        )
    return (
        f"5. Rounded: {format_number(choice.chosen.total)} {shaped.per_unit} ({how}; range "
        f"{format_number_span(choice.low, choice.high, shaped.per_unit)}; {change})"
    )


def reduction_miss(effective: float, sourced: tuple[float, float]) -> str:
    """Which way an effective reduction misses its sourced range, and by how much: a dose below
    the range is a reduction ABOVE it (the one wording of every rounding note)."""
    low, high = sourced
    span = format_percent_span(low, high)
    if effective > high + 1e-9:
        by = format_number((effective - high) * 100, 3)
        return f"above the sourced reduction ({span}) by {by} percentage points"
    if effective < low - 1e-9:
        by = format_number((low - effective) * 100, 3)
        return f"below the sourced reduction ({span}) by {by} percentage points"
    return f"within the sourced reduction ({span})"


_POSITION_CODES = {
    "below_range": "rounding-below-range",
    "below_stated": "rounding-below-stated",
    "above_target": "rounding-within-range",
    "just_short": "rounding-just-short",
    "nearer_above": "rounding-nearer-patch",
}


_CAUTIONS = ("below_range", "below_stated", "nearer_above")
#: every rounding note's code (a withheld plan drops them: they describe its dose)
ROUNDING_CODES = tuple(_POSITION_CODES.values())


def policy_warnings(
    shaped: Shaped, tables: TableIndex, rounding: RoundingRules
) -> list[ClinicalWarning]:
    """The rounding policy's note for where the dose lies against the sourced range (none when
    rounding down landed within it, or no dose is given)."""
    choice = shaped.choice
    if choice is None or shaped.detail.no_dose is not None:
        return []
    up = rounding.up_within_range
    message = _position_sentence(shaped, up.message, rounding.nearer_patch.message)
    if message is None:
        return []
    severity: Literal["caution", "info"] = "caution" if choice.position in _CAUTIONS else "info"
    cited = {"above_target": up.citation, "nearer_above": rounding.nearer_patch.citation}
    rule = cited.get(choice.position)
    source = tables.cite(rule) if rule is not None else None
    return [
        ClinicalWarning(
            code=_POSITION_CODES[choice.position],
            severity=severity,
            message=message,
            source=source,
        )
    ]


#: the positions whose note names both options ("The options are 10 mg … or 20 mg …")
_NAMES_OPTIONS = frozenset({"below_range", "below_stated", "nearer_above"})


def rounding_options(shaped: Shaped) -> list[Amount]:
    """The amounts (per dose, rate or patch, in the plan's unit of one) that the rounding note
    names as the options, the plan's choice among them; empty when the note names none. What a
    grader accepts as "the plan's other option" (pharmacist review 19, M4), read from the same
    choice as the note's words (``describe_options``): a patch the note says is not taken for
    this patient is not one (``held_option``)."""
    choice = shaped.choice
    if choice is None or shaped.detail.no_dose is not None:
        return []
    if choice.position not in _NAMES_OPTIONS:
        return []
    named = (choice.below, None if choice.held_by else choice.above)
    return [Amount(value=o.total, unit=shaped.per_unit) for o in named if o is not None]


def held_option(shaped: Shaped) -> HeldOption | None:
    """The patch above the range the note names but does not take for this patient, and why
    (``patch_lower.held_words``): never one of the plan's options (pharmacist review 20, L5: a
    66-year-old's 10 mcg/h was accepted as "the plan's other option")."""
    choice = shaped.choice
    if choice is None or not choice.held_by or choice.above is None:
        return None
    amount = Amount(value=choice.above.total, unit=shaped.per_unit)
    return HeldOption(amount=amount, reason=choice.held_by)


def _range_words(shaped: Shaped) -> str:
    """The sourced range as the note names it: a reduction range in percent, or a cited ratio
    range reaching above the equianalgesic amount in amounts (no negative reduction)."""
    choice = shaped.choice
    assert choice is not None
    unit, eq = shaped.per_unit, shaped.equianalgesic_per_unit
    if choice.high > eq * (1 + 1e-6):
        return f"the cited range ({format_number_span(choice.low, choice.high, unit)})"
    span = format_number_span(
        effective_reduction(eq, choice.high) * 100,
        effective_reduction(eq, choice.low) * 100,
        "%",
        significant=3,
    )
    return f"the sourced reduction ({span})"


def _position_sentence(shaped: Shaped, up_message: str, nearer_message: str) -> str | None:
    choice = shaped.choice
    assert choice is not None
    unit, eq = shaped.per_unit, shaped.equianalgesic_per_unit
    chosen = choice.chosen.total
    effective = effective_words(effective_reduction(eq, chosen))
    rng = _range_words(shaped)
    miss = reduction_miss(
        effective_reduction(eq, chosen),
        (effective_reduction(eq, choice.high), effective_reduction(eq, choice.low)),
    )
    if rng.startswith("the cited range"):
        miss = f"below {rng}"
    # the dose is the equianalgesic amount itself
    no_reduction = (
        " This is no reduction at all: the sourced range includes 0% for this switch."
        if eq > 0 and math.isclose(chosen, eq, rel_tol=1e-6)
        else ""
    )
    return {
        "below_range": f"No strength that can be given lies within {rng}: rounding down gives "
        f"{format_number(chosen)} {unit}, {effective}, {miss}. The options are "
        f"{describe_options(choice, eq, unit)}. Choose with the prescriber, and cover the gap "
        f"with breakthrough doses.{held_words(choice, unit)}",
        "below_stated": f"The stated reduction cannot be given exactly: {NEAREST_NOT_ABOVE} "
        f"{format_number(chosen)} {unit}, {effective}. "
        f"The options are {describe_options(choice, eq, unit)}; the plan never rounds above the "
        "stated target. Choose with the prescriber.",
        "above_target": f"Rounding down would leave the dose below {rng}, so the amount within "
        f"it nearest the target is used: {format_number(chosen)} {unit} ({effective})."
        f"{no_reduction} {up_message}",
        "nearer_above": f"No patch lies within {rng}: {format_number(chosen)} {unit}, "
        f"{effective}, {miss}, is nearer it than the one below. The options are "
        f"{describe_options(choice, eq, unit)}. {nearer_message}",
        "just_short": f"Rounding down gives {format_number(chosen)} {unit}, {effective}, "
        f"{miss}; the dose is within the rounding tolerance below the range's lowest dose, so "
        "it is used rather than rounding up to the next strength.",
    }.get(choice.position)
