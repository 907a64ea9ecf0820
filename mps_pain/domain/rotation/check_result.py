"""The pharmacist check's frozen result (``mps-pain check --json``): the verdict on the
amount, the expected range it was judged against, and the flags the headline reads first."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from mps_pain.domain.results import ClinicalWarning
from mps_pain.domain.rotation.models import FrozenResult, PatchLabelReading, SwitchKind
from mps_pain.tables.index import TableRef

__all__ = ["CheckResult", "DoseStep", "ProposedAmount"]


class DoseStep(FrozenResult):
    """A dose change's step beyond the check's step range upward (``dose-step-above-range``):
    ``subject`` the line's drug ("oxycodone oral ER") or, for a summed increase, the set's label;
    amounts in mg/day of that subject (clinician re-check 12b, #7b: say which amount a % is of)."""

    subject: str
    now: float
    new: float
    total: bool = False  # the summed increase of every line, not one line


class ProposedAmount(FrozenResult):
    """One proposed drug by one route, its own daily amount (``CheckResult.proposed_amounts``)."""

    drug: str
    route: str
    mg_per_day: float


class CheckResult(FrozenResult):
    verdict: Literal["within", "below", "not_reduced", "above", "dose_change"]
    table: TableRef
    current_ome_per_day: float
    current_ome_low: float
    current_ome_high: float
    proposed_ome_per_day: float
    unit: str
    expected_low: float
    expected_high: float
    reduction_low: float
    reduction_high: float
    switch_kind: SwitchKind
    reasons: list[str]
    warnings: list[ClinicalWarning]
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
    proposed_amounts: tuple[ProposedAmount, ...] = Field(
        default=(),
        description="Where the proposal's drugs are not summed (a line added beside methadone): "
        "every proposed drug and route by its own daily amount, methadone first; the headline "
        "names each (pharmacist re-check 12b, #3). Empty: ``proposed_ome_per_day`` is the whole.",
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
