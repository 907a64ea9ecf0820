"""A methadone answer graded against a band the program smoothed says so (pharmacist review 19,
L3).

60 oMEDD ÷ 4 (CCDHB "<90 → 4:1") × 0.75 = 11.25 mg/day, the published arithmetic, was marked
"Expected 8.438 (accepted 5.62–8.44)" with no reason: the expected answer rests on this program's
smoothing across a band edge (held down at 90 ÷ 8 = 11.25 mg/day before the reduction), which is
this program's rule, not the method's. One rule: a wrong target or regimen of a methadone plan
whose method's dose was held at a band edge (``MethadoneOption.held_at_edge``) names the
smoothing, its rule and its source; a target the method's own band gives, reduced within the
method's sourced range, is said to be that, and no error pattern is named for it.
"""

from __future__ import annotations

from mps_pain.domain.rotation.models import MethadoneOption
from mps_pain.numbers import format_percent_span
from mps_pain.practice.diagnose import close_to
from mps_pain.practice.key import MmeKey, SwitchKey
from mps_pain.practice.models import KeyGrade
from mps_pain.units import format_number

__all__ = ["band_smoothing"]

#: the steps that rest on the method's band value
_ON_THE_BAND = ("target_daily_dose", "regimen")


def _held(key: SwitchKey) -> MethadoneOption | None:
    """The plan's own method, when its dose was held at a band edge."""
    method = key.plan.methadone_method
    chosen = next((o for o in key.plan.methadone_options if o.method == method), None)
    ok = chosen is not None and chosen.held_at_edge and chosen.band_dose is not None
    return chosen if ok else None


def band_smoothing(
    key: MmeKey | SwitchKey, mark: KeyGrade, value: float, ome_accepted: bool = True
) -> KeyGrade:
    """``mark`` with the program's band smoothing named, where the expected answer rests on it
    and the answer was not accepted; unchanged otherwise. The method's own band is said to give
    the answer only from the exercise's OME: after a wrong OME (``ome_accepted`` False) a match
    is a coincidence of arithmetic, not the trainee's reading (pharmacist re-check 19b, L3:
    50 ÷ 4 × 0.75 = 9.375 was told it is CCDHB's own band, 15 mg/day, reduced 37.5%)."""
    if mark.correct or mark.key not in _ON_THE_BAND or not isinstance(key, SwitchKey):
        return mark
    chosen = _held(key)
    rules = key.tables.tables.rotation
    if chosen is None or chosen.band_dose is None or rules is None:
        return mark
    edge = rules.methadone.band_edge
    own, held = chosen.band_dose.value, key.plan.equianalgesic_daily_dose.value
    whose = f"{chosen.name}'" if chosen.name.endswith("s") else f"{chosen.name}'s"
    note = (
        f"The expected dose rests on this program's smoothing of the {chosen.name}: the band's own "
        f"{format_number(own)} mg/day before the reduction is held down at "
        f"{format_number(held)} mg/day ({edge.message}) [{key.tables.cite(edge.citation)}]."
    )
    low, high = key.reduction_low, key.reduction_high
    words = mark.explanation
    diagnosis = mark.diagnosis
    if (
        ome_accepted
        and mark.key == "target_daily_dose"
        and close_to(value, [(own * (1 - high), own * (1 - low))])
    ):
        span = format_percent_span(low, high)
        note = (
            f"It is {whose} own band, unsmoothed: {format_number(own)} mg/day, reduced within "
            f"the method's sourced {span}. {note}"
        )
        if diagnosis is not None:
            words = words.replace(f" {diagnosis.message}", "", 1)
        diagnosis = None
    return mark.model_copy(update={"diagnosis": diagnosis, "explanation": f"{words} {note}"})
