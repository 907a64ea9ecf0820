"""The outside review of 2 December, defects 6 and 9, as the reviewed examples (the property in
test_same_warnings_everywhere covers the class).

- 9: morphine at eGFR 15 (current): the same code and severity from mme, rotate and check;
  severe hepatic impairment on oxycodone (current) is named by rotate and check as by mme, once;
  eGFR 45 with morphine: the Scottish CKD stage 1–3 caution (clinical-sources §3(d)).
- 6: the unsourced "further 50%" at eGFR < 30 is stated as not applied.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.patient_rules.helpers import MORPHINE_60, cli_payload

OXYCODONE_40 = {
    "drug": "oxycodone",
    "route": "oral",
    "form": "ER",
    "dose": "20 mg",
    "frequency": "q12h",
}
HYDROMORPHONE = {
    "drug": "hydromorphone",
    "route": "oral",
    "form": "IR",
    "dose": "1.3 mg",
    "frequency": "q4h",
}


def _three(
    current: dict[str, Any],
    proposed: dict[str, Any],
    patient: dict[str, Any],
    tmp_path: Path,
    capsys: Any,
) -> dict[str, list[dict[str, Any]]]:
    to = {k: proposed[k] for k in ("drug", "route", "form", "frequency")}
    table = "uk-palliative"
    mme = cli_payload(
        "mme", {"items": [current], "patient": patient, "table": table}, tmp_path, capsys
    )
    rotate = cli_payload(
        "rotate",
        {"from": {"items": [current]}, "to": to, "table": table, "patient": patient},
        tmp_path,
        capsys,
    )
    check = cli_payload(
        "check",
        {
            "from": {"items": [current]},
            "proposed": {"items": [proposed]},
            "table": table,
            "patient": patient,
        },
        tmp_path,
        capsys,
    )
    return {"mme": mme["warnings"], "rotate": rotate["warnings"], "check": check["warnings"]}


def _about(warnings: list[dict[str, Any]], code: str, drug: str) -> list[tuple[str, str]]:
    return [
        (w["code"], w["severity"]) for w in warnings if w["code"] == code and drug in w["message"]
    ]


@pytest.mark.parametrize("egfr", ["15 mL/min", "25 mL/min"])
def test_current_morphine_at_low_egfr_is_the_same_danger_everywhere(
    egfr: str, tmp_path: Path, capsys: Any
) -> None:
    out = _three(MORPHINE_60, OXYCODONE_40, {"egfr": egfr}, tmp_path, capsys)
    for command, warnings in out.items():
        assert _about(warnings, "renal-current", "morphine") == [("renal-current", "danger")], (
            command
        )


def test_severe_hepatic_impairment_on_current_oxycodone_is_named_once_everywhere(
    tmp_path: Path, capsys: Any
) -> None:
    out = _three(OXYCODONE_40, HYDROMORPHONE, {"hepatic_impairment": "severe"}, tmp_path, capsys)
    for command, warnings in out.items():
        assert _about(warnings, "hepatic-current", "oxycodone") == [
            ("hepatic-current", "danger")
        ], command
        codes = [(w["code"], w["message"].partition(" — ")[0]) for w in warnings]
        assert len(codes) == len(set(codes)), command
    for command in ("rotate", "check"):
        target = _about(out[command], "hepatic-impairment", "hydromorphone")
        # re-check 21b, N-4: no dose of hydromorphone in hepatic failure (was a caution)
        assert target == [("hepatic-impairment", "danger")], command


def test_egfr_45_with_morphine_gives_the_ckd_stage_3_caution(tmp_path: Path, capsys: Any) -> None:
    out = _three(MORPHINE_60, OXYCODONE_40, {"egfr": "45 mL/min"}, tmp_path, capsys)
    for command, warnings in out.items():
        found = [w for w in warnings if w["code"] == "renal-current"]
        assert [(w["severity"]) for w in found] == ["caution"], command
        assert "titrate morphine slowly" in found[0]["message"]


def test_the_unsourced_further_50_percent_is_stated_as_not_applied(
    tmp_path: Path, capsys: Any
) -> None:
    out = _three(MORPHINE_60, OXYCODONE_40, {"egfr": "15 mL/min"}, tmp_path, capsys)
    target = next(w for w in out["rotate"] if w["code"] == "renal-target")
    assert "oxycodone" in target["message"]
    assert "NOT applied" in target["message"]
    assert "consider a further 50% dose reduction" not in target["message"]
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert "−50%" in readme and "eGFR < 30" in readme
