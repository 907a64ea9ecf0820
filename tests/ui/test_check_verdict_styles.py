"""Every verdict the check's view can give has a style in the app's check panel: the view's
``not_signable`` (an open-ended as-needed methadone order, or a methadone order not signable as
written) had none, so ``VERDICT_STYLE[view.verdict]`` raised; ``not_reduced`` and ``dose_step``
are new (pharmacist review 8, N5; fuzz review 8, #3)."""

from __future__ import annotations

from typing import get_args

from mps_pain.domain.rotation.check_result import CheckResult
from mps_pain.presentation.check import check_view
from mps_pain.services.rotation_service import check_proposal
from ui.check.check_panel import VERDICT_STYLE

MORPHINE = {"drug": "morphine", "route": "oral", "daily_dose": "200 mg/day"}


def _view_verdict(proposed: dict[str, object]) -> str:
    document = {"from": {"items": [MORPHINE]}, "proposed": {"items": [proposed]}}
    return check_view(check_proposal({**document, "table": "jspm-2010"})).verdict


def test_every_view_verdict_has_a_style() -> None:
    amounts = set(get_args(CheckResult.model_fields["verdict"].annotation))
    made = {
        _view_verdict({"drug": "methadone", "route": "oral", "dose": "1 mg", "frequency": "q4h"}),
        _view_verdict({**MORPHINE, "daily_dose": "1000 mg/day"}),
    }
    assert made == {"not_signable", "dose_step"}
    missing = (amounts | made | {"avoid", "above_maximum"}) - set(VERDICT_STYLE)
    assert not missing, missing


def test_the_order_danger_verdict_has_a_style() -> None:
    """Pharmacist review 18, D1: a danger of the order no other headline names (an opioid with a
    benzodiazepine outside palliative care) heads the check as ``danger``, in the danger style."""
    diazepam = {"drug": "diazepam", "route": "oral", "dose": "5 mg", "frequency": "tid"}
    document = {"from": {"items": [MORPHINE]}, "proposed": {"items": [MORPHINE, diazepam]}}
    verdict = check_view(check_proposal({**document, "table": "jspm-2010"})).verdict
    assert verdict == "danger"
    assert VERDICT_STYLE[verdict] == VERDICT_STYLE["above"]
