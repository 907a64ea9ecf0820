"""Frozen models of the software sanity bounds on the patient's measurements
(``patient_plausibility``): not clinical thresholds, the range of physiological values beyond
which an entry is a unit or typing slip (``domain/patient_rules/bounds.py`` refuses it)."""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator

from mps_pain.tables.schema_types import Cited as _Cited
from mps_pain.tables.schema_types import Frozen as _Frozen
from mps_pain.tables.schema_types import NonNegativeNumber, PositiveNumber, check_order

__all__ = ["AgeCaution", "PatientBound", "PatientBounds"]


class PatientBound(_Cited):
    """A measurement outside ``refuse_below``–``refuse_above`` (in ``unit``) is refused."""

    refuse_above: PositiveNumber
    refuse_below: NonNegativeNumber = 0
    unit: Literal["mL/min", "ms", "kg"]

    @model_validator(mode="after")
    def _ordered(self) -> PatientBound:
        check_order(self.refuse_below, self.refuse_above, "refuse_below", "refuse_above")
        return self


class PatientBounds(_Frozen):
    """One bound per measured field of the patient."""

    egfr: PatientBound
    creatinine_clearance: PatientBound
    qtc: PatientBound
    weight: PatientBound  # fuzz review 11 #4: "700 kg", "100000 lb" were accepted


class AgeCaution(_Cited):
    """A caution stated for a patient aged ``age_at_least_years`` or more (``elderly_caution``):
    the source's own wording in ``message``; it changes no dose. ``message_frail`` is said of a
    patient already marked frail, in place of advice to mark them frail (review 20, L6)."""

    age_at_least_years: PositiveNumber
    message: str
    message_frail: str | None = None
