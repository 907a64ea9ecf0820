"""The five case regimens written as FHIR bundles import to exactly the hand-typed totals.

Hand-typed twins: data/cases (Takamatsu 2018 case 1 on admission; Kodama 2024 case 2, reading B)
and tests/fhir/cases/*.regimen.yaml (illustrative doses where the reports give none; each file
says so). Totals are compared in the set the hand-typed file names and in every other set of its
spread, item by item.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from mps_pain.domain.regimen import NOT_REPORTED, RegimenDocument
from mps_pain.domain.results import MmeResult
from mps_pain.fhir.importer import import_fhir
from mps_pain.paths import cases_dir
from mps_pain.services.mme_service import calculate_mme
from mps_pain.tables.index import TableIndex
from tests.fhir.conftest import AS_OF, CASES

PAIRS = [
    (
        "takamatsu-2018-case-1-admission",
        cases_dir() / "takamatsu-2018-case-1" / "step-2-admission.yaml",
    ),
    ("fentanyl-patch", CASES / "fentanyl-patch.regimen.yaml"),
    ("kodama-2024-case-1-infusion", CASES / "kodama-2024-case-1-infusion.regimen.yaml"),
    ("methadone", CASES / "methadone.regimen.yaml"),
    (
        "kodama-2024-case-2-iv",
        cases_dir() / "kodama-2024-case-2" / "step-1b-hydromorphone-iv-reading.yaml",
    ),
]


def _hand(path: Path) -> RegimenDocument:
    return RegimenDocument.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def _imported(name: str) -> RegimenDocument:
    text = (CASES / f"{name}.fhir.json").read_text(encoding="utf-8")
    result = import_fhir(text, origin=name, as_of=AS_OF)
    assert result.refused == []
    return result.document


def _answered(imported: RegimenDocument, hand: RegimenDocument) -> RegimenDocument:
    """The import asks for as-needed doses the record does not hold; answer as the hand-typed
    file did (Takamatsu case 1: the rescue doses taken are not reported, entered there as 0)."""
    items = []
    for item in imported.items:
        if item.doses_per_day == NOT_REPORTED:
            typed = next(
                h
                for h in hand.items
                if h.prn
                and (h.drug, h.route, h.form, h.dose)
                == (item.drug, item.route, item.form, item.dose)
            )
            item = item.model_copy(update={"doses_per_day": typed.doses_per_day})
        items.append(item)
    return imported.model_copy(update={"items": items})


def _lines(document: RegimenDocument) -> list[tuple[str, str, str | None, bool, float]]:
    return sorted((i.drug, i.route, i.form, i.prn, i.daily_mg_per_day()) for i in document.items)


@pytest.mark.parametrize(("name", "hand_path"), PAIRS, ids=[p[0] for p in PAIRS])
def test_case_bundle_imports_to_the_hand_typed_totals(
    name: str, hand_path: Path, tables: TableIndex
) -> None:
    hand = _hand(hand_path)
    imported = _answered(_imported(name), hand)
    assert _lines(imported) == _lines(hand)
    expected = calculate_mme(hand, tables=tables)
    got = calculate_mme(imported, tables=tables, table_id=hand.table)
    assert got.total_mme_per_day == expected.total_mme_per_day
    assert [(s.table, s.total_mme_per_day) for s in got.spread] == [
        (s.table, s.total_mme_per_day) for s in expected.spread
    ]
    assert _mme_lines(got) == _mme_lines(expected)


def _mme_lines(result: MmeResult) -> list[tuple[str, str, float | None]]:
    return sorted(
        ((line.drug, line.route, line.mme_per_day) for line in result.items),
        key=lambda line: (line[0], line[1], line[2] or 0.0),
    )


def test_the_case_bundles_mark_each_row_with_its_source() -> None:
    imported = _imported("takamatsu-2018-case-1-admission")
    assert [i.note.split(":")[0] for i in imported.items if i.note] == [
        "FHIR MedicationRequest/oxy-er",
        "FHIR MedicationRequest/oxy-ir-rescue",
        "FHIR MedicationRequest/naproxen",
        "FHIR MedicationRequest/acetaminophen",
        "FHIR MedicationRequest/pregabalin",
    ]


def test_rescue_doses_not_in_the_record_are_asked_for_not_assumed() -> None:
    imported = _imported("takamatsu-2018-case-1-admission")
    rescue = imported.items[1]
    assert rescue.prn and rescue.doses_per_day == NOT_REPORTED


def test_a_stopped_order_is_listed_and_left_out() -> None:
    text = (CASES / "takamatsu-2018-case-1-admission.fhir.json").read_text(encoding="utf-8")
    result = import_fhir(text, as_of=AS_OF)
    assert [(i.source, i.status) for i in result.inactive] == [
        ("MedicationRequest/tramadol-stopped", "stopped")
    ]
    assert all(item.drug != "tramadol" for item in result.document.items)
