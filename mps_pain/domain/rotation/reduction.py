"""Step 3: the cross-tolerance reduction — the user's value, or a sourced default with its reason.

Cases (``rotation.reduction.cases``): the same drug by another route, a different opioid, from a
patch, to a patch by a band table, from methadone. Frail patients (and elderly ones only where
the data names an age) get the larger ``frail_or_elderly`` default between different opioids.
With pain uncontrolled on the current opioid, the plan follows the cited formulary: no
cross-tolerance reduction (pharmacist review 7, D3).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mps_pain.domain.regimen import Patient
from mps_pain.domain.results import MmeLine
from mps_pain.errors import InputError
from mps_pain.numbers import format_percent, format_percent_span
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.tables.schema_types import ReductionCase, ReductionCaseId

__all__ = [
    "Reduction",
    "choose_reduction",
    "find_case",
    "is_frail_or_elderly",
    "mixed_case",
    "patch_share",
    "reduction_bounds",
    "switch_case",
]


#: the switches whose reduction a frail patient raises to the frail default; a patch read from a
#: band table is read at that reduced OME too (pharmacist review 5, D7: a frail 90-year-old on
#: 60 mg/day was given the 25 mcg/h band at 0%)
FRAIL_CASES = ("different_opioid", "from_patch", "to_patch_bands")


@dataclass(frozen=True)
class Reduction:
    fraction: float
    reason: str
    source: str | None
    case: ReductionCase | None


def find_case(rules: RotationRules, case_id: ReductionCaseId) -> ReductionCase:
    found = next((c for c in rules.reduction.cases if c.id == case_id), None)
    if found is None:
        return next(c for c in rules.reduction.cases if c.id == "different_opioid")
    return found


def patch_share(lines: Sequence[MmeLine]) -> float:
    """The patch lines' share of the counted OME (0 without a patch)."""
    counted = [line for line in lines if line.counted and line.mme_per_day is not None]
    total = sum(line.mme_per_day or 0.0 for line in counted)
    patch = sum(line.mme_per_day or 0.0 for line in counted if line.route == "transdermal")
    return patch / total if total > 0 else 0.0


def mixed_case(
    tables: TableIndex,
    rules: RotationRules,
    other_id: ReductionCaseId,
    lines: Sequence[MmeLine],
) -> ReductionCase:
    """A patch and other opioids switched together: each component keeps its own sourced range
    (and default) on its share of the OME, so the whole is their share-weighted mean. No source
    gives a rule for a mixed switch; this applies each cited case to what it was cited for
    (docs/rotation.md, "Mixed regimens")."""
    patch, other = find_case(rules, "from_patch"), find_case(rules, other_id)
    p = patch_share(lines)
    o = 1.0 - p
    others = sorted(
        {f"{x.drug} {x.route}" for x in lines if x.counted and x.route != "transdermal"}
    )

    def mean(a: float, b: float) -> float:
        return round(p * a + o * b, 12)

    reason = (
        f"a mixed switch: the patch's {format_percent(p)} of the OME at "
        f"{format_percent_span(patch.low, patch.high)} ({patch.reason}), "
        f"{' + '.join(others)}: {format_percent(o)} at "
        f"{format_percent_span(other.low, other.high)} ({other.reason} "
        f"[{tables.cite(other.citation)}]); each range applied to its share"
    )
    return patch.model_copy(
        update={
            "low": mean(patch.low, other.low),
            "high": mean(patch.high, other.high),
            "default": mean(patch.default, other.default),
            "reason": reason,
        }
    )


def switch_case(
    tables: TableIndex,
    rules: RotationRules,
    case_id: ReductionCaseId,
    other_id: ReductionCaseId | None,
    lines: Sequence[MmeLine],
) -> ReductionCase:
    """The reduction case of a switch (planner and check alike): the classified case, or for a
    patch with other opioids the mixed case of their shares."""
    if case_id != "from_patch":
        return find_case(rules, case_id)
    case = (
        find_case(rules, case_id)
        if other_id is None
        else mixed_case(tables, rules, other_id, lines)
    )
    return _borrowed(tables, rules, case, lines)


