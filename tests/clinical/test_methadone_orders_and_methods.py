"""Outside palliative pharmacist review 5 (2 December 2026): the methadone findings.

D1 (danger): Morley-Makin printed "methadone oral solution 12 mg as needed" with no minimum
interval and no maximum doses in 24 h (both NOT FOUND in clinical-sources §3(c)); the check
called the open-ended order WITHIN. Case c-mo120-mtd-morley-makin (morphine ER 60 mg q12h) and
c08-mo1500-mtd-mm (1500 mg/day → 30 mg as needed); check k03 (30 mg as needed, not reported).

D2 (danger): methadone 10 mg q8h → morphine ER q12h (c13-mtd30-mo) gave 180 mg/day at once from
Lawlor's cohort median 8.25, with "ECG at baseline (before it is started)" on a switch away.

D5: MSD/Quill at 99–120 mg OME gives ~3 mg/day, about 1/5 of the other methods, without saying
why (c-mo120-mtd-msd-quill, c16-mo99-mtd-msd).

D12: the Methapain band was printed ">0–160 mg/day OME → 15" though the label starts at 60
(c10-mo161-mtd-jp).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mps_pain.services.rotation_service import plan_rotation
from mps_pain_cli.main import main
from tests.clinical.helpers import codes, morphine_oral, run_json

UK = "uk-palliative"
METHADONE_10_Q8H = {"drug": "methadone", "route": "oral", "dose": "10 mg", "frequency": "q8h"}


def _text(command: str, document: dict[str, Any], tmp_path: Path, capsys) -> tuple[int, str]:
    path = tmp_path / f"{command}-text-{len(list(tmp_path.iterdir()))}.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    code = main([command, str(path)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _to_methadone(mg_per_day: float, method: str) -> dict[str, Any]:
    return {
        "from": {"items": [morphine_oral(mg_per_day)]},
        "to": {"drug": "methadone", "route": "oral"},
        "table": UK,
        "methadone_method": method,
    }


# --------------------------------------------------------------------------------- D1 ---------
@pytest.mark.parametrize("ome", [120, 1500])
def test_d1_morley_makin_prints_no_open_ended_as_needed_order(ome, tmp_path, capsys) -> None:
    """c-mo120-mtd-morley-makin / c08-mo1500-mtd-mm: no signable as-needed methadone order
    without a sourced minimum interval and maximum doses in 24 h: NO DOSE, with a danger."""
    plan = run_json("rotate", _to_methadone(ome, "morley-makin"), tmp_path, capsys)
    assert plan["regimen"]["dose"] is None and plan["regimen_detail"]["no_dose"]
    assert plan["breakthrough"] is None
    assert codes(plan)["methadone-prn-open-ended"] == "danger"
    danger = next(w for w in plan["warnings"] if w["code"] == "methadone-prn-open-ended")
    assert "minimum interval" in danger["message"] and "24 h" in danger["message"]
    # the other methods stay beside it in the plan's record as the alternatives a prescriber
    # can choose; its JSON shows no amount, as the text (fuzz review 9, #4)
    record = plan_rotation(_to_methadone(ome, "morley-makin"))
    options = {o.method: o for o in record.methadone_options}
    assert options["jp-label"].daily_dose is not None
    assert all(o["daily_dose"] is None for o in plan["methadone_options"])
    # no titration advice for a regime that has no regular dose to increase
    _, text = _text("rotate", _to_methadone(ome, "morley-makin"), tmp_path, capsys)
    assert "Do not increase methadone" not in text
    assert "as needed" not in text.split("New regimen:")[1].split("\n")[1]


def test_d1_morley_makin_beside_another_method_is_not_an_order(tmp_path, capsys) -> None:
    plan = run_json("rotate", _to_methadone(120, "jp-label"), tmp_path, capsys)
    row = next(o for o in plan["methadone_options"] if o["method"] == "morley-makin")
    assert "not an order" in row["note"]


@pytest.mark.parametrize("dose", ["12 mg", "30 mg"])
def test_d1_check_of_an_open_ended_as_needed_methadone_order_is_a_danger(
    dose, tmp_path, capsys
) -> None:
    """c-mo120-mtd-morley-makin.check.json and k03: 'WITHIN' for an order with no interval and
    no maximum; now above, with the danger that says why."""
    document = {
        "from": {"items": [morphine_oral(120)]},
        "proposed": {
            "items": [
                {
                    "drug": "methadone",
                    "route": "oral",
                    "form": "oral_solution",
                    "dose": dose,
                    "prn": True,
                    "doses_per_day": "not reported",
                }
            ]
        },
        "table": UK,
    }
    result = run_json("check", document, tmp_path, capsys)
    assert result["verdict"] != "within"
    assert codes(result)["methadone-prn-open-ended"] == "danger"
    code, text = _text("check", document, tmp_path, capsys)
    assert code == 0, text  # the order is printed as written, never an internal error
    assert "DANGER" in text.split("\n")[1]
    assert "as needed, doses in 24 h not reported" in text


def test_d1_an_as_needed_methadone_order_with_its_maximum_is_checked_as_a_daily_total(
    tmp_path, capsys
) -> None:
    """k01: 12 mg as needed, at most 8 doses a day = 96 mg/day: above (as before)."""
    document = {
        "from": {"items": [morphine_oral(120)]},
        "proposed": {
            "items": [
                {
                    "drug": "methadone",
                    "route": "oral",
                    "form": "oral_solution",
                    "dose": "12 mg",
                    "prn": True,
                    "doses_per_day": 8,
                }
            ]
        },
        "table": UK,
    }
    assert run_json("check", document, tmp_path, capsys)["verdict"] == "above"


# --------------------------------------------------------------------------------- D2 ---------
def _off_methadone() -> dict[str, Any]:
    return {
        "from": {"items": [METHADONE_10_Q8H]},
        "to": {"drug": "morphine", "route": "oral", "form": "ER", "frequency": "q12h"},
        "table": UK,
    }


def test_d2_switch_off_methadone_gives_no_dose_specialist_only(tmp_path, capsys) -> None:
    """c13-mtd30-mo: no source gives a per-patient ratio from methadone (Lawlor 8.25 is a cohort
    median; 'reverse conversion not established', 'not bi-directional'): NO DOSE, a danger."""
    plan = run_json("rotate", _off_methadone(), tmp_path, capsys)
    assert plan["regimen"]["dose"] is None and plan["regimen_detail"]["no_dose"]
    assert "specialist" in plan["regimen_detail"]["no_dose"]
    assert plan["breakthrough"] is None
    assert codes(plan)["from-methadone-not-bidirectional"] == "danger"
    assert all(row.get("target_daily_dose") is None for row in plan["spread"])
    _, text = _text("rotate", _off_methadone(), tmp_path, capsys)
    assert "180 mg/day" not in text and "185.6" not in text


def test_d2_no_ecg_before_it_is_started_on_a_switch_away(tmp_path, capsys) -> None:
    _, text = _text("rotate", _off_methadone(), tmp_path, capsys)
    assert "before it is started" not in text
    # a switch TO methadone still says it
    _, to_text = _text("rotate", _to_methadone(120, "jp-label"), tmp_path, capsys)
    assert "before it is started" in to_text


def test_d2_check_does_not_call_a_dose_off_methadone_within(tmp_path, capsys) -> None:
    """k09 (methadone 30 mg/day → morphine 240 mg/day) and the plan's former 180 mg/day."""
    for dose in ("120 mg", "90 mg"):
        document = {
            "from": {"items": [METHADONE_10_Q8H]},
            "proposed": {
                "items": [
                    {
                        "drug": "morphine",
                        "route": "oral",
                        "form": "ER",
                        "dose": dose,
                        "frequency": "q12h",
                    }
                ]
            },
            "table": UK,
        }
        code, text = _text("check", document, tmp_path, capsys)
        assert code != 0  # refused with the reason, never a verdict from a cohort median
        assert "WITHIN" not in text
        assert "specialist" in text


