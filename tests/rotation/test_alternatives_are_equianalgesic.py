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
    assert done.returncode == 2 and "cdc-" not in done.stderr and "fpm-2021" in done.stderr
