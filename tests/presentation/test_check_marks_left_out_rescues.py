"""Session 13's open item: with the as-needed choice "exclude", `mps-pain check` and the check's
PDF listed the current rescue ("oxycodone oral IR 5 mg as needed, 4 doses in 24 h") like any
other order, beside "Current regimen: 60 mg/day OME": a pharmacist adding the rescue's 30 mg/day
OME would think the check wrong. The check names the lines its current total leaves out
(``CheckResult.current_left_out``, by the one counting rule ``counted_under``) and every
renderer marks them; the app's check tab lists them as "Not counted" from the MME result."""

from __future__ import annotations

import json
from html import unescape

import pytest

from mps_pain.domain.rotation.requests import CheckRequest
from mps_pain.presentation.orders import LEFT_OUT_MARK
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.index import TableIndex
from tests.cli_runner import run_cli
from ui.check.check_pdf import CheckContent, check_html

ER = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "20 mg", "frequency": "q12h"}
RESCUE = {"drug": "oxycodone", "route": "oral", "form": "IR", "dose": "5 mg", "prn": True,
          "doses_per_day": 4}  # fmt: skip
PROPOSED = {"items": [{"drug": "morphine", "route": "oral", "form": "ER", "dose": "30 mg",
                       "frequency": "q12h"}]}  # fmt: skip


def _request(policy: str) -> dict[str, object]:
    return {"from": {"prn": policy, "items": [RESCUE, ER]}, "proposed": PROPOSED}


@pytest.mark.parametrize(("policy", "marked"), [("exclude", True), ("include", False)])
def test_the_command_line_marks_the_rescue_its_total_leaves_out(policy: str, marked: bool) -> None:
    done = run_cli("check", "-", stdin=json.dumps(_request(policy)))
    assert done.returncode == 0, done.stderr
    rescue = next(line for line in done.stdout.splitlines() if "as needed, 4 doses" in line)
    assert (LEFT_OUT_MARK in rescue) is marked
    er = next(line for line in done.stdout.splitlines() if "ER 20 mg q12h" in line)
    assert LEFT_OUT_MARK not in er
    record = json.loads(run_cli("check", "--json", "-", stdin=json.dumps(_request(policy))).stdout)
    assert record["current_left_out"] == ([0] if marked else [])


def test_the_check_pdf_marks_it_too(tables: TableIndex) -> None:
    request = CheckRequest.model_validate(_request("exclude"))
    result = check_proposal(request, tables=tables)
    html = check_html(
        CheckContent(
            result=result,
            current=request.from_.items,
            proposed=request.proposed.items,
            patient=request.patient,
            tables=tables,
            app_version="test",
        )
    )
    current = unescape(html[html.index("<h2>Current regimen</h2>") :].split("</ul>")[0])
    assert f"as needed, 4 doses in 24 h — {LEFT_OUT_MARK}" in current
