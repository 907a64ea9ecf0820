"""The pharmacist check's frozen result (``mps-pain check --json``): the verdict on the
amount, the expected range it was judged against, and the flags the headline reads first."""

from __future__ import annotations

from typing import Any, Literal, get_args

from pydantic import Field, ValidationInfo, model_validator

from mps_pain.domain.results import ClinicalWarning
from mps_pain.domain.rotation.models import (
    MARKET_ASKED,
    FrozenResult,
    PatchLabelReading,
    SwitchKind,
)
from mps_pain.tables.index import TableRef
from mps_pain.tables.schema import ReferenceSet

__all__ = ["SAVED", "CheckResult", "DoseStep", "ProposedAmount", "RangeMeasure", "RescueAbove"]

#: What a check's amounts and expected range measure, set where the range is built and read by
#: every rule (never the printed ``unit``: "units are values, never strings"):
#: ``ome_a_day`` OME a day under the set (its label is ``ome_label``); ``drug_a_day`` one drug's
#: own daily amount (a route ratio, one line's dose change, a drug beside methadone, a methadone
#: method); ``patch_rate`` a patch's rate; ``per_dose`` an as-needed dose (methadone per dose).
RangeMeasure = Literal["ome_a_day", "drug_a_day", "patch_rate", "per_dose"]

#: the validation context of a result read back from a record (``CheckResult.saved``)
SAVED = "saved"
_LABELS = frozenset(get_args(ReferenceSet.model_fields["output_label"].annotation))


class DoseStep(FrozenResult):
    """A dose change's step beyond the check's step range upward (``dose-step-above-range``):
    ``subject`` the line's drug ("oxycodone oral ER") or, for a summed increase, the set's label;
    amounts in mg/day of that subject (clinician re-check 12b, #7b: say which amount a % is of)."""

    subject: str
    now: float
    new: float
    total: bool = False  # the summed increase of every line, not one line
    unit: str = "mg/day"  # of ``now`` and ``new``: a patch's mcg/h (pharmacist re-check 13b, #6)


class ProposedAmount(FrozenResult):
    """One proposed drug by one route, its own daily amount (``CheckResult.proposed_amounts``)."""

    drug: str
    route: str
    mg_per_day: float = Field(
        description="The drug's daily amount by this route, mg/day (a patch's too: 25 mcg/h is "
        "0.6 mg/day; the text says a patch in mcg/h)."
    )


class RescueAbove(FrozenResult):
    """A proposed as-needed dose above the top of its breakthrough rule (clinician review 20,
    N1): ``index`` its row in 'proposed'; mg per dose of its drug by its route: the dose, the
    rule's range and the planner's rounded dose; ``times`` the dose over the range's top;
    ``danger``: more than the program's own multiple of the top (``above_danger``)."""

    index: int
    drug: str
    route: str
    dose_mg: float
    low_mg: float
    high_mg: float
    planner_mg: float | None
    regular_mg_per_day: float = Field(description="The regular dose as this drug and route.")
    fractions: str = Field(
        description="The rule's share of it, as written: '1/10–1/6', or 'the 1-hour amount' "
        "(a fentanyl rescue beside an infusion under jspm-2010)."
    )
    times: float
    danger: bool
    danger_top_mg: float = Field(
        description="The top the danger multiple is read against: the 1/10–1/6 rule's, which is "
        "high_mg except beside a 1-hour bolus (more than twice 1/6 of the 24-h dose)."
    )
    sized: bool = Field(
        default=True,
        description="False for a rescue no source of the set sizes (fentanyl outside a JSPM "
        "infusion's bolus): judged only by this program's danger ceiling, more than the danger "
        "multiple times danger_top_mg (1/6 of the whole regular 24-h dose); high_mg is that top.",
    )


