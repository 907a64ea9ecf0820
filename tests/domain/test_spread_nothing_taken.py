"""A line counted as nothing never makes a set of the spread "not covered" (clinician re-check
21b, D5). After the patch Apply the Regimen tab read CDC 2022, 2016, 2018, ANZCA FPM and JSPM
all "not covered" for a fentanyl patch with an as-needed alfentanil SC line of which none was
taken (0 mg/day: it adds 0 under every set), while the same regimen without it gave CDC 60 MME,
FPM 75, JSPM 60. A set with no row for a line is "not covered" only where that line adds
something; the spread of ``mme`` and of ``mme --batch --summary`` follow the one rule
(``mme_totals.adds_nothing``)."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.mme import compute_mme
from mps_pain.domain.regimen import RegimenDocument
from mps_pain.errors import MpsPainError
from mps_pain.services.batch_summary import SummaryLines
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
SETS = sorted(TABLES.sets)
PATCH = {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": "25 mcg/h"}
KETAMINE = {"drug": "ketamine", "route": "oral", "dose": "10 mg", "frequency": "tid"}
ALFENTANIL_NONE = {"drug": "alfentanil", "route": "sc", "prn": True, "dose": "325 mcg",
                   "doses_per_day": 0}  # fmt: skip
METHADONE = {"drug": "methadone", "route": "oral", "form": "tablet", "dose": "10 mg",
             "frequency": "q8h"}  # fmt: skip
MORPHINE = {"drug": "morphine", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}


def _document(items: list[dict[str, Any]]) -> RegimenDocument:
    return RegimenDocument.model_validate({"items": items}, context={"lenient": True})


def _spread(items: list[dict[str, Any]], table: str) -> dict[str, float | None]:
    result = compute_mme(TABLES, _document(items), table_id=table, on_item_error="exclude")
    return {entry.table: entry.total_mme_per_day for entry in result.spread}


def _summary_spread(items: list[dict[str, Any]], table: str) -> dict[str, float | None] | None:
    """The batch summary's spread, or None where it refuses (the chosen set's own refusal)."""
    document = _document(items)
    try:
        return dict(SummaryLines(TABLES, table, None)._summary(document, document.items).spread)
    except MpsPainError:
        return None


def test_the_reviewers_patch_with_no_alfentanil_taken_is_covered_by_every_set() -> None:
    without = _spread([PATCH, KETAMINE], "uk-palliative")
    assert without["cdc-2022"] == 60 and without["fpm-2021"] == 75 and without["jspm-2010"] == 60
    with_none_taken = [PATCH, ALFENTANIL_NONE, KETAMINE]
    assert _spread(with_none_taken, "uk-palliative") == without
    assert _summary_spread(with_none_taken, "uk-palliative") == without


def test_a_line_that_adds_something_still_leaves_its_gap() -> None:
    """Taken once, the alfentanil adds OME: the sets with no row for it are not covered; and a
    line with none taken never hides another row's gap (the methadone's, named)."""
    taken = [PATCH, {**ALFENTANIL_NONE, "doses_per_day": 1}]
    spread = _spread(taken, "uk-palliative")
    assert spread["cdc-2022"] is None and spread["uk-palliative"] is not None
    result = compute_mme(
        TABLES, _document([METHADONE, ALFENTANIL_NONE]), table_id="cdc-2022",
        on_item_error="exclude",
    )  # fmt: skip
    uk = next(entry for entry in result.spread if entry.table == "uk-palliative")
    assert uk.total_mme_per_day is None and "methadone" in (uk.missing or ""), uk


_OPIOIDS = st.sampled_from(
    sorted({(f.drug, r) for s in TABLES.tables.reference_sets for f in s.factors for r in f.routes})
)


@given(
    line=_OPIOIDS,
    base=st.sampled_from([[MORPHINE], [PATCH, KETAMINE], [METHADONE], [MORPHINE, METHADONE]]),
    table=st.sampled_from(SETS),
    at=st.integers(0, 2),
)
def test_a_line_with_none_taken_never_changes_another_sets_total(
    line: tuple[str, str], base: list[dict[str, Any]], table: str, at: int
) -> None:
    """Any opioid by any route a set lists, as needed with none taken, anywhere in the regimen:
    every set but the chosen one (which converts every line it shows) keeps its total, covered
    or not, in ``mme`` and in the batch summary alike."""
    drug, route = line
    none_taken = {"drug": drug, "route": route, "prn": True, "dose": "1 mg", "doses_per_day": 0}
    items = [*base[:at], none_taken, *base[at:]]
    before, after = _spread(base, table), _spread(items, table)
    others = [s for s in SETS if s != table]
    assert {s: after[s] for s in others} == {s: before[s] for s in others}
    summary = _summary_spread(items, table)
    if summary is not None:
        assert {s: summary[s] for s in others} == {s: after[s] for s in others}
