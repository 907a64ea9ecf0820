"""Frozen models of what the tables say of a drug in kidney disease beside the renal dose bands
(``rotation.renal_preferred``, ``rotation.kidney_bands``; clinician review 20, N4).

A source that prefers or recommends a drug in kidney disease is held as that statement, in its
own words, with its citation: it gives no dose. The kidney bands name the band a value is in
(``"mildly to moderately decreased kidney function (CKD stage 3a, 45–59 mL/min)"``) and hold the
threshold under which a drug with nothing held for it is a caution rather than an info line.
The liver levels (``rotation.liver_levels``; pharmacist re-check 20b, M-2) hold the same for
hepatic impairment: the levels at which such a drug is a caution.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Annotated

from pydantic import Field, model_validator

from mps_pain.tables.schema_types import Citation, Identifier, PositiveNumber, Text
from mps_pain.tables.schema_types import Cited as _Cited
from mps_pain.tables.schema_types import Frozen as _Frozen
from mps_pain.tables.vocabulary import HepaticLevel

__all__ = ["KidneyBand", "KidneyBands", "LiverLevels", "RenalPreferred"]


class RenalPreferred(_Cited):
    """A source's statement that it prefers (or recommends) ``drugs`` in kidney disease."""

    drugs: Annotated[list[Identifier], Field(min_length=1)]
    message: Text


class KidneyBand(_Frozen):
    """A value under ``below_ml_per_min`` (and not under the band below) is said in ``words``."""

    below_ml_per_min: PositiveNumber
    words: Text


class KidneyBands(_Cited):
    """The bands from the lowest up; a drug with no kidney rule held is a caution under
    ``label_caution_below_ml_per_min`` (cited by ``label_caution_citation``), else an info."""

    bands: Annotated[list[KidneyBand], Field(min_length=1)]
    label_caution_below_ml_per_min: PositiveNumber
    label_caution_citation: Citation

    @model_validator(mode="after")
    def _rising(self) -> KidneyBands:
        for low, high in pairwise(self.bands):
            if high.below_ml_per_min <= low.below_ml_per_min:
                raise ValueError(
                    f"kidney bands must rise: {high.below_ml_per_min} follows "
                    f"{low.below_ml_per_min}"
                )
        return self

    def words_for(self, ml_per_min: float) -> str | None:
        """The words of the lowest band the value is under (None: above every band)."""
        return next((b.words for b in self.bands if ml_per_min < b.below_ml_per_min), None)


class LiverLevels(_Frozen):
    """A drug with no liver rule held is a caution at ``label_caution_levels`` (where labels
    advise against use; cited by ``label_caution_citation``), else an info line. At
    ``no_dose_levels`` (cited by ``no_dose_citation``; pharmacist review 21, M-2) an opioid with
    no liver rule held is a danger: the planner gives it no dose and ``check`` calls it one."""

    label_caution_levels: Annotated[list[HepaticLevel], Field(min_length=1)]
    label_caution_citation: Citation
    no_dose_levels: list[HepaticLevel] = []
    no_dose_citation: Citation | None = None

    @model_validator(mode="after")
    def _no_dose_cited(self) -> LiverLevels:
        if bool(self.no_dose_levels) != (self.no_dose_citation is not None):
            raise ValueError("no_dose_levels and no_dose_citation go together")
        if not set(self.no_dose_levels) <= set(self.label_caution_levels):
            raise ValueError("a no-dose level must be one of label_caution_levels")
        return self
