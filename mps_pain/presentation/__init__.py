"""The presentation layer: results turned into typed view records, once, for every renderer.

``mme.mme_view(MmeResult)``, ``rotation.plan_view(RotationPlan)`` and
``check.check_view(CheckResult)`` build frozen records of rows, sentences, severities (with
their order and colour role, ``severity.py``) and citations. The command line
(``mps_pain_cli/render*.py``), the app's panels (``ui/``) and the printed plan (``ui/printing/``)
are thin renderers of these records: they lay the strings out, they never format a number or word
a sentence themselves. Qt-free; see docs/architecture.md.

Import from the submodules (``from mps_pain.presentation.mme import mme_view``): the package
imports nothing itself, so the MME path never loads the rotation planner.
"""
