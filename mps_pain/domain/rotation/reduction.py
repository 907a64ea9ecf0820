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
from typing import TYPE_CHECKING

from mps_pain.domain.regimen import Patient
from mps_pain.domain.results import MmeLine
from mps_pain.domain.rotation.classify import FORM_CHANGE
from mps_pain.errors import InputError
from mps_pain.numbers import format_percent, format_percent_span
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.tables.schema_types import Fraction, ReductionCase, ReductionCaseId

if TYPE_CHECKING:
    from mps_pain.domain.rotation.classify import SwitchClass

__all__ = [
    "Reduction",
    "SharedCase",
    "choose_reduction",
    "find_case",
    "frail_values",
    "is_frail_or_elderly",
    "mixed_case",
    "patch_share",
    "reduction_bounds",
    "shares",
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


KEPT_UNCHANGED = "kept unchanged"


class SharedCase(ReductionCase):
    """A switch whose counted lines take different cases (``switch_case``): the share-weighted
    range and default, and the same for a frail patient, frailty applied on each share it is
    cited for (never to a share whose own case has no frail default)."""

    frail_default: Fraction
    frail_high: Fraction


#: one component of a shared switch: its words, its share of the counted OME, its own case
Share = tuple[str, float, ReductionCase]


def patch_share(lines: Sequence[MmeLine]) -> float:
    """The patch lines' share of the counted OME (0 without a patch)."""
    counted = [line for line in lines if line.counted and line.mme_per_day is not None]
    total = sum(line.mme_per_day or 0.0 for line in counted)
    patch = sum(line.mme_per_day or 0.0 for line in counted if line.route == "transdermal")
    return patch / total if total > 0 else 0.0


def frail_values(rules: RotationRules, case: ReductionCase) -> tuple[float, float]:
    """(default, high) of a case for a frail patient: the frail default where the case is cited
    for it; a shared case's own share-weighted values."""
    if isinstance(case, SharedCase):
        return case.frail_default, case.frail_high
    if case.id not in FRAIL_CASES:
        return case.default, case.high
    frail = rules.reduction.frail_or_elderly.default
    return max(case.default, frail), max(case.high, frail)


def _component(switch: SwitchClass, line: MmeLine) -> tuple[str, ReductionCaseId]:
    if line.index in switch.unchanged:  # kept identical: not switched (pharmacist review 13)
        return f"{line.drug} {line.route} {KEPT_UNCHANGED}", "same_drug"
    # a line with a cited conversion to the target (its own drug, a prodrug, a patch of it:
    # ``own_ratio``) keeps the same drug's case; another patch is the patch's share
    ratio = next((r for r in switch.own_ratios if r.index == line.index), None)
    if line.route == "transdermal" and switch.case_id == "from_patch" and ratio is None:
        return "the patch", "from_patch"
    if ratio is not None and line.drug != ratio.conversion.target[0]:
        return f"{line.drug} {line.route} (its cited ratio to {ratio.conversion.target[0]})", (
            "same_drug"
        )
    if ratio is not None or line.drug == switch.own_drug:
        return f"{line.drug} (the same drug)", "same_drug"
    if (line.index, line.drug) in switch.same_route:  # a dose change of it (re-check 16b, #3)
        return f"{line.drug} {line.route} (the same drug by the same route)", "same_drug"
    return "other", switch.other_case_id or switch.case_id or "different_opioid"


def shares(rules: RotationRules, switch: SwitchClass, lines: Sequence[MmeLine]) -> list[Share]:
    """Each component of a switch on its share of the counted OME: the patch lines (from a
    patch), the target's own drug and every line with a cited conversion to the target (the
    same drug's case), the other opioids (their own case switched alone). Components without
    OME are left out."""
    counted = [x for x in lines if x.counted and x.mme_per_day is not None]
    total = sum(x.mme_per_day or 0.0 for x in counted)
    if total <= 0:
        return []
    groups: dict[str, tuple[list[MmeLine], ReductionCaseId]] = {}
    for x in counted:
        key, case_id = _component(switch, x)
        groups.setdefault(key, ([], case_id))[0].append(x)
    found = []
    for key, (members, case_id) in groups.items():
        mme = sum(x.mme_per_day or 0.0 for x in members)
        label = (
            key if key != "other" else " + ".join(sorted({f"{x.drug} {x.route}" for x in members}))
        ) + _doses_counted(members)
        case = find_case(rules, case_id)
        if key.endswith(KEPT_UNCHANGED):  # nothing about it changes: the software's rule, cited
            kept = rules.reduction.kept_unchanged  # as such (pharmacist re-check 13b, #7)
            case = case.model_copy(update={"reason": kept.message, "citation": kept.citation})
        if mme > 0:
            found.append((label, mme / total, case))
    return found


def _doses_counted(members: Sequence[MmeLine]) -> str:
    """Which doses a component's share counts, where it counts as-needed ones (clinician
    re-check 19b, R11: "oxycodone oral: 57.9% of the OME" beside the first part's "42.1%" of
    the same oxycodone, the as-needed doses counted in one and not the other)."""
    kinds = {x.prn for x in members if (x.mme_per_day or 0.0) > 0}  # "0 taken" adds nothing
    if True not in kinds:
        return ""
    return " (as-needed doses)" if kinds == {True} else " (regular and as-needed doses)"


def mixed_case(
    tables: TableIndex,
    rules: RotationRules,
    base: ReductionCase,
    parts: Sequence[Share],
    label: str,
) -> SharedCase:
    """Lines switched together that take different cases (a patch with other opioids; the
    target's own drug with other opioids): each component keeps its own sourced range and
    default (and frail default) on its share of the OME, so the whole is their share-weighted
    mean. No source gives a rule for a mixed switch; this applies each cited case to what it
    was cited for (docs/rotation.md, "Mixed regimens")."""

    def mean(values: Sequence[float]) -> float:
        return round(sum(share * v for (_, share, _), v in zip(parts, values, strict=True)), 12)

    frail = [frail_values(rules, case) for _, _, case in parts]
    said = "; ".join(
        f"{part}: {format_percent(share)} of the {label} at "
        f"{format_percent_span(case.low, case.high)} ({case.reason} [{tables.cite(case.citation)}])"
        for part, share, case in parts
    )
    return SharedCase(
        **base.model_dump(exclude={"low", "high", "default", "reason"}),
        low=mean([c.low for _, _, c in parts]),
        high=mean([c.high for _, _, c in parts]),
        default=mean([c.default for _, _, c in parts]),
        reason=f"a mixed switch: {said}; each range applied to its share",
        frail_default=mean([d for d, _ in frail]),
        frail_high=mean([h for _, h in frail]),
    )


def switch_case(
    tables: TableIndex,
    rules: RotationRules,
    switch: SwitchClass,
    lines: Sequence[MmeLine],
    label: str,
) -> ReductionCase:
    """The reduction case of a switch (planner, check and a mixed switch's first part alike):
    the classified case, or where its counted lines take different cases (a patch with other
    opioids; the target's own drug with other opioids) the mixed case of their shares, said in
    the set's own ``label``."""
    assert switch.case_id is not None
    base = find_case(rules, switch.case_id)
    if switch.kind == "form_change":  # the same drug's case, said as what it is (fuzz 17b, N5)
        base = base.model_copy(update={"reason": FORM_CHANGE})
    parts = shares(rules, switch, lines) if switch.shared else []
    if len(parts) > 1:
        case: ReductionCase = mixed_case(tables, rules, base, parts, label)
    else:  # one component with OME: its own case
        case = parts[0][2] if parts else base
    return _borrowed(tables, rules, case, lines) if switch.case_id == "from_patch" else case


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
    high = frail_values(rules, case)[1] if is_frail_or_elderly(rules, patient) else case.high
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
    frail_default = frail_values(rules, case)[0]
    if is_frail_or_elderly(rules, patient) and frail_default > fraction:
        fraction = frail_default
        reason = f"the sourced default for this patient — {frail.reason}"
        if isinstance(case, SharedCase):
            reason += f", on each share it applies to ({case.reason})"
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
