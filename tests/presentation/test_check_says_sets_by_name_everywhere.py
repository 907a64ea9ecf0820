"""Session 17, #1 (docs/gui.md, re-check 17b #9 "Left"): the app's check said a set by its name
("UK palliative care ratios …'s own 2:1"), but ``mps-pain check`` still printed
"uk-palliative's own 2:1" and "(table uk-palliative, v…)", and a warning or the verdict could
still name a set by its id, because only the app passed the set's name to the check's view and
only the reasons were reworded. Every check text is now said by one function
(``check.check_view`` with ``set_names.table_names``): the CLI's text, the check PDF and the
app's panel. Over every reference set and every route-ratio row of the tables, both ways, no
printed check text names a set id or a route-ratio row id; the JSON keeps the ids."""

from __future__ import annotations

import json
import re
from html import unescape
from typing import Any

import pytest

from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.domain.rotation.requests import CheckRequest
from mps_pain.presentation.check import check_view
from mps_pain.presentation.set_names import table_names
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables
from tests.cli_runner import run_cli
from ui.check.check_pdf import CheckContent, check_html

TABLES = get_tables()
ROWS = rotation_rules(TABLES).route_ratios
IDS = [*TABLES.sets, *(row.id for row in ROWS)]
AN_ID = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, IDS)) + r")(?![\w-])")
SWITCHES = [
    (row.id, ends[0].drug, ends[0].routes[0], ends[1].drug, ends[1].routes)
    for row in ROWS
    for ends in ((row.from_, row.to), (row.to, row.from_))
]


def _item(drug: str, route: str) -> dict[str, str]:
    if route in ("oral", "rectal"):
        return {"drug": drug, "route": route, "daily_dose": "60 mg/day"}
    if route == "transdermal":
        return {"drug": drug, "route": route, "form": "patch", "rate": "25 mcg/h"}
    return {
        "drug": drug,
        "route": route,
        "rate": "600 mcg/day" if drug == "fentanyl" else "20 mg/day",
    }


def _document(switch: tuple[str, str, str, str, list[str]], set_id: str) -> dict[str, Any]:
    _row, drug, route, to_drug, to_routes = switch
    to_route = next(r for r in to_routes if r != route)
    return {
        "from": {"items": [_item(drug, route)]},
        "proposed": {"items": [_item(to_drug, to_route)]},
        "table": set_id,
    }


def _pdf_text(request: CheckRequest, result: Any) -> str:
    html = check_html(
        CheckContent(
            result=result,
            current=request.from_.items,
            proposed=request.proposed.items,
            patient=request.patient,
            tables=TABLES,
            app_version="test",
        )
    )
    return unescape(re.sub(r"<[^>]+>", " ", html))


def _panel_text(result: Any) -> str:
    """What the check panel shows: its view, as ``ui/check/check_panel.run_check`` builds it."""
    view = check_view(result, table_names(TABLES))
    warnings = [f"{w.message} {w.citation or ''}" for w in view.warnings]
    return " ".join([view.verdict_label, view.verdict_sentence, view.numbers, *view.reasons,
                     *warnings])  # fmt: skip


@pytest.mark.parametrize("switch", SWITCHES, ids=lambda s: f"{s[0]}:{s[2]}->{s[4][0]}")
def test_no_check_text_names_a_set_or_a_ratio_row_by_its_id(switch: Any) -> None:
    checked = 0
    for set_id in sorted(TABLES.sets):
        document = _document(switch, set_id)
        done = run_cli("check", "-", stdin=json.dumps(document))
        if done.returncode != 0:  # a set that cannot check it: refused, nothing to sign
            continue
        checked += 1
        request = CheckRequest.model_validate(document)
        result = check_proposal(request, tables=TABLES)
        for where, text in (
            ("command line", done.stdout),
            ("PDF", _pdf_text(request, result)),
            ("panel", _panel_text(result)),
        ):
            assert not AN_ID.findall(text), (where, set_id, AN_ID.findall(text), text)
        record = json.loads(run_cli("check", "--json", "-", stdin=json.dumps(document)).stdout)
        assert record["table"]["id"] == set_id  # the JSON keeps the set's id
    assert checked, f"no set checks {switch}"
