"""Where a patch band table gave a plan's dose: the band's sentence, in the set's own words
(the band is read at the set's total, said as the set says it: "150 mg/day oMEDD → 37.5
mcg/h"), and the effective reduction the band's own cut makes."""

from __future__ import annotations

from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.presentation.no_dose import proposes_no_dose
from mps_pain.presentation.wording import amount_text, cited, number, quantity
from mps_pain.tables.label_words import daily_words

__all__ = ["band_sentence", "effective_band_reduction"]


def band_sentence(plan: RotationPlan, *, cite: bool = True) -> str | None:
    """Where a patch band table gave the dose: the table, the band and the effective reduction
    from the equianalgesic dose (never "no reduction" for the band's own cut). ``cite=False``
    leaves the citation to the steps (the converter's one line shows it on hover)."""
    band = plan.band_dose
    if band is None or proposes_no_dose(plan):
        return None
    eq = plan.equianalgesic_daily_dose
    cut = plan.effective_reduction
    effect = (
        f", an effective reduction of {number(round(cut * 100, 1))}% from the equianalgesic "
        f"{quantity(eq.value, eq.unit)}"
        if cut is not None
        else ""
    )
    sentence = (
        f"the dose comes from the conservative band table {band.table}: "
        f"{number(band.ome_mg_per_day)} {daily_words(plan.ome_label)} → {amount_text(band.band)} "
        f"(given: {amount_text(plan.rounded_daily_dose or band.chosen)}){effect}"
    )
    return cited(sentence, band.citation) if cite else sentence


def effective_band_reduction(plan: RotationPlan) -> str | None:
    """'50%': the effective reduction from the equianalgesic dose where a band table gave the
    dose (the band's own cut; the band case's reduction on top of it is usually 0%), else None
    (clinician review 4, D8: "Reduction 0%" was shown beside a 50% effective reduction)."""
    cut = plan.effective_reduction
    if plan.band_dose is None or cut is None or proposes_no_dose(plan):
        return None
    return f"{number(round(cut * 100, 1))}%"
