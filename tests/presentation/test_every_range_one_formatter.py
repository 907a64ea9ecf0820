"""Every range is written by the one range formatter, so equal ends read as one number
(pharmacist review 19, L8).

"come to 36–36 mg/day oral morphine equivalent across the cited factors" (vin/V15c),
"30–30 mg/day" (txt/J04), "Equianalgesic amount by the cited ratio: 40–40 mg/day" and "Cited
ratio range … 40–40 mg/day diamorphine" (txt/L03): review 3 had fixed the same defect in the
views' ``span_text``, but each core sentence joined its two ends itself. Invariants: no
f-string of the core or the UI writes "{low}–{high}" (every range goes through
``numbers.format_span`` / ``format_number_span``), and the review's cases print no range with
equal ends.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

from tests.cli_runner import run_cli
from tests.rotation.plans import checked, planned

REPO = Path(__file__).resolve().parents[2]
FORMATTER = REPO / "mps_pain" / "numbers.py"
EQUAL_ENDS = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)*)–\1(?![\d.,])")


def _joined_ranges(path: Path) -> list[str]:
    """The f-strings of a module that write a value, a dash and a value: a range by hand."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.JoinedStr):
            continue
        values = node.values
        for before, dash, after in zip(values, values[1:], values[2:], strict=False):
            if (
                isinstance(before, ast.FormattedValue)
                and isinstance(dash, ast.Constant)
                and dash.value == "–"
                and isinstance(after, ast.FormattedValue)
            ):
                found.append(f"{path.relative_to(REPO)}:{node.lineno}")
    return found


def test_no_range_is_joined_by_hand() -> None:
    modules = [*sorted((REPO / "mps_pain").rglob("*.py")), *sorted((REPO / "ui").rglob("*.py"))]
    by_hand = [site for path in modules if path != FORMATTER for site in _joined_ranges(path)]
    assert not by_hand, by_hand


def _text(command: str, document: dict[str, object]) -> str:
    result = run_cli(command, "-", stdin=json.dumps(document))
    assert result.returncode in (0, 1), result.stderr
    return result.stdout


HM_SC = {"drug": "hydromorphone", "route": "sc", "rate": "0.05 mL/h", "concentration": "2 mg/mL"}
MORPHINE_120 = {"drug": "morphine", "route": "oral", "form": "MR", "dose": "60 mg",
                "frequency": "q12h"}  # fmt: skip


def test_review_19_cases_print_no_range_with_equal_ends() -> None:
    patch = {"drug": "fentanyl", "route": "transdermal", "form": "patch"}
    diamorphine = {"drug": "diamorphine", "route": "sc", "continuous": True}
    documents = [
        ("rotate", {"from": {"items": [HM_SC]}, "to": patch, "table": "uk-palliative",
                    "market": "UK", "patient": {"cancer_or_palliative": True}}),
        ("rotate", {"from": {"items": [MORPHINE_120]}, "to": diamorphine,
                    "table": "uk-palliative", "market": "UK", "reduction": 0}),
        ("check", {"from": {"items": [MORPHINE_120]},
                   "proposed": {"items": [{"drug": "diamorphine", "route": "sc",
                                           "rate": "40 mg/day"}]},
                   "table": "uk-palliative", "market": "UK"}),
    ]  # fmt: skip
    for command, document in documents:
        text = _text(command, document)
        assert not EQUAL_ENDS.search(text), EQUAL_ENDS.findall(text)
    # the same in the JSON contract's words
    plan = planned(documents[0][1])
    check = checked(documents[2][1])
    for payload in (plan, check):
        assert not EQUAL_ENDS.search(json.dumps(payload, ensure_ascii=False))
