"""The check of a trainee's order, independently of practice's grader (session 20, pharmacist
re-check 21b N-1): a regimen written with its breakthrough dose above the drug's cited maximum
is the maximum rule's danger in ``check`` too."""

from __future__ import annotations

from mps_pain.domain.frequency import parse_frequency
from mps_pain.practice.key import SwitchKey
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.index import TableIndex


def assert_check_calls_it_a_danger(
    tables: TableIndex, key: SwitchKey, dose: float, frequency: str
) -> None:
    plan = key.plan
    assert plan.breakthrough is not None and plan.breakthrough.dose is not None
    regimen = plan.regimen.model_dump(mode="json", exclude_none=True)
    regimen = {k: v for k, v in regimen.items() if k not in ("daily_dose", "doses_per_day")}
    # the same daily total at the plan's own interval: the maximum rule reads the day's amount,
    # and a proposal at an interval its form is not given at is refused before it is judged
    asked = parse_frequency(plan.regimen.frequency or "")
    total = dose * parse_frequency(frequency).doses_per_day
    regimen |= {"dose": f"{total / asked.doses_per_day:.6g} mg"}
    bt, bt_dose = plan.breakthrough, plan.breakthrough.dose
    rescue = {"drug": bt.drug, "route": bt.route, "dose": bt_dose.model_dump(mode="json"),
              "prn": True, "doses_per_day": 0} | ({"form": bt.form} if bt.form else {})  # fmt: skip
    request = key.request.model_dump(mode="json", by_alias=True, exclude_none=True)
    request = {k: v for k, v in request.items() if k not in ("to", "reduction")}
    result = check_proposal(request | {"proposed": {"items": [regimen, rescue]}}, tables=tables)
    assert any(w.severity == "danger" and "maximum" in w.message for w in result.warnings), result
