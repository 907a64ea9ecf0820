"""A plan with no dose and the reason (moved out of ``gate.py``, which decides when): the
regimen, the steps from ``cut_from``, the schedule, the spread and the methadone rows lose every
amount, the warnings and monitoring lines about the withheld dose are dropped; the reason is said
in their place (a methadone row may get a reason of its own,
``rows_reason``: pharmacist review 10, N-3)."""

from __future__ import annotations

from mps_pain.domain.results import ClinicalWarning, sort_warnings
from mps_pain.domain.rotation.breakthrough_alternative import ALTERNATIVE
from mps_pain.domain.rotation.methadone_method import is_titration_line
from mps_pain.domain.rotation.models import (
    PlannedRegimen,
    RotationPlan,
    ScheduleEntry,
    SpreadRow,
)
from mps_pain.domain.rotation.no_dose_cause import NoDoseCause, headline_words, no_dose_reason
from mps_pain.domain.rotation.planner_record import monitoring_line
from mps_pain.domain.rotation.rounding import MARKET_FALLBACK
from mps_pain.domain.rotation.rounding_notes import ROUNDING_CODES
from mps_pain.domain.rotation.schedule_current import co_medication_entries, kept_regimen

__all__ = ["withheld_row", "withhold", "withhold_plan"]

# a withheld dose's own notes, said of an amount nobody is to give (clinician review 15, #2: "the
# reduced dose of 14 mg … given as oral solution" on a NO DOSE plan): its rounding, how it is
# measured, whose strengths it used, its breakthrough dose and the other interval it proposed
_WITHHELD_WARNINGS = (
    *ROUNDING_CODES,
    "measured-as-liquid",
    MARKET_FALLBACK,
    ALTERNATIVE,
    "breakthrough-avoided",
    "breakthrough-no-source",
    "rounding-other-interval",
    "methadone-specialist",  # "the dose keeps rising for days": of a dose given (re-check 16)
)


def withhold_plan(
    plan: RotationPlan,
    reason: str,
    extra: list[ClinicalWarning],
    cause: NoDoseCause,
    *,
    cut_from: str = "4",
    keep_options: bool = False,
) -> RotationPlan:
    """The plan with no dose and the reason (``withhold``); ``cause``: what the reason is (the
    plan says "for this patient" only of a patient factor: ``no_dose_cause``); ``cut_from``: the
    first step dropped (a step that would show an amount no source supports); ``keep_options``:
    the other methadone methods stay beside it as the alternatives a prescriber can choose."""
    withheld = withhold(plan, reason, extra, cause, cut_from)
    if not keep_options:
        return withheld
    return withheld.model_copy(update={"methadone_options": plan.methadone_options})


def _steps_and_monitoring(
    plan: RotationPlan, reason: str, cut_from: str
) -> tuple[list[str], list[str]]:
    """The steps up to ``cut_from``, the reason, then step 8; the monitoring without a line about
    the withheld dose (pharmacist re-check 15b: "do not increase methadone more often than every
    7 days" on a plan that gives no methadone)."""
    cut = next(
        (i for i, s in enumerate(plan.steps) if s.lstrip().startswith(cut_from)), len(plan.steps)
    )
    monitoring = [line for line in plan.monitoring if not is_titration_line(line)]
    steps = [*plan.steps[:cut], f"{cut_from}. Not proposed — {reason}"]
    if any(s.startswith("8.") for s in plan.steps[cut:]):
        steps.append(monitoring_line(monitoring))
    return steps, monitoring


def withheld_row(row: SpreadRow, cause: NoDoseCause) -> SpreadRow:
    """A set's spread row on a withheld plan: its amount blanked with the plan's headline words.
    Every set's row is withheld, not only the plan's own: the gate's reasons (a patient factor,
    an amount outside clinical doses, a dose above the drug's maximum) are about the patient or
    the input, so another set's number from the same input is not offered either (a wrong
    number is worse than no number)."""
    if row.rounded is None:
        return row
    offered = ("rounded", "rounded_frequency", "rounded_daily_dose", "rounded_route")
    return row.model_copy(update={**dict.fromkeys(offered), "note": headline_words(cause)})


def withhold(
    plan: RotationPlan,
    reason: str,
    extra: list[ClinicalWarning],
    cause: NoDoseCause,
    cut_from: str = "4",
    rows_reason: str | None = None,
) -> RotationPlan:
    regimen = PlannedRegimen(
        drug=plan.regimen.drug,
        route=plan.regimen.route,
        form=plan.regimen.form,
        dose=None,
        frequency=None,
        rate=None,
        no_dose=no_dose_reason(cause, reason),
    )
    steps, monitoring = _steps_and_monitoring(plan, reason, cut_from)
    co_medications = co_medication_entries(plan.schedule)
    kept = kept_regimen(bool(co_medications))
    keep = ScheduleEntry(
        when="now",
        action=f"No dose of {plan.regimen.drug} is proposed: {reason} Keep {kept} "
        "until another opioid or route is chosen.",
    )
    return plan.model_copy(
        update={
            "regimen": regimen,
            "regimen_detail": regimen.detail,
            "rounded_daily_dose": None,
            "rounding_loss_percent": None,
            "breakthrough": None,
            "interval_alternative": None,  # no interval is proposed either
            "schedule": [keep, *co_medications],  # their maximum: continued_maximum
            "steps": steps,
            "monitoring": monitoring,
            "titration_interval_days": None,  # no methadone dose to increase
            "spread": [withheld_row(row, cause) for row in plan.spread],
            "methadone_options": [
                o.model_copy(
                    update={
                        "daily_dose": None,
                        "per_dose": None,
                        "band_dose": None,
                        "note": rows_reason or reason,
                    }
                )
                for o in plan.methadone_options
            ],
            "warnings": sort_warnings(
                [w for w in plan.warnings if w.code not in _WITHHELD_WARNINGS] + extra
            ),
        }
    )
