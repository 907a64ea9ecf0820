"""Fuzz review 8, #7: a 1 MB medication text was echoed whole to standard error (1,000,188 bytes
from ``fhir import``, 1,000,320 from ``mme --fhir``; about 4 s).

Every place that quotes a FHIR value in a message quotes it through ``excerpt`` (the one function
that cuts and escapes echoed user text); the CLI's error line is cut by the same function as a
backstop, so no refusal, caution or error echoes a long value whole.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_runner import run_cli

LONG = 200_000  # fuzz review 8 used 1 MB; the echo is proportional, the test time too


def _bundle(concept: dict[str, object]) -> dict[str, object]:
    order = {
        "resourceType": "MedicationRequest",
        "subject": {"reference": "Patient/1"},
        "status": "active",
        "intent": "order",
        "medicationCodeableConcept": concept,
        "dosageInstruction": [
            {
                "route": {"coding": [{"system": "http://snomed.info/sct", "code": "26643006"}]},
                "timing": {"repeat": {"frequency": 1, "period": 4, "periodUnit": "h"}},
                "doseAndRate": [
                    {
                        "doseQuantity": {
                            "value": 10,
                            "unit": "mg",
                            "system": "http://unitsofmeasure.org",
                            "code": "mg",
                        }
                    }
                ],
            }
        ],
    }
    return {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": order}]}


CONCEPTS = {
    "text": {"text": "x" * LONG},
    "code": {
        "coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "9" * LONG}]
    },
    "display": {
        "coding": [
            {
                "system": "http://www.nlm.nih.gov/research/umls/rxnorm",
                "code": "1",
                "display": "y" * LONG,
            }
        ]
    },
    "system": {"coding": [{"system": "urn:" + "z" * LONG, "code": "1"}]},
}


@pytest.mark.parametrize("where", sorted(CONCEPTS))
@pytest.mark.parametrize("argv", [["fhir", "import"], ["mme", "--fhir"]])
def test_a_megabyte_medication_value_is_echoed_briefly(
    tmp_path: Path, where: str, argv: list[str]
) -> None:
    path = tmp_path / "order.json"
    path.write_text(json.dumps(_bundle(CONCEPTS[where])), encoding="utf-8")
    run = run_cli(*argv, str(path))
    assert run.returncode in (1, 2), run.stderr[:300]
    assert len(run.stderr) < 2_000, (where, len(run.stderr), run.stderr[:300])
    assert len(run.stdout) < 20_000, (where, len(run.stdout))
    assert "characters)" in run.stderr + run.stdout, run.stderr[:600]


def test_the_cli_error_line_is_cut_as_a_backstop() -> None:
    """Whatever a message quotes, the CLI's one line of error is cut by ``excerpt`` too."""
    from mps_pain_cli.common import LONGEST_LINE, one_line

    line = one_line("refused: “" + "w" * LONG + "”\n")
    assert len(line) < LONGEST_LINE + 40 and f"({LONG + 12} characters)" in line
    assert "\n" not in line
