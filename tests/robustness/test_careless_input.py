"""Fuzz/careless-user review 5, the low findings, each through ``main(argv)`` in process.

- a reduction written "0.25%" (a fraction with a percent sign?) was read as 0.0025;
- "60 mg/24h", a standard prescribing form, was refused as "holds a second number";
- "'10 kg' is a mass, expected a mass or volume": a refusal that contradicts itself;
- route "oral " (trailing space) was refused while drug " oxycodone" was accepted: one rule for
  every enumerated text field;
- a YAML anchor that nothing refers to: harmless, accepted (documented);
- the "strengths-all-markets" caution twice in one plan;
- the renal maximum ignored as-needed doses when the renal function was not given.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.cli_runner import cli_json, run_cli, run_document

_OXY_ER = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}
_ROTATE = {
    "from": {"items": [_OXY_ER]},
    "to": {"drug": "morphine", "route": "oral", "form": "ER", "frequency": "q12h"},
    "table": "fpm-2021",
}


def _refused(command: str, document: dict[str, Any]) -> str:
    done = run_document(command, document)
    assert done.returncode == 2, (done.stdout, done.stderr)
    return done.stderr


# --- reduction "0.25%" ----------------------------------------------------------------------


@pytest.mark.parametrize("written", ["0.25%", "0.5%", " 0.33 %"])
def test_a_percentage_below_one_percent_is_refused_as_ambiguous(written: str) -> None:
    message = _refused("rotate", {**_ROTATE, "reduction": written})
    assert message.startswith("mps-pain: reduction: ")
    assert "ambiguous" in message and "fraction" in message


@pytest.mark.parametrize(
    ("written", "fraction"),
    [("25%", 0.25), ("0.25", 0.25), ("0%", 0.0), ("0.005", 0.005), ("1%", 0.01)],
)
def test_unambiguous_reductions_are_read(written: str, fraction: float) -> None:
    plan = cli_json("rotate", {**_ROTATE, "reduction": written})
    assert plan["reduction"] == pytest.approx(fraction)


# --- "mg/24h" ------------------------------------------------------------------------------


@pytest.mark.parametrize("unit", ["mg/24h", "mg/24 h", "mg / 24 hours", "mg/24hr"])
@pytest.mark.parametrize("field", ["daily_dose", "rate"])
def test_per_24_hours_is_per_day(unit: str, field: str) -> None:
    route = "sc" if field == "rate" else "oral"
    item = {"drug": "morphine", "route": route, field: f"60 {unit}"}
    result = cli_json("mme", {"table": "fpm-2021", "items": [item]})
    assert result["items"][0]["daily_dose"] == {"value": 60.0, "unit": "mg/day"}


def test_a_rate_per_another_number_of_hours_is_refused_clearly() -> None:
    item = {"drug": "morphine", "route": "sc", "rate": "2.5 mg/4h"}
    message = _refused("mme", {"table": "fpm-2021", "items": [item]})
    assert "items[0].rate" in message
    assert "per one unit of time" in message and "every 4 h" in message


# --- contradictory unit messages --------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "allowed"),
    [
        ("dose", "10 kg", "mcg, mg, g, mL"),
        ("daily_dose", "10 kg", "mcg, mg, g"),
        ("rate", "10 kg/h", "mcg/min"),
    ],
)
def test_a_unit_of_the_right_kind_but_not_listed_is_said_plainly(field, value, allowed) -> None:
    item: dict[str, Any] = {"drug": "morphine", "route": "oral", field: value}
    if field == "dose":
        item["frequency"] = "q12h"
    if field == "rate":
        item["route"] = "sc"
    message = _refused("mme", {"table": "fpm-2021", "items": [item]})
    unit = value.split(" ", 1)[1]
    assert f"{unit} is not one of the units" in message and allowed in message
    assert "expected a mass" not in message  # it IS a mass: never "is a mass, expected a mass"


# --- whitespace in enumerated fields ----------------------------------------------------------


def test_surrounding_whitespace_is_ignored_in_every_text_field() -> None:
    padded = {
        "drug": " oxycodone",
        "route": "oral ",
        "form": " ER ",
        "dose": "30 mg",
        "frequency": " q12h ",
    }
    document = {
        "table": " fpm-2021 ",
        "prn": " include",
        "market": "AU ",
        "patient": {"hepatic_impairment": " severe "},
        "items": [padded],
    }
    plain = {
        "table": "fpm-2021",
        "prn": "include",
        "market": "AU",
        "patient": {"hepatic_impairment": "severe"},
        "items": [_OXY_ER],
    }
    assert (
        cli_json("mme", document)["total_mme_per_day"]
        == cli_json("mme", plain)["total_mme_per_day"]
    )
    target = {**_ROTATE["to"], "route": " oral "}
    plan = cli_json("rotate", {**_ROTATE, "to": target, "methadone_schedule": "immediate "})
    assert plan["regimen"]["route"] == "oral"


# --- YAML anchor without an alias ------------------------------------------------------------


def test_a_yaml_anchor_nothing_refers_to_is_harmless(tmp_path) -> None:
    anchored = tmp_path / "anchored.yaml"
    anchored.write_text(
        "table: fpm-2021\nitems:\n  - &first {drug: oxycodone, route: oral, form: ER, "
        "dose: 30 mg, frequency: q12h}\n",
        encoding="utf-8",
    )
    plain = tmp_path / "plain.yaml"
    plain.write_text(anchored.read_text(encoding="utf-8").replace("&first ", ""), "utf-8")
    with_anchor = run_cli("mme", str(anchored), "--json")
    without = run_cli("mme", str(plain), "--json")
    assert with_anchor.returncode == 0 and json.loads(with_anchor.stdout) == json.loads(
        without.stdout
    )
    aliased = tmp_path / "aliased.yaml"
    aliased.write_text(anchored.read_text(encoding="utf-8") + "  - *first\n", "utf-8")
    done = run_cli("mme", str(aliased))
    assert done.returncode == 2 and "anchors and aliases" in done.stderr


# --- one strengths-all-markets caution per plan ----------------------------------------------


def test_the_market_fallback_is_one_caution_naming_every_product() -> None:
    """fpm-2021 (AU, no AU strengths): the patch strengths and the breakthrough's morphine
    oral solution both fall back to another market's strengths (one listed market each, never
    a union: pharmacist review 5, D10). Oxycodone 56 mg/day (84 oMEDD): 12.5 mcg/h, whose
    breakthrough (5 mg) is below the smallest tablet; at 60 mg/day the plan is 25 mcg/h with a
    10 mg tablet (the nearer patch, D7) and no oral solution is needed."""
    plan = cli_json(
        "rotate",
        {
            "from": {"items": [{"drug": "oxycodone", "route": "oral", "daily_dose": "56 mg/day"}]},
            "to": {"drug": "fentanyl", "route": "transdermal"},
            "table": "fpm-2021",
        },
    )
    fallbacks = [w for w in plan["warnings"] if w["code"] == "strengths-all-markets"]
    assert len(fallbacks) == 1, fallbacks
    message = fallbacks[0]["message"]
    assert "fentanyl patch" in message and "oral solution of morphine" in message
    assert message.count("The strengths are another market's") == 1


# --- the renal maximum counts the as-needed doses ---------------------------------------------


def test_as_needed_doses_count_towards_the_renal_maximum_when_renal_function_is_unknown() -> None:
    """Pregabalin 25 mg bid + 75 mg as needed once a day = 125 mg/day, above the lowest renal
    maximum (75 mg/day, CrCl < 15): the check asks for the renal function, as it does when the
    regular doses alone are above it."""
    document = {
        "table": "fpm-2021",
        "from": {"items": [_OXY_ER]},
        "proposed": {
            "items": [
                {
                    "drug": "morphine",
                    "route": "oral",
                    "form": "ER",
                    "dose": "30 mg",
                    "frequency": "q12h",
                },
                {"drug": "pregabalin", "route": "oral", "dose": "25 mg", "frequency": "bid"},
                {
                    "drug": "pregabalin",
                    "route": "oral",
                    "dose": "75 mg",
                    "prn": True,
                    "doses_per_day": 1,
                },
            ]
        },
    }
    result = cli_json("check", document)
    needed = [w for w in result["warnings"] if w["code"] == "renal-function-needed"]
    assert len(needed) == 1, result["warnings"]
    assert "125 mg/day" in needed[0]["message"] and "as-needed" in needed[0]["message"]


# --- mme of a methadone plan under a set without methadone ------------------------------------


def test_mme_of_a_methadone_regimen_under_uk_palliative_names_the_sets_that_cover_it() -> None:
    """Deliberate (a wrong number is worse than none): uk-palliative has no methadone factor.
    The refusal names the set and the sets that do cover methadone, saying what they are: risk
    MME sets only (no equianalgesic set has a methadone factor)."""
    plan = cli_json(
        "rotate",
        {
            "from": {"items": [_OXY_ER]},
            "to": {"drug": "methadone", "route": "oral"},
            "table": "uk-palliative",
            "methadone_method": "jp-label",  # a scheduled dose (UK's own method prints none)
        },
    )
    message = _refused("mme", {"table": "uk-palliative", "items": [plan["regimen"]]})
    # each set by its name, not its id (clinician re-check 18b #5)
    assert (
        "UK palliative care ratios (BNF / Scottish Palliative Care Guidelines / regional "
        "charts) has no conversion factor for methadone" in message
    )
    assert (
        "Risk MME sets that cover it: CDC 2022 Clinical Practice Guideline MME table, CDC 2016 "
        "clinical sheet (Calculating Total Daily Dose), CDC oral MME research file, September "
        "2018." in message
    )