# --------------------------------------------------------------------------------- D5 ---------
@pytest.mark.parametrize("ome", [99, 120])
def test_d5_a_method_far_below_the_others_says_so_with_the_cause(ome, tmp_path, capsys) -> None:
    plan = run_json("rotate", _to_methadone(ome, "msd-quill"), tmp_path, capsys)
    warning = next(w for w in plan["warnings"] if w["code"] == "methadone-method-far-below")
    assert warning["severity"] == "caution"
    message = warning["message"]
    assert "75" in message and "ratio" in message  # the cause: its own reduction on its ratio
    assert "jp-label 15 mg/day" in message.replace("Japanese label (Methapain)", "jp-label")


def test_d5_methods_that_agree_give_no_such_caution(tmp_path, capsys) -> None:
    plan = run_json("rotate", _to_methadone(120, "jp-label"), tmp_path, capsys)
    assert "methadone-method-far-below" not in codes(plan)


# --------------------------------------------------------------------------------- D12 --------
def test_d12_the_label_band_is_printed_as_the_label_prints_it(tmp_path, capsys) -> None:
    """c10-mo161-mtd-jp: the label's first band is 60–160 mg/day, not >0–160; 161 mg/day is in
    the label's >160–390 band and gets its 30 mg/day (review 7, D4: no near-edge window)."""

    def document(ome: int) -> dict[str, Any]:
        item = {"drug": "morphine", "route": "oral", "form": "ER", "daily_dose": f"{ome} mg/day"}
        return {
            "from": {"items": [item]},
            "to": {"drug": "methadone", "route": "oral"},
            "table": UK,
            "methadone_method": "jp-label",  # the label's band (UK's own default: Morley-Makin)
        }

    _, text = _text("rotate", document(160), tmp_path, capsys)
    assert ">0–160" not in text
    assert "60–160 mg/day OME → 15 mg/day" in text.split("Steps:")[1].split("3. Reduction")[0]
    _, text = _text("rotate", document(161), tmp_path, capsys)
    assert ">160–390 mg/day OME → 30 mg/day" in text.split("Steps:")[1].split("3. Reduction")[0]


