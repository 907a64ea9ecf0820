"""The plan's JSON record (``rotate --json``): the record as computed, except where it would
say what the text does not (pharmacist review 9, D-C; fuzz review 9, #4).

- A plan with **no dose** carries no amount to copy: ``target_daily_dose``,
  ``equianalgesic_daily_dose``, ``band_dose`` and the staged ``first_part`` are null, the
  spread rows and the methadone methods have no amounts, and ``steps`` are the text's (the
  working towards a dose is not shown; ``no_dose.shown_steps``). Only the current regimen's own
  amounts remain. (The Morley-Makin NO DOSE plan used to carry ``target_daily_dose`` 12 mg, its
  per-dose arithmetic in a daily key.) The app's records keep the plan as computed.
- A current regimen holding **methadone** (valued only by a cohort median) has no summed total:
  ``ome_per_day``/``ome_low``/``ome_high`` null and ``ome_not_summed`` with the other lines' OME
  (``current_total``; clinician review 14 #5).
- The **texts a person reads** (``schedule``, ``steps``, ``monitoring``, each warning's
  ``message`` and ``source``) are the view's (``plan_view``), in the words the text, the app and
  the PDFs print: citations in plain words, sets by name (pharmacist re-check 15b, #11: the JSON
  schedule said "Dannyb685 tool [CODE]").
- **Every other text** (the rescue's note and source, the reduction's reason and source, the
  current lines' sources and workings, the methadone methods' notes and sources, the citations)
  is said in the same words (``json_words.worded_record`` with ``set_names.named``); the machine
  fields (codes, ids, units, the current lines' ``row`` in the tables) keep their values.
- A **fill-in rescue line** (no source gives a rescue: ``breakthrough.to_agree``) names no drug,
  route or form: methadone is not the rescue. ``fill_in`` is true there (false otherwise).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.presentation.current_total import not_summed_record
from mps_pain.presentation.json_words import worded_record
from mps_pain.presentation.no_dose import (
    NO_DOSE_SPREAD,
    proposes_no_dose,
    without_amount,
)
from mps_pain.presentation.rotation import PlanView, plan_view
from mps_pain.presentation.set_names import named

__all__ = ["plan_record"]

#: the amounts of a spread row (one set's working towards the dose)
_SPREAD_AMOUNTS = ("target_daily_dose", "equianalgesic", "rounded", "rounded_daily_dose")
_PLAN_AMOUNTS = ("target_daily_dose", "equianalgesic_daily_dose", "band_dose", "first_part")


def _worded(payload: dict[str, Any], view: PlanView) -> dict[str, Any]:
    """The texts a person reads, as every other view words them (``plan_view``: citations in
    plain words, sets by name; pharmacist re-check 15b, #11: the schedule said "Dannyb685 tool
    [CODE]" where the text said "an open-source opioid calculator")."""
    return {
        "schedule": [{"when": fact.label, "action": fact.value} for fact in view.schedule],
        "steps": list(view.steps),  # a plan with no dose: the text's steps (``shown_steps``)
        "monitoring": list(view.monitoring),
        "warnings": [
            record | {"message": shown.message, "source": shown.citation}
            for record, shown in zip(payload["warnings"], view.warnings, strict=True)
        ],
    }


def plan_record(plan: RotationPlan) -> dict[str, Any]:
    """The plan as JSON data, as the text says it."""
    payload: dict[str, Any] = worded_record(_record(plan), partial(named, plan))
    return payload


def _record(plan: RotationPlan) -> dict[str, Any]:
    payload = not_summed_record(plan, plan.model_dump(mode="json"))
    payload |= _worded(payload, plan_view(plan))
    rescue = plan.breakthrough
    if rescue is not None and payload["breakthrough"] is not None:
        unsourced = bool(rescue.to_agree) and rescue.dose is None
        named = {"drug": None, "route": None, "form": None} if unsourced else {}
        payload["breakthrough"] |= {**named, "fill_in": unsourced}
    if not proposes_no_dose(plan):
        return payload
    payload |= dict.fromkeys(_PLAN_AMOUNTS)
    payload["interval_alternative"] = None
    payload["spread"] = [
        {**row, **dict.fromkeys(_SPREAD_AMOUNTS), "note": NO_DOSE_SPREAD}
        for row in payload["spread"]
    ]
    payload["methadone_options"] = [  # the method's cap is an amount too (the text shows none)
        without_amount(option).model_dump(mode="json") | {"cap": None}
        for option in plan.methadone_options
    ]
    return payload
