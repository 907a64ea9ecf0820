"""The known error patterns: codes and their one-sentence explanations (issue #9 §2)."""

from __future__ import annotations

__all__ = ["PATTERNS", "PATTERN_CODES", "PATTERN_TITLES", "pattern_title"]

PATTERNS: dict[str, str] = {
    "prn-omitted": (
        "You left out the as-needed (PRN) doses actually taken: they are part of the daily "
        "opioid load unless the exercise says to exclude them."
    ),
    "prn-counted-wrongly": (
        "The as-needed doses are counted wrongly: count each dose actually taken in 24 h "
        "(dose × doses taken), and only when the exercise's PRN policy includes them."
    ),
    "ratio-inverted": (
        "The conversion ratio is inverted: multiply the daily dose by the factor to get oral "
        "morphine, and divide the oral morphine total by the target's factor to get the target."
    ),
    "reduction-twice": (
        "The cross-tolerance reduction was applied twice: reduce the equianalgesic dose once, "
        "then round down."
    ),
    "reduction-missing": (
        "The cross-tolerance reduction is missing: between different opioids (or from a patch) "
        "the equianalgesic dose is reduced before rounding."
    ),
    "reduction-on-same-drug": (
        "No cross-tolerance reduction applies to the same drug by another route: only the route "
        "ratio carries the conversion."
    ),
    "unit-slip-1000": (
        "A 1000-fold slip between micrograms and milligrams: check the unit of every number "
        "(fentanyl is dosed in mcg, most opioids in mg)."
    ),
    "per-dose-vs-per-day": (
        "A per-dose amount was used as a daily amount, or the reverse: multiply a dose by the "
        "doses per day (or a rate by 24 h) before converting, and divide back for a dose."
    ),
    "rounded-up": (
        "The dose was rounded up: round down to what exists, so that the dose is never above the "
        "reduced target."
    ),
    "breakthrough-fraction": (
        "The breakthrough fraction is wrong: it is the table's fraction of the NEW total daily "
        "dose per dose (see the worked answer)."
    ),
    "wrong-table-row": (
        "The factor comes from another set or another route: use the row of the exercise's set "
        "for this drug and route."
    ),
    "renal-ignored": (
        "Renal function was ignored: with this eGFR the table's renal warning applies to the "
        "drugs in this switch and must be raised."
    ),
}
PATTERN_CODES: tuple[str, ...] = tuple(PATTERNS)
# What a screen shows for a pattern (a chart bar, a list), never its code.
PATTERN_TITLES: dict[str, str] = {
    "prn-omitted": "As-needed doses left out",
    "prn-counted-wrongly": "As-needed doses counted wrongly",
    "ratio-inverted": "Ratio inverted",
    "reduction-twice": "Reduction applied twice",
    "reduction-missing": "Reduction missing",
    "reduction-on-same-drug": "Reduction on the same drug",
    "unit-slip-1000": "mcg/mg slip (1000-fold)",
    "per-dose-vs-per-day": "Per dose and per day mixed up",
    "rounded-up": "Rounded up",
    "breakthrough-fraction": "Breakthrough fraction wrong",
    "wrong-table-row": "Factor from the wrong row",
    "renal-ignored": "Kidney function ignored",
    "order-above-maximum": "Order above the maximum daily dose",  # answer_order (21b, N-1)
}


def pattern_title(code: str) -> str:
    """What a screen shows for a pattern, never its code."""
    return PATTERN_TITLES.get(code, "Other error")
