"""No developer word in a sentence a clinician reads: the mme, rotate and check texts and their
refusals (command line and app), and the app's headline.

Defect (clinician re-check 18b, #5): "(oral_solution)" in the no-total headline, the printed
total and the command line's refusal; "reference set 'uk-palliative' … cover it: cdc-2022,
cdc-2016, cdc-2018-research" in that refusal; "(jp-label 30 mg/day, ccdhb 15 mg/day)" in the
methadone far-below caution; "(clinical-sources §1 A5, §3(c); …)" in the planner's refusal for a
regimen that already holds methadone. The class: forms by the form-label rule, sets by their
names (``set_names``), sources by their wording (``plain_source``).

Two kinds of line are not sentences and keep ids by design: the heading that pins the exact
tables ("(uk-palliative; tables v…, sha256 …)") and the spread table's first column, which lists
the set ids the ``--table`` option takes (the rest of its row is read: it said "risk_mme").
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import pytest

from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.errors import MpsPainError
from mps_pain.presentation.mme import mme_view
from mps_pain.services.mme_service import calculate_mme
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables
from mps_pain_cli.main import main
from ui.error_words import plain_error

TABLES = get_tables()
_IDS = (
    set(TABLES.sets)
    | set(TABLES.tables.sources)
    | {m.id for m in rotation_rules(TABLES).methadone.methods}
)
_ALTERNATIVES = "|".join(sorted(map(re.escape, _IDS), key=len, reverse=True))
ID_SHAPED = re.compile(
    rf"(?<![\w./-])(?:{_ALTERNATIVES})(?![\w-])"  # a set, source or method id
    r"|\b[a-z]+(?:_[a-z0-9]+)+\b"  # snake_case
    r"|clinical-sources §"
)
_SPREAD_ROW = re.compile(rf"^\s*(?:→\s*)?(?:{_ALTERNATIVES}) ")

METHADONE_ONLY = {
    "items": [
        {"drug": "methadone", "route": "oral", "form": "oral solution", "dose": "1.5 mg",
         "frequency": "q8h"},
        {"drug": "ketamine", "route": "oral", "dose": "10 mg", "frequency": "tid"},
    ],
    "patient": {"age": 81, "egfr": "45 mL/min"},
}  # fmt: skip
PATCH_AND_OXYCODONE = [
    {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": "25 mcg/h"},
    {"drug": "oxycodone", "route": "oral", "form": "er", "dose": "20 mg", "frequency": "bid"},
    {"drug": "oxycodone", "route": "oral", "form": "ir", "prn": True, "dose": "10 mg",
     "doses_per_day": 3},
]  # fmt: skip
MORPHINE_165 = [{"drug": "morphine", "route": "oral", "daily_dose": "165 mg/day"}]
METHADONE_AND_MORPHINE = [
    {"drug": "methadone", "route": "oral", "dose": "5 mg", "frequency": "q8h"},
    {"drug": "morphine", "route": "oral", "form": "er", "dose": "30 mg", "frequency": "q12h"},
]

ROTATIONS = {
    "patch-to-morphine-q12h": {"from": {"items": PATCH_AND_OXYCODONE},
                               "to": {"drug": "morphine", "route": "oral", "frequency": "q12h"}},
    "patch-to-sc-driver": {"from": {"items": PATCH_AND_OXYCODONE},
                           "to": {"drug": "morphine", "route": "sc", "continuous": True}},
    "to-methadone-msd": {"from": {"items": MORPHINE_165},
                         "to": {"drug": "methadone", "route": "oral"},
                         "methadone_method": "msd-quill"},
    "methadone-to-methadone": {"from": {"items": METHADONE_AND_MORPHINE},
                               "to": {"drug": "methadone", "route": "oral"}},
    "hydromorphone-q12h": {"from": {"items": PATCH_AND_OXYCODONE},
                           "to": {"drug": "hydromorphone", "route": "oral",
                                  "frequency": "q12h"}},
}  # fmt: skip


_REFUSAL_PLACE = re.compile(r"^mps-pain: [\w.\[\]]+: ")  # the input field refused, as typed


def _offending(text: str) -> list[str]:
    return [
        f"{match.group(0)!r} in: {line.strip()[:160]}"
        for line in (
            _SPREAD_ROW.sub("", _REFUSAL_PLACE.sub("mps-pain: ", raw)) for raw in text.splitlines()
        )
        if "; tables v" not in line
        for match in ID_SHAPED.finditer(line)
    ]


def _cli(tmp_path: Path, args: list[str], document: dict) -> str:
    path = tmp_path / "input.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        main([args[0], str(path), *args[1:]])
    return out.getvalue() + err.getvalue()


@pytest.mark.parametrize("set_id", sorted(TABLES.sets))
def test_mme_text_and_refusal_of_a_methadone_regimen(tmp_path: Path, set_id: str) -> None:
    text = _cli(tmp_path, ["mme", "--table", set_id], METHADONE_ONLY)
    assert not _offending(text), _offending(text)


@pytest.mark.parametrize("set_id", sorted(TABLES.sets))
def test_the_app_headline_of_a_methadone_regimen(set_id: str) -> None:
    result = calculate_mme(
        METHADONE_ONLY, tables=TABLES, table_id=set_id, on_item_error="exclude"
    )  # as the app's editor computes it
    view = mme_view(result)
    said = "\n".join([view.total_text, *view.excluded, *(w.message for w in view.warnings)])
    assert not _offending(said), _offending(said)


@pytest.mark.parametrize("name", sorted(ROTATIONS))
@pytest.mark.parametrize("set_id", ["uk-palliative", "fpm-2021", "jspm-2010"])
def test_rotate_text_refusals_and_the_apps_refusal(tmp_path: Path, name: str, set_id: str) -> None:
    request = ROTATIONS[name] | {"table": set_id}
    text = _cli(tmp_path, ["rotate"], request)
    assert not _offending(text), _offending(text)
    try:
        plan_rotation(RotationRequest.model_validate(request), tables=TABLES)
    except MpsPainError as refused:
        said = plain_error(refused)
        assert not _offending(said), _offending(said)


@pytest.mark.parametrize("set_id", ["uk-palliative", "fpm-2021", "jspm-2010"])
def test_check_text(tmp_path: Path, set_id: str) -> None:
    document = {
        "from": {"items": PATCH_AND_OXYCODONE},
        "proposed": {"items": [{"drug": "morphine", "route": "sc", "rate": "2.5 mg/h"}]},
        "table": set_id,
    }
    text = _cli(tmp_path, ["check"], document)
    assert not _offending(text), _offending(text)
