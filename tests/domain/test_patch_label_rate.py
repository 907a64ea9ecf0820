"""A patch rate written as its label reads as the rate the patches deliver (clinician review 7,
#3): "12 mcg/h" was priced 12 × 2.4 = 28.8 OME and refused by the check as "No fentanyl patch or
combination of patches gives 12 mcg/h", beside the catalogue's own note "'12' = 12.5 mcg/h";
"37 mcg/h", the usual UK 12.5 + 25 pair, was refused the same way. One rule
(``domain.patch_labels``), through every path that reads an item, shown here by the CLI."""

from __future__ import annotations

import pytest

from tests.cli_runner import cli_json, cli_text, run_document

CURRENT = {"items": [{"drug": "oxycodone", "route": "oral", "daily_dose": "60 mg/day"}]}


def _patch(rate: str) -> dict[str, object]:
    return {
        "table": "uk-palliative",
        "items": [{"drug": "fentanyl", "route": "transdermal", "rate": rate}],
    }


@pytest.mark.parametrize(
    ("typed", "read", "ome"),
    [
        ("12 mcg/h", "12.5 mcg/h", 30),
        ("37 mcg/h", "37.5 mcg/h", 90),
        ("62 mcg/h", "62.5 mcg/h", 150),
    ],
)
def test_a_label_is_priced_at_the_rate_it_delivers(typed: str, read: str, ome: float) -> None:
    result = cli_json("mme", _patch(typed))
    assert result["total_mme_per_day"] == pytest.approx(
        ome
    )  # 12.5 × 2.4 = 30: the BNF table's 12 → 30
    notes = [w for w in result["warnings"] if w["code"] == "patch-label-read-as-rate"]
    assert len(notes) == 1 and read in notes[0]["message"] and notes[0]["item"] == 0
    assert notes[0]["severity"] == "info"


@pytest.mark.parametrize("typed", ["25 mcg/h", "12.5 mcg/h", "13 mcg/h", "36 mcg/h"])
def test_a_marketed_rate_or_another_number_is_read_as_written(typed: str) -> None:
    result = cli_json("mme", _patch(typed))
    value = float(typed.split()[0])
    assert result["total_mme_per_day"] == pytest.approx(value * 2.4)
    assert not [w for w in result["warnings"] if w["code"] == "patch-label-read-as-rate"]


@pytest.mark.parametrize("typed", ["12 mcg/h", "37 mcg/h"])
def test_the_check_does_not_call_a_label_a_strength_no_patch_gives(typed: str) -> None:
    document = {
        "from": CURRENT,
        "proposed": {"items": [{"drug": "fentanyl", "route": "transdermal", "rate": typed}]},
        "table": "uk-palliative",
    }
    text = cli_text("check", document)
    assert "No fentanyl patch or combination of patches gives" not in text
    delivered = f"{float(typed.split()[0]) + 0.5:g} mcg/h"
    assert f"Proposed: {delivered} fentanyl" in text  # priced at what the patches deliver


def test_a_patch_rate_written_as_a_volume_is_refused_not_a_crash() -> None:
    """A transdermal rate in mL/h with a concentration is no patch label: the label reading
    compared it with the mcg/h patch strengths and raised (exit 3, found by the batch summary's
    hypothesis property); it is refused by the rate's own plausibility bound, naming the field."""
    document = {
        "items": [
            {
                "drug": "buprenorphine",
                "route": "transdermal",
                "rate": "1 mL/h",
                "concentration": "10 mg/mL",
            }
        ]
    }
    done = run_document("mme", document, "--table", "cdc-2022")
    assert done.returncode == 2, done.stderr
    assert "items[0].rate" in done.stderr and "internal error" not in done.stderr
