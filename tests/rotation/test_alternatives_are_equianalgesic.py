"""A plan names only equianalgesic sets as alternatives (issue #3, defect 5)."""

from __future__ import annotations

from tests.cli_runner import run_document
from tests.rotation.plans import planned

# --- 5. alternatives name only equianalgesic sets ---------------------------------------------


def test_not_covered_lists_only_equianalgesic_sets() -> None:
    document = {
        "from": {
            "items": [{"drug": "tramadol", "route": "oral", "dose": "50 mg", "frequency": "qid"}]
        },
        "to": {"drug": "morphine", "route": "oral", "form": "IR", "frequency": "q4h"},
        "table": "fpm-2021",
    }
    payload = planned(document)
    jspm = next(row for row in payload["spread"] if row["table"] == "jspm-2010")
    assert "cdc-" not in jspm["missing"]
    assert "Equianalgesic sets that cover it: fpm-2021, uk-palliative" in jspm["missing"]
    done = run_document("rotate", {**document, "table": "jspm-2010"})
    # the refusal says each set by its name (clinician re-check 18b #5), still no risk-MME set
    assert done.returncode == 2 and "CDC" not in done.stderr and "cdc-" not in done.stderr
    assert "cover it: ANZCA FPM oMEDD table 2021, UK palliative care ratios" in done.stderr
