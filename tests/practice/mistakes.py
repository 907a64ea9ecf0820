"""Wrong answers built the way a trainee makes them, for the diagnosis tests.

Each builder takes the engine's own answer (a dict of the answer document) and the answer key,
and returns the answers with ONE key changed by the mistake, or None when the mistake does not
apply to the exercise (no PRN taken, no reduction to repeat, …). The arithmetic is the trainee's
(multiply instead of divide, ×1000, the dose instead of the daily total); where a mistake feeds
later steps, the planner is asked the question with the mistaken input, as the trainee would
carry it forward.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mps_pain.practice.expected import regimen_target
from mps_pain.practice.key import MmeKey, SwitchKey
from mps_pain.services.mme_service import calculate_mme

Answers = dict[str, Any]
Builder = Callable[[MmeKey | SwitchKey, Answers], Answers | None]


def _q(value: float, unit: str) -> dict[str, Any]:
    return {"value": value, "unit": unit}


def _items(key: MmeKey | SwitchKey) -> list[dict[str, Any]]:
    if isinstance(key, MmeKey):
        assert key.exercise.regimen is not None
        return [i.model_dump(mode="json", exclude_none=True) for i in key.exercise.regimen.items]
    return [i.model_dump(mode="json", exclude_none=True) for i in key.request.from_.items]


def _ome_with(key: MmeKey | SwitchKey, items: list[dict[str, Any]], prn: str) -> float:
    """The trainee's total: the same items, summed under the exercise's set."""
    doc = {"table": key.exercise.table, "items": items, "prn": prn}
    return calculate_mme(doc, tables=key.tables).total_mme_per_day


def prn_omitted(key: MmeKey | SwitchKey, answers: Answers) -> Answers | None:
    items = _items(key)
    taken = [i for i in items if i.get("prn") and i.get("doses_per_day", 0) > 0]
    policy = key.result.prn if isinstance(key, MmeKey) else key.plan.prn
    if not taken or policy != "include":
        return None
    kept = [i for i in items if not i.get("prn")]
    if not kept:
        return None
    return {**answers, "ome_per_day": _q(_ome_with(key, kept, "include"), "mg/day")}


def prn_counted_wrongly(key: MmeKey | SwitchKey, answers: Answers) -> Answers | None:
    items = _items(key)
    policy = key.result.prn if isinstance(key, MmeKey) else key.plan.prn
    prn = [i for i in items if i.get("prn")]
    if not prn:
        return None
    if policy == "exclude":
        if not any(i.get("doses_per_day", 0) > 0 for i in prn):
            return None
        return {**answers, "ome_per_day": _q(_ome_with(key, items, "include"), "mg/day")}
    once = [{**i, "doses_per_day": 1} if i.get("prn") else i for i in items]
    if once == items:
        return None
    return {**answers, "ome_per_day": _q(_ome_with(key, once, "include"), "mg/day")}


def ratio_inverted(key: MmeKey | SwitchKey, answers: Answers) -> Answers | None:
    if isinstance(key, SwitchKey) and not key.is_methadone:
        eq = key.plan.equianalgesic_daily_dose
        factor = key.plan.ome_per_day / eq.value  # the target row's factor
        return {**answers, "equianalgesic_daily_dose": _q(key.plan.ome_per_day * factor, eq.unit)}
    lines = key.result.items if isinstance(key, MmeKey) else key.plan.current
    wrong = sum(
        line.dose_basis.value / line.factor
        for line in lines
        if line.counted and line.factor and line.dose_basis
    )
    return {**answers, "ome_per_day": _q(wrong, "mg/day")}


def reduction_twice(key: MmeKey | SwitchKey, answers: Answers) -> Answers | None:
    if not isinstance(key, SwitchKey) or key.is_methadone or key.plan.reduction <= 0:
        return None
    plan = key.plan
    twice = plan.target_daily_dose.value * (1 - plan.reduction)
    return {**answers, "target_daily_dose": _q(twice, plan.target_daily_dose.unit)}


def reduction_missing(key: MmeKey | SwitchKey, answers: Answers) -> Answers | None:
    if not isinstance(key, SwitchKey) or key.is_methadone or key.reduction_low <= 0:
        return None
    eq = key.plan.equianalgesic_daily_dose
    return {**answers, "target_daily_dose": _q(eq.value, eq.unit)}


def reduction_on_same_drug(key: MmeKey | SwitchKey, answers: Answers) -> Answers | None:
    if not isinstance(key, SwitchKey) or key.case != "same_drug":
        return None
    return {**answers, "reduction": "25%"}


def unit_slip_1000(key: MmeKey | SwitchKey, answers: Answers) -> Answers | None:
    if isinstance(key, MmeKey):
        return {**answers, "ome_per_day": _q(key.result.total_mme_per_day * 1000, "mg/day")}
    target = key.plan.target_daily_dose
    # the trainee writes the number of micrograms with the unit mg (or the reverse)
    slipped = "mg/h" if target.unit == "mcg/h" else target.unit.replace("mg", "mcg", 1)
    if slipped == target.unit:
        slipped = target.unit.replace("mcg", "mg", 1)
    return {**answers, "target_daily_dose": _q(target.value, slipped)}


def per_dose_vs_per_day(key: MmeKey | SwitchKey, answers: Answers) -> Answers | None:
    if not isinstance(key, SwitchKey):
        return None
    target = regimen_target(key)
    if target.kind == "rate" and key.plan.regimen.route == "transdermal":
        return None
    regimen = answers["regimen"]
    if target.kind == "dose":
        daily = key.plan.regimen.daily_dose
        if daily is None or target.doses_per_day == 1:
            return None
        wrong = {"dose": _q(daily.value, target.unit), "frequency": target.frequency}
    else:
        rate = regimen["rate"]
        wrong = {"rate": _q(rate["value"] * 24, rate["unit"])}
    return {**answers, "regimen": wrong}


def rounded_up(key: MmeKey | SwitchKey, answers: Answers) -> Answers | None:
    if not isinstance(key, SwitchKey) or key.is_methadone:
        return None
    target = regimen_target(key)
    if target.kind != "dose":
        return None
    units = key.plan.regimen.dose_units or []
    smallest = min((u.value for u in units), default=None)
    if smallest is None:
        return None
    # the trainee rounds the unrounded dose UP by adding a unit
    up = target.value + smallest
    if up <= target.upper_unrounded * 1.05 or up > target.upper_unrounded * 1.45:
        return None
    return {**answers, "regimen": {"dose": _q(up, target.unit), "frequency": target.frequency}}


def breakthrough_fraction(key: MmeKey | SwitchKey, answers: Answers) -> Answers | None:
    if not isinstance(key, SwitchKey) or key.plan.breakthrough is None:
        return None
    bt = key.plan.breakthrough
    if bt.dose is None or bt.high is None:
        return None
    # the trainee takes a third of the daily dose instead of a sixth
    return {**answers, "breakthrough_dose": _q(bt.high.value * 2, bt.dose.unit)}


def wrong_table_row(key: MmeKey | SwitchKey, answers: Answers) -> Answers | None:
    if isinstance(key, MmeKey):
        own = key.result.total_mme_per_day
        others = [
            s.total_mme_per_day
            for s in key.result.spread
            if s.total_mme_per_day is not None and abs(s.total_mme_per_day - own) > 0.05 * own
        ]
        return {**answers, "ome_per_day": _q(others[0], "mg/day")} if others else None
    own = key.plan.ome_per_day
    rows = [
        r.ome_per_day
        for r in key.plan.spread
        if r.ome_per_day is not None
        and abs(r.ome_per_day - own) > 0.05 * own
        and not (key.plan.ome_low * 0.98 <= r.ome_per_day <= key.plan.ome_high * 1.02)
    ]
    return {**answers, "ome_per_day": _q(rows[0], "mg/day")} if rows else None


def renal_ignored(key: MmeKey | SwitchKey, answers: Answers) -> Answers | None:
    if not isinstance(key, SwitchKey) or "warnings" not in answers:
        return None
    kept = [c for c in answers["warnings"] if "renal" not in c]
    return {**answers, "warnings": kept} if kept != answers["warnings"] else None


BUILDERS: dict[str, Builder] = {
    "prn-omitted": prn_omitted,
    "prn-counted-wrongly": prn_counted_wrongly,
    "ratio-inverted": ratio_inverted,
    "reduction-twice": reduction_twice,
    "reduction-missing": reduction_missing,
    "reduction-on-same-drug": reduction_on_same_drug,
    "unit-slip-1000": unit_slip_1000,
    "per-dose-vs-per-day": per_dose_vs_per_day,
    "rounded-up": rounded_up,
    "breakthrough-fraction": breakthrough_fraction,
    "wrong-table-row": wrong_table_row,
    "renal-ignored": renal_ignored,
}
