"""No code identifier reaches a clinician through a citation or a refusal's words (clinician
review 7, #8): "[an open-source opioid calculator (read as code), CalculatorView: …]",
"this program's rotation rules, Software rule: …", "No conversion: Target drug: UK palliative care
ratios … has no conversion factor" and "saved by user root".

Every citation in data/ (through ``TableIndex.cite`` and ``plain_source``, as every output shows
it), every source label and every sentence the app makes for a refusal's reason is walked. A word
of joined capitalised words (``CalculatorView``), a snake_case word, a file name or "Software
rule" is a developer's word; the product and website names below are written that way by their
owners and are allowed by name."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from pydantic import BaseModel

from mps_pain.errors import NoConversionFactorError
from mps_pain.presentation.records import account_text
from mps_pain.presentation.wording import plain_source
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_types import Citation
from ui.error_words import _REASONS, plain_error

_JOINED = re.compile(r"\b(?:[A-Z][a-z]+){2,}\b|\b[a-z]+(?:[A-Z][a-z]+)+\b")
_SNAKE = re.compile(r"\b[A-Za-z0-9]+_[A-Za-z0-9_]+\b")
_FILE = re.compile(r"\b[\w-]+\.(?:md|cql|tsx|py|pdf|yaml|json)\b")
_SOFTWARE = re.compile(
    r"\bSoftware (?:rule|bound)\b|\bNOT FOUND\b|\[CODE\b|"
    # clinician review 8 #8: how our reviewers read a source, the check's own working words,
    # and a Japanese label's section heading quoted in an English source column
    r"\(read as code\)|\bnot stacked\b|\bthe planner's rule\b|用法"
)
# names written joined by their owners (brands, products, websites) and by clinicians
PROPER_NAMES = frozenset(
    {
        "BuTrans",
        "ClinCalc",
        "CrCl",  # creatinine clearance, as clinicians write it
        "DailyMed",
        "GlobalRPh",
        "OpenPrescribing",
        "OxyContin",
        "OxyNorm",
        "PalliCalc",
        "RxNorm",
    }
)


def developer_words(text: str) -> list[str]:
    joined = [w for w in _JOINED.findall(text) if w not in PROPER_NAMES]
    return joined + _SNAKE.findall(text) + _FILE.findall(text) + _SOFTWARE.findall(text)


def _citations(node: object) -> Iterator[Citation]:
    if isinstance(node, Citation):
        yield node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _citations(getattr(node, name))
    elif isinstance(node, list | tuple):
        for item in node:
            yield from _citations(item)
    elif isinstance(node, dict):
        for item in node.values():
            yield from _citations(item)


def test_the_checker_finds_the_words_the_review_saw() -> None:
    for seen in (
        "an open-source opioid calculator (read as code), CalculatorView: use the LOWER size",
        "this program's rotation rules, Software rule: the market's own strengths",
        "at most max_units_per_dose units",
        "its clinical_logic.md notes",
        "[an open-source opioid calculator (read as code), Patch onset 12–24 h]",
        "(the table's factor range gives 90–120; its other end is not stacked on the reduction)",
        "× (1 − 25–50%), the planner's rule.",
        "用法: 16.8mg (100mcg/h) is the largest Durotep MT patch",
        "slip. Check 'egfr'. (Software bound: mps_pain sanity bounds, not a clinical threshold)",
    ):
        assert developer_words(seen), seen
    assert not developer_words("UK OxyContin tablets; GlobalRPh converter; 10 mg/mL; eGFR")


def test_every_citation_in_the_tables_reads_as_words(tables: TableIndex) -> None:
    citations = list(_citations(tables.tables))
    assert len(citations) > 100  # the walk reaches the whole file
    bad = {}
    for citation in citations:
        shown = plain_source(tables.cite(citation)) or ""
        if words := developer_words(shown):
            bad[shown[:120]] = words
    assert not bad, bad


def test_every_source_label_reads_as_words(tables: TableIndex) -> None:
    labels = [plain_source(source.label) or "" for source in tables.tables.sources.values()]
    assert labels
    assert not [(label, developer_words(label)) for label in labels if developer_words(label)]


_CONTEXT = {
    "drug": "fentanyl",
    "route": "iv",
    "routes": ["oral", "iv"],
    "forms": ["ER", "IR"],
    "rows": [1],
    "problems": ["Daily total is empty"],
    "side": "from",
}


@pytest.mark.parametrize("reason", sorted(_REASONS))
def test_every_refusal_sentence_reads_as_words(reason: str) -> None:
    for path in (("to", "drug"), ("from", "items", 1, "drug"), ()):
        sentence = _REASONS[reason](path, _CONTEXT)
        assert not developer_words(sentence), sentence


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ("to.drug", "UK palliative care ratios"),
        ("table", "UK palliative care ratios"),
        ("from.items[1].drug", "Current regimen, row 2: UK palliative care ratios"),
    ],
)
def test_a_set_without_a_factor_is_not_labelled_as_another_field(
    location: str, expected: str
) -> None:
    """A set's name follows the row it is about, never a field's label ("Target drug: UK …")."""
    exc = NoConversionFactorError(
        drug="fentanyl", route="iv", form=None, table_id="uk-palliative", location=location
    )
    sentence = plain_error(exc, sides={"from": "From", "to": "To"})
    assert sentence.startswith(expected), sentence
    assert "has no conversion factor for fentanyl by the iv route" in sentence
    assert not developer_words(sentence), sentence


def test_the_records_author_is_the_computer_account_not_a_person() -> None:
    said = account_text("root")
    assert said == "saved on the computer account “root” (not a signed-in person)"
    assert "user root" not in said


def test_the_checks_reasons_and_a_refused_measurement_read_as_words(tables: TableIndex) -> None:
    """Review 8 #8: the check's reasons for a switch from oxycodone ER (the current OME's factor
    range, the expected range's rule; the reviewer's s2_06) and a refused eGFR, as shown."""
    from mps_pain.domain.rotation.check import check as check_regimen
    from mps_pain.domain.rotation.requests import CheckRequest
    from mps_pain.errors import ImplausibleAmountError

    request = CheckRequest.model_validate(
        {
            "from": {
                "items": [
                    {"drug": "oxycodone", "route": "oral", "form": "ER", "daily_dose": "60 mg/day"}
                ]
            },
            "proposed": {
                "items": [
                    {
                        "drug": "morphine",
                        "route": "oral",
                        "form": "ER",
                        "dose": "60 mg",
                        "frequency": "q12h",
                    }
                ]
            },
            "table": "uk-palliative",
        }
    )
    result = check_regimen(tables, request)
    shown = [plain_source(r) or "" for r in result.reasons]
    shown += [plain_source(w.source) or "" for w in result.warnings]
    assert any("factor range" in r for r in shown), shown  # the sentence the review read
    assert not {r: developer_words(r) for r in shown if developer_words(r)}
    data = request.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["patient"] = {"egfr": "900 mL/min"}
    with pytest.raises(ImplausibleAmountError) as refused:
        check_regimen(tables, CheckRequest.model_validate(data))
    assert not developer_words(str(refused.value)), str(refused.value)
