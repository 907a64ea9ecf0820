"""Clinician review 10 #4: a switch to methadone under the UK set's default method
(Morley-Makin, as-needed only) gives no dose, and the screen left the next step to guess; the
"same switch under every equianalgesic set" table read "—" in every row. The view names the
methods that do give a dose for this patient (never under a safety gate that rules methadone
out) and leaves the table out with a sentence why: text, app and PDF read the same view."""

from __future__ import annotations

from typing import Any

from mps_pain.presentation.methadone_rows import SPREAD_LEFT_OUT
from mps_pain.presentation.rotation import plan_view
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables
from tests.cli_runner import cli_text

TABLES = get_tables()
OXYCODONE_ER = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "30 mg"}
UK_DEFAULT: dict[str, Any] = {  # Takamatsu case 1, step 3: 90 OME/day
    "from": {"items": [{**OXYCODONE_ER, "frequency": "q12h"}]},
    "to": {"drug": "methadone", "route": "oral"},
    "table": "uk-palliative",
}


def _plan(document: dict[str, Any]):
    from mps_pain.domain.rotation.requests import RotationRequest

    return plan_rotation(RotationRequest.model_validate(document), tables=TABLES)


def test_the_default_methods_no_dose_names_the_methods_that_give_one() -> None:
    plan = _plan(UK_DEFAULT)
    assert plan.regimen.no_dose is not None  # the clinical default is not changed
    view = plan_view(plan)
    giving = dict(view.dose_giving_methods)
    assert "msd-quill" in giving and plan.methadone_method not in giving
    assert all(o.daily_dose is not None for o in plan.methadone_options if o.method in giving)
    text = cli_text("rotate", UK_DEFAULT)
    assert "NEXT: Methods that give a regular dose for this patient:" in text
    assert '"msd-quill"' in text and giving["msd-quill"] in text


def test_a_safety_gate_names_no_method() -> None:
    gated = {**UK_DEFAULT, "patient": {"qtc": "520 ms"}}
    assert plan_view(_plan(gated)).dose_giving_methods == ()
    assert "NEXT:" not in cli_text("rotate", gated)


def test_a_switch_to_methadone_has_no_empty_spread_table() -> None:
    for method in ("msd-quill", None):
        view = plan_view(_plan({**UK_DEFAULT, "methadone_method": method}))
        assert view.spread == () and view.spread_left_out == SPREAD_LEFT_OUT
        assert SPREAD_LEFT_OUT in cli_text("rotate", {**UK_DEFAULT, "methadone_method": method})
    to_morphine = {**UK_DEFAULT, "to": {"drug": "morphine", "route": "oral", "form": "ER"}}
    view = plan_view(_plan({**to_morphine, "to": {**to_morphine["to"], "frequency": "q12h"}}))
    assert view.spread and view.spread_left_out is None  # other switches keep their table