def test_d1_no_methadone_breakthrough_order_without_a_sourced_24_h_maximum(
    tmp_path, capsys
) -> None:
    """The class of D1 in every plan: the methadone breakthrough dose of a regular method is an
    as-needed methadone order too. It used to print "1.5 mg every 3 h as needed (at most 8 doses
    in 24 h)" (c-mo120-mtd-jp-label), the 8 derived from the 3-h interval, not sourced. Review 7,
    D2: without a sourced maximum there is no breakthrough number, the reason, and a danger."""
    plan = run_json("rotate", _to_methadone(120, "jp-label"), tmp_path, capsys)
    breakthrough = plan["breakthrough"]
    # a fill-in line: no drug named, as the text says (pharmacist review 9, D-C)
    assert breakthrough["drug"] is None and breakthrough["dose"] is None
    assert breakthrough["fill_in"] is True
    assert "doses in 24 h" not in breakthrough["frequency"]
    assert "maximum number of doses in 24 h" in breakthrough["note"]
    assert codes(plan)["breakthrough-no-source"] == "danger"


def test_d12_the_top_band_is_printed_open_as_the_label_prints_it(tmp_path, capsys) -> None:
    """c19-mo400-mtd-jp: the label's top band is '>390', not '>390–∞'."""
    _, text = _text("rotate", _to_methadone(400, "jp-label"), tmp_path, capsys)
    assert "–∞" not in text
    assert "band >390 mg/day OME → 45 mg/day" in text