class CheckResult(FrozenResult):
    verdict: Literal["within", "below", "not_reduced", "above", "dose_change", "rescue_above"]
    table: TableRef
    market: str | None = Field(default=None, description=MARKET_ASKED)
    current_ome_per_day: float | None = Field(
        description="The current regimen's OME, mg/day of ``ome_label``; null where the current "
        "regimen holds methadone (``no_ome_reason``)."
    )
    current_ome_low: float | None
    current_ome_high: float | None
    proposed_ome_per_day: float
    measure: RangeMeasure = Field(
        description="What ``proposed_ome_per_day``, the expected range and "
        "``dose_change_from`` measure: OME a day under the set (``ome_a_day``), one drug's own "
        "daily amount (``drug_a_day``), a patch's rate (``patch_rate``) or an as-needed dose "
        "(``per_dose``); ``unit`` is how it is said."
    )
    unit: str
    expected_low: float | None = Field(
        description="The expected range's ends in ``unit``; null for a dose change, which is not "
        "checked against a range (``dose_change_from``; pharmacist re-check 13b, #3)."
    )
    expected_high: float | None
    reduction_low: float
    reduction_high: float
    switch_kind: SwitchKind
    reasons: list[str]
    warnings: list[ClinicalWarning]
    no_ome_reason: str | None = Field(
        default=None,
        description="Why ``current_ome_per_day`` is null: methadone has no reliable OME to sum or "
        "to judge a change by (pharmacist re-check 13b, #3: 292.5 mg/day OME was methadone "
        "summed at the cohort-median from-methadone ratio).",
    )
    dose_change_from: float | None = Field(
        default=None,
        description="A dose change's current daily amount in ``unit``, what the change is from "
        "(no range is checked: ``expected_low``/``expected_high`` are null).",
    )
    not_summed: bool = Field(
        default=False,
        description="The proposed drugs are not summed (beside methadone): "
        "``proposed_ome_per_day`` is methadone's own amount and the headline names each of "
        "``proposed_amounts``.",
    )
    avoid: bool = Field(
        default=False,
        description="The patient-factor rules say to avoid a proposed opioid (a danger "
        "'proposal-avoided' warning): the headline says AVOID before the amount's verdict.",
    )
    above_maximum: bool = Field(
        default=False,
        description="A proposed regular daily dose is above the drug's cited maximum daily dose "
        "(a danger 'max-daily-dose' warning): the headline says ABOVE MAXIMUM before the "
        "amount's verdict, which judges only the equianalgesic range.",
    )
    not_signable: bool = Field(
        default=False,
        description="The methadone order is not signable as written whatever its amount (a "
        "danger 'methadone-interval', 'methadone-prn-open-ended' or 'breakthrough-no-source'): "
        "the headline says NOT SIGNABLE before the amount's verdict, which judges only the "
        "amount (pharmacist review 9, F1).",
    )
    current_left_out: tuple[int, ...] = Field(
        default=(),
        description="The current regimen's as-needed opioid lines (their indexes in 'from') "
        "that ``current_ome_per_day`` leaves out under the as-needed policy 'exclude': the "
        "orders list marks each.",
    )
    proposed_rescues: tuple[int, ...] = Field(
        default=(),
        description="The proposal's breakthrough orders (their indexes in 'proposed'): "
        "as-needed opioid lines beside a regular opioid, not summed into "
        "``proposed_ome_per_day`` (an order up to its maximum, not an intake) and judged by the "
        "breakthrough rule; the orders list marks each.",
    )
    proposed_line_ome: tuple[tuple[int, float], ...] = Field(
        default=(),
        description="Each counted proposed line (its index in 'proposed') with its OME a day "
        "as ``proposed_ome_per_day`` sums it, where the verdict is an OME total (a line new "
        "in the proposal read as a target): the proposal's table shows these, so its rows add "
        "up to the total (clinician re-check 17b #4). Empty: the verdict is no OME total.",
    )
    rescues_above: tuple[RescueAbove, ...] = Field(
        default=(),
        description="Each proposed as-needed dose above the top of its breakthrough rule, "
        "whatever its count: the verdict is never 'within' beside one ('rescue_above' where the "
        "regular dose is within its range) and the headline names each (clinician review 20, N1).",
    )
    dose_steps: tuple[DoseStep, ...] = Field(
        default=(),
        description="Each step above the dose-change step range (the danger "
        "'dose-step-above-range'), by its subject's own mg/day: the headline names it.",
    )
    ome_label: str = Field(
        default="OME",
        description="The set's label for its oral morphine equivalent (OME, oMEDD): the unit of "
        "``current_ome_per_day``, mg/day of it.",
    )
    proposed_ome_beside: float | None = Field(
        default=None,
        description="The proposal's regular lines as OME a day under the set, where the verdict "
        "measures another unit (a patch's rate, one drug's daily amount): said beside it, so the "
        "current and proposed sides compare (clinician review 21, N7). Null where the verdict is "
        "an OME total, or a proposed line is methadone.",
    )
    proposed_amounts: tuple[ProposedAmount, ...] = Field(
        default=(),
        description="Every counted proposed drug and route by its own daily amount, methadone "
        "first, whatever the verdict (pharmacist re-check 13b, #3); where they are not summed "
        "(``not_summed``) the headline names each (pharmacist re-check 12b, #3).",
    )
    patch_label: PatchLabelReading | None = Field(
        default=None,
        description="A patch label's own reading of the proposed patch, the planner's "
        "(``RotationPlan.patch_label``; pharmacist review 10, D-B): its caution is among the "
        "warnings.",
    )
    patch_label_said: bool = Field(
        default=False,
        description="The label reads the proposed patch as less of a reduction than the set's "
        "factor does: the headline and a reason say the label's reading, in the plan's words.",
    )

    @model_validator(mode="before")
    @classmethod
    def _saved_before_not_summed(cls, data: Any) -> Any:
        """A result saved before ``not_summed``: its amounts were given only where not summed."""
        if isinstance(data, dict) and "not_summed" not in data and data.get("proposed_amounts"):
            return {**data, "not_summed": True}
        return data

    @model_validator(mode="before")
    @classmethod
    def _saved_before_measure(cls, data: Any, info: ValidationInfo) -> Any:
        """A result read back from a record saved before ``measure`` (``saved``) only: what its
        range measured was then said only by its ``unit``; a result computed now states it."""
        if not isinstance(data, dict) or "measure" in data or info.context != SAVED:
            return data
        return {**data, "measure": saved_measure(str(data.get("unit", "")))}

    @classmethod
    def saved(cls, outputs: Any) -> CheckResult:
        """A result read back from a saved check's outputs (one saved before ``measure`` too)."""
        return cls.model_validate(outputs, context=SAVED)


def saved_measure(unit: str) -> RangeMeasure:
    """What a range measured by its saved ``unit`` words, for a record saved before ``measure``
    (the words each range was said in then: "mg/day OME", "mcg/h fentanyl", "mg methadone per
    as-needed dose", "mg/day morphine sc")."""
    amount, _, whose = unit.partition(" ")
    if unit.endswith("per as-needed dose"):
        return "per_dose"
    if amount == "mcg/h":
        return "patch_rate"
    return "ome_a_day" if whose in _LABELS else "drug_a_day"
