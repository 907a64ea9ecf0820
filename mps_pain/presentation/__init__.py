"""The presentation layer: results turned into typed view records, once, for every renderer.

``mme_view(MmeResult)``, ``plan_view(RotationPlan)`` and ``check_view(CheckResult)`` build frozen
records of rows, sentences, severities (with their order and colour role) and citations. The
command line (``mps_pain_cli/render*.py``), the app's panels (``ui/``) and the printed plan
(``ui/printing/``) are thin renderers of these records: they lay the strings out, they never
format a number or word a sentence themselves. Qt-free; see docs/architecture.md.
"""

from mps_pain.presentation.mme import MmeRowView, MmeView, SpreadRowView, mme_view
from mps_pain.presentation.rotation import (
    CheckView,
    MethadoneRowView,
    PlanView,
    check_view,
    plan_view,
)
from mps_pain.presentation.severity import SEVERITIES, SeverityStyle, severity_style
from mps_pain.presentation.wording import (
    Fact,
    WarningView,
    amount_text,
    regimen_sentence,
    warning_views,
)

__all__ = [
    "SEVERITIES",
    "CheckView",
    "Fact",
    "MethadoneRowView",
    "MmeRowView",
    "MmeView",
    "PlanView",
    "SeverityStyle",
    "SpreadRowView",
    "WarningView",
    "amount_text",
    "check_view",
    "mme_view",
    "plan_view",
    "regimen_sentence",
    "severity_style",
    "warning_views",
]
