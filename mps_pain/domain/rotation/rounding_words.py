"""The words of the rounding rule: what a reason says of a stated target, of what is measured,
of a strength this program does not hold, and of an effective reduction. Split from
``rounding_policy`` (the rule itself), which every reason reads these words beside."""

from __future__ import annotations

from collections.abc import Callable

from mps_pain.domain.as_printed import not_above_as_printed
from mps_pain.domain.rotation.rounding_policy import RoundingChoice, effective_reduction
from mps_pain.numbers import format_percent, tidy
from mps_pain.units import format_number

__all__ = [
    "FROM_YOUR_FORMULARY",
    "LOSS_BASIS",
    "MEASURED_FORMS",
    "NEAREST_NOT_ABOVE",
    "NEVER_ABOVE_STATED",
    "NOT_HELD",
    "describe_options",
    "effective_words",
    "not_held",
    "rounded_up",
    "rounding_change",
    "says_not_held",
]

_EPS = 1e-9

#: what a rounding loss is measured from, said beside it (pharmacist review 5, wording item 4: a
#: loss against the reduced target sat beside an effective reduction against the equianalgesic)
REDUCED_TARGET = "the reduced target"
LOSS_BASIS = f"from {REDUCED_TARGET}"

#: the words of a stated reduction's nearest amount, and of its rule (the caution, the no-dose
#: reason and the measured solution's reason say them alike)
NEAREST_NOT_ABOVE = "the nearest amount that can be given not above its target is"
NEVER_ABOVE_STATED = "the plan never rounds above a stated target"

#: the one rule of what is measured, in the words every reason says it with
MEASURED_FORMS = "only an oral solution or an injection is measured to the dose"

#: a form this program's catalogue holds no strength of, said as the program's gap, never as the
#: market's (pharmacist review 18, L3: codeine tablets are standard, though none is held here)
NOT_HELD = "this program holds no strengths"
FROM_YOUR_FORMULARY = "choose the dose from your formulary"


def not_held(name: str) -> str:
    """'this program holds no strengths of codeine oral (a gap in its catalogue, not in the
    market)': every reason that finds no strength of a form says it so."""
    return f"{NOT_HELD} of {name} (a gap in its catalogue, not in the market)"


def says_not_held(reason: str | None) -> bool:
    """The no-dose reason is the program's catalogue gap (``not_held``'s words open it): its
    words and its citation say that gap, not a rounding rule (re-check 18b, L5)."""
    return reason is not None and reason.lower().startswith(NOT_HELD)


def describe_options(choice: RoundingChoice, equianalgesic: float, unit: str) -> str:
    """'12.5 mcg/h (58% below the equianalgesic amount) or 25 mcg/h (17%)'."""
    parts = []
    for option in (choice.below, choice.above):
        if option is None:
            continue
        cut = effective_reduction(equianalgesic, option.total)
        parts.append(f"{format_number(option.total)} {unit} ({effective_words(cut)})")
    return " or ".join(parts)


def effective_words(cut: float) -> str:
    """'an effective reduction of 6.25%', or for an amount above the equianalgesic dose
    '1.56% above the equianalgesic dose' — never a negative reduction (pharmacist review 5,
    wording item 2: "an effective reduction of -1.56%")."""
    if cut < -_EPS:
        return f"{format_percent(-cut)} above the equianalgesic dose"
    return f"an effective reduction of {format_percent(cut)}"


def _up_percent(target: float, rounded: float) -> float:
    return tidy((rounded - target) / target * 100) if target > 0 else 0.0


def rounded_up(target: float, rounded: float) -> bool:
    """The amount given lies above the amount it was rounded from as printed (``as_printed``:
    10 mg q12h for 19.997 mg/day, printed "20 mg/day", is no rounding up)."""
    return _up_percent(target, rounded) > 1e-6 and not not_above_as_printed(rounded, target)


def rounding_change(
    target: float,
    rounded: float,
    figure: Callable[[float], str],
    basis: str = REDUCED_TARGET,
) -> str:
    """'rounding loss 23.8% from the reduced target', or, for an amount rounded above it, 'rounded
    up 42.9% above the reduced target' (pharmacist re-check 20b, L-1: a dose rounded up 43%,
    wiping out the whole reduction, read "rounding loss 0%"); an amount that is the target as
    printed has lost nothing: 'rounding loss 0%'. Every rounding is said by this."""
    if rounded_up(target, rounded):
        return f"rounded up {figure(_up_percent(target, rounded))}% above {basis}"
    loss = tidy(max(0.0, (target - rounded) / target * 100)) if target > 0 else 0.0
    return f"rounding loss {figure(loss)}% from {basis}"
