"""The pharmacist check's frozen result (``mps-pain check --json``): the verdict on the
amount, the expected range it was judged against, and the flags the headline reads first."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from mps_pain.domain.results import ClinicalWarning
from mps_pain.domain.rotation.models import FrozenResult, SwitchKind
from mps_pain.tables.index import TableRef

__all__ = ["CheckResult"]


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