def _borrowed(
    tables: TableIndex, rules: RotationRules, case: ReductionCase, lines: Sequence[MmeLine]
) -> ReductionCase:
    """The from-patch reduction is cited for a fentanyl patch: from another patch the reason
    says so, never silently (pharmacist review 5b, N2: b24's buprenorphine plan)."""
    worn = {x.drug for x in lines if x.route == "transdermal" and x.counted}
    patches = rules.patches
    others = [p for d in sorted(worn) if (p := patches.other_patch(d)) is not None]
    if not others or patches.pitfalls_for in worn:
        return case
    said = others[0].borrowed_reduction
    reason = f"{case.reason} ({said.message}) [{tables.cite(said.citation)}]"
    return case.model_copy(update={"reason": reason})


def is_frail_or_elderly(rules: RotationRules, patient: Patient) -> bool:
    age_at_least = rules.reduction.frail_or_elderly.age_at_least_years
    by_age = age_at_least is not None and patient.age is not None and patient.age >= age_at_least
    return bool(patient.frail) or by_age


def reduction_bounds(
    rules: RotationRules,
    case: ReductionCase,
    patient: Patient,
    pain_controlled: bool | None = None,
) -> tuple[float, float]:
    """The sourced reduction range of a switch for this patient (planner, danger rule and check
    alike). With pain uncontrolled on the current opioid the range starts at no reduction (the
    Milton Keynes formulary: no cross-tolerance reduction then; pharmacist review 7, D3)."""
    high = case.high
    if case.id in FRAIL_CASES and is_frail_or_elderly(rules, patient):
        high = max(high, rules.reduction.frail_or_elderly.default)
    low = 0.0 if pain_controlled is False else case.low
    return low, high


def check_user_reduction(tables: TableIndex, rules: RotationRules, value: float) -> None:
    """Refuse a stated reduction outside the cited bounds, naming the bounds' source."""
    bounds = rules.reduction.user_bounds
    if not (bounds.low <= value <= bounds.high):
        raise InputError(
            f"reduction {format_percent(value)} is outside "
            f"{format_percent_span(bounds.low, bounds.high)} [{tables.cite(bounds.citation)}]",
            location="reduction",
        )


def choose_reduction(
    tables: TableIndex,
    rules: RotationRules,
    case: ReductionCase,
    *,
    user_value: float | None,
    patient: Patient,
    pain_controlled: bool | None,
) -> Reduction:
    """The user's value (checked against the bounds) or the case default, with the reason."""
    if user_value is not None:
        check_user_reduction(tables, rules, user_value)
        return Reduction(
            user_value,
            f"{format_percent(user_value)} as set by the user (suggested for this switch: "
            f"{format_percent_span(case.low, case.high)}, {case.reason})",
            tables.cite(case.citation),
            case,
        )
    fraction = case.default
    reason = f"the sourced default — {case.reason}"
    source = tables.cite(case.citation)
    frail = rules.reduction.frail_or_elderly
    frail_case = case.id in FRAIL_CASES
    if frail_case and is_frail_or_elderly(rules, patient) and frail.default > fraction:
        fraction = frail.default
        reason = f"the sourced default for this patient — {frail.reason}"
        source = tables.cite(frail.citation)
    low, _ = reduction_bounds(rules, case, patient, pain_controlled)
    if pain_controlled is False and fraction > low:
        fraction = low
        reason = (
            f"{format_percent(fraction)} instead of the usual "
            f"{format_percent_span(case.low, case.high)}, "
            f"because pain is uncontrolled: {rules.reduction.uncontrolled_pain.message}"
        )
        source = tables.cite(rules.reduction.uncontrolled_pain.citation)
    return Reduction(fraction, reason, source, case)
