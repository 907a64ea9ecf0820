"""Lint: every citation in the table schema is read by some output (issue 11 item 4).

A citation that no output reads means a printed number has lost its source (the methadone
methods' frequency was printed without its citation). The lint lists every place of the shipped
table that carries a citation (list positions folded, so ``drugs[].max_daily[]`` is one place),
runs a corpus of regimens through the outputs that turn table rows into results (MME, rotation
plan, check), records each citation they cite, and requires every place to be cited at least
once. A place the corpus cannot reach is a missing scenario: add one, never an exemption.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import BaseModel

from mps_pain.errors import InputError, PlanningError
from mps_pain.services.mme_service import calculate_mme
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.index import TableIndex
from mps_pain.tables.loader import get_tables
from mps_pain.tables.schema_types import Citation


def _citations(model: BaseModel, place: str = "") -> Iterator[tuple[str, Citation]]:
    """(place, citation) of every Citation under ``model``; list positions folded to ``[]``."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        where = f"{place}.{name}" if place else name
        if isinstance(value, Citation):
            yield place, value
        elif isinstance(value, BaseModel):
            yield from _citations(value, where)
        elif isinstance(value, list | dict):
            for element in value.values() if isinstance(value, dict) else value:
                if isinstance(element, BaseModel):
                    yield from _citations(element, f"{where}[]")


def citation_places(tables: TableIndex) -> dict[str, list[Citation]]:
    """Every place of the table that carries a citation (the record it covers), with them all."""
    places: dict[str, list[Citation]] = {}
    for place, citation in _citations(tables.tables):
        places.setdefault(place, []).append(citation)
    return places


def _oral(drug: str, dose: str, frequency: str = "q12h", **extra: Any) -> dict[str, Any]:
    return {"drug": drug, "route": "oral", "dose": dose, "frequency": frequency, **extra}


def _to(drug: str, form: str | None, frequency: str, route: str = "oral") -> dict[str, Any]:
    return {"drug": drug, "route": route, "form": form, "frequency": frequency}


PATCH_25 = {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"}
MORPHINE_ER_60 = _oral("morphine", "30 mg", form="er")
MORPHINE_ER_600 = _oral("morphine", "300 mg", form="er")
SICK = {
    "age": 88,
    "frail": True,
    "egfr": "20 mL/min",
    "hepatic_impairment": "severe",
    "qtc": "480 ms",
    "fever": True,
    "opioid_tolerant": True,
}

MME_DOCUMENTS: list[dict[str, Any]] = (
    [
        {"table": set_id, "items": [MORPHINE_ER_600, PATCH_25, _oral("oxycodone", "10 mg")]}
        for set_id in ("cdc-2022", "cdc-2016", "fpm-2021", "uk-palliative", "jspm-2010")
    ]
    + [
        # a patch above the largest single patch (review 7, clinician 1): cites the patch label
        {"table": "uk-palliative", "items": [{**PATCH_25, "rate": "250 mcg/h"}]},
        # a syringe driver's 24-h amount written per hour? (clinician re-check 19b, R1)
        {
            "table": "uk-palliative",
            "items": [{"drug": "morphine", "route": "sc", "rate": "20 mg/h"}],
        },
        # pethidine by syringe driver: not for regular use (pharmacist review 20, M4)
        {
            "table": "fpm-2021",
            "items": [{"drug": "pethidine", "route": "sc", "rate": "110 mg/day"}],
        },
    ]
    + [
        {
            "table": "cdc-2022",
            "patient": {**SICK, "cancer_or_palliative": True},
            "items": [
                _oral("morphine", "550 mg", "q4h", form="ir"),
                _oral("acetaminophen", "2000 mg", "qid"),
                _oral("ibuprofen", "800 mg", "tid"),
                _oral("naproxen", "500 mg", "bid"),
                _oral("pregabalin", "150 mg", "bid"),
                _oral("diazepam", "5 mg", "tid"),
                _oral("ketamine", "10 mg", "tid"),
                {
                    "drug": "fentanyl",
                    "route": "transdermal",
                    "product": "Durotep MT",
                    "dose": "2.1 mg",
                    "frequency": "every 72 h",
                },
            ],
        },
        {"table": "cdc-2018-research", "items": [_oral("methadone", "20 mg", "q8h")]},
    ]
)

ROTATIONS: list[dict[str, Any]] = [
    {"from": {"items": [MORPHINE_ER_60]}, "to": _to("oxycodone", "er", "q12h")},
    # the words a market writes (pharmacist review 19, L9): paracetamol and MR, UK and NZ
    *(
        {
            "from": {"items": [MORPHINE_ER_60, _oral("paracetamol", "1000 mg", "qid")]},
            "to": _to("oxycodone", "er", "q12h"),
            "market": market,
        }
        for market in ("UK", "NZ")
    ),
    # infused ketamine kept: its route advice has its own place (clinician review 19, L4)
    {
        "from": {
            "items": [
                MORPHINE_ER_60,
                {"drug": "ketamine", "route": "sc", "daily_dose": "100 mg/day"},
            ]
        },
        "to": _to("oxycodone", "er", "q12h"),
    },
    # no strength of codeine oral held: the catalogue-gap rule (re-check 18b, L5)
    {
        "from": {"items": [MORPHINE_ER_60]},
        "to": {"drug": "codeine", "route": "oral", "frequency": "q6h"},
    },
    {
        "from": {"items": [MORPHINE_ER_600]},
        "to": {"drug": "oxycodone", "route": "oral", "form": "ir", "frequency": "q4h"},
        "patient": SICK,
        "pain_controlled": False,
    },
    {"from": {"items": [MORPHINE_ER_60]}, "to": _to("morphine", None, "q4h", route="sc")},
    {
        "from": {"items": [MORPHINE_ER_60]},
        "to": {"drug": "morphine", "route": "sc", "continuous": True},
    },
    {"from": {"items": [MORPHINE_ER_600]}, "to": {"drug": "fentanyl", "route": "transdermal"}},
    {
        "from": {"items": [_oral("morphine", "10 mg", "q4h", form="ir")]},
        "to": {"drug": "fentanyl", "route": "transdermal"},
        "table": "uk-palliative",
    },
    {
        "from": {"items": [{"drug": "morphine", "route": "sc", "rate": "2 mg/h"}]},
        "to": {"drug": "fentanyl", "route": "transdermal"},
        "table": "uk-palliative",
    },
    {"from": {"items": [PATCH_25]}, "to": _to("morphine", "er", "q12h")},
    {  # rounded up within the sourced reduction, never above the equianalgesic dose
        "from": {"items": [{**PATCH_25, "rate": "50 mcg/h"}]},
        "to": _to("oxycodone", "er", "q12h"),
        "table": "uk-palliative",
    },
    {  # 4 suppositories a day cannot reach 400 mg/day: no dose at this interval (beyond_reach)
        "from": {"items": [MORPHINE_ER_600]},
        "to": _to("morphine", None, "daily", route="rectal"),
        "table": "jspm-2010",
    },
    {"from": {"items": [PATCH_25]}, "to": {"drug": "buprenorphine", "route": "transdermal"}},
    {  # from a buprenorphine patch: its own skin-depot wording (review 5b, N2)
        "from": {"items": [{"drug": "buprenorphine", "route": "transdermal", "rate": "10 mcg/h"}]},
        "to": _to("morphine", "ir", "q4h"),
        "table": "uk-palliative",
    },
    {"from": {"items": [_oral("methadone", "10 mg", "q8h")]}, "to": _to("morphine", "ir", "q4h")},
    {  # 4 and 5 mg/day at an immediate-release interval (q12h: refused since fuzz review 21, D1)
        "from": {"items": [_oral("morphine", "1 mg", "q6h", form="ir")]},
        "to": {"drug": "fentanyl", "route": "transdermal"},
        "patient": {"opioid_tolerant": True},
    },
    {
        "from": {"items": [_oral("oxycodone", "1.25 mg", "q6h", form="ir")]},
        "to": _to("morphine", "ir", "q4h"),
    },
    {
        "from": {"items": [{"drug": "morphine", "route": "oral", "daily_dose": "200 mg/day"}]},
        "to": {"drug": "fentanyl", "route": "transdermal"},
    },
    {  # no patch in the range, the one above nearer it (pharmacist review 7, D7): nearer_patch
        "from": {"items": [{"drug": "oxycodone", "route": "oral", "daily_dose": "60 mg/day"}]},
        "to": {"drug": "fentanyl", "route": "transdermal"},
        "table": "fpm-2021",
    },
    {"from": {"items": [MORPHINE_ER_60]}, "to": _to("fentanyl", None, "q4h", route="sc")},
    {
        "from": {"items": [MORPHINE_ER_60]},
        "to": {"drug": "fentanyl", "route": "sc", "continuous": True},
    },
    {  # JSPM's own infusion rescue, the 1-hour amount (never another set's: review 8, N4)
        "from": {"items": [MORPHINE_ER_60]},
        "to": {"drug": "fentanyl", "route": "iv", "continuous": True},
        "table": "jspm-2010",
    },
    {
        "from": {
            "items": [
                {"drug": "morphine", "route": "sc", "rate": "1 mg/h"},
                {"drug": "midazolam", "route": "sc", "rate": "0.5 mg/h"},
            ]
        },
        "to": _to("oxycodone", "er", "q12h"),
    },
    {  # the same in palliative care: the kept benzodiazepine's palliative words (review 17, L5)
        "from": {
            "items": [
                {"drug": "morphine", "route": "sc", "rate": "1 mg/h"},
                {"drug": "midazolam", "route": "sc", "rate": "0.5 mg/h"},
            ]
        },
        "to": _to("oxycodone", "er", "q12h"),
        "patient": {"cancer_or_palliative": True},
    },
    {  # 160 mg/day OME: the label's band edge; the UK set's own method is another
        "from": {"items": [_oral("morphine", "80 mg", "q12h", form="er")]},
        "to": {"drug": "methadone", "route": "oral"},
        "methadone_method": "jp-label",
    },
    {  # 80 mg/day OME: CCDHB's 4:1 band above the 8:1 band's lower edge, held down (band_edge)
        "from": {"items": [_oral("morphine", "40 mg", "q12h", form="er")]},
        "to": {"drug": "methadone", "route": "oral"},
        "methadone_method": "ccdhb",
    },
    {  # continuous IV morphine → IV oxycodone, JP: the injection label's start (label_starts)
        "from": {"items": [{"drug": "morphine", "route": "iv", "rate": "2 mg/h"}]},
        "to": {"drug": "oxycodone", "route": "iv", "continuous": True},
        "table": "jspm-2010",
    },
    {  # a JP-set patch plan: the JP patch label's own conversion (patches.label_conversion)
        "from": {"items": [_oral("morphine", "60 mg", "q12h", form="er")]},
        "to": {"drug": "fentanyl", "route": "transdermal"},
        "table": "jspm-2010",
    },
    {  # recorded not tolerant beside a tolerant regimen: the conflict cites also_needed_by
        "from": {"items": [_oral("morphine", "80 mg", "q12h", form="er")]},
        "to": {"drug": "methadone", "route": "oral"},
        "patient": {"opioid_tolerant": False},
    },
    {
        "from": {"items": [_oral("morphine", "10 mg", "q12h", form="er")]},  # MR q12h: D1 (r21)
        "to": _to("methadone", None, "q8h"),
        "methadone_method": "msd-quill",
    },
    {
        "from": {"items": [_oral("morphine", "2 mg", "q12h")]},
        "to": _to("hydromorphone", "er", "q24h"),
        "market": "NZ",
    },
    {  # measured as oral solution in its 1 mg steps (the 2.5 mg case is now below one step)
        "from": {"items": [_oral("oxycodone", "5 mg", "q12h", form="er")]},
        "to": _to("morphine", "ir", "q4h"),
    },
] + [
    {
        "from": {"items": [ome]},
        "to": {"drug": "methadone", "route": "oral"},
        "methadone_method": method,
        "methadone_schedule": schedule,
        "patient": {"qtc": "480 ms"},
    }
    for method in ("jp-label", "morley-makin", "msd-quill", "ccdhb")
    for schedule in ("immediate", "three-step")
    for ome in (MORPHINE_ER_600, _oral("morphine", "800 mg", "q12h", form="er"))
    if not (method == "morley-makin" and schedule == "three-step")
    and not (method == "ccdhb" and ome is not MORPHINE_ER_600)
]

CHECKS: list[dict[str, Any]] = [
    {
        "from": {"items": [MORPHINE_ER_60]},
        "proposed": {"items": [_oral("oxycodone", "19 mg")]},
        "patient": SICK,
    },
    {"from": {"items": [MORPHINE_ER_600]}, "proposed": {"items": [PATCH_25]}},
    {
        "from": {"items": [_oral("morphine", "60 mg", "q12h", form="er")]},
        "proposed": {"items": [_oral("methadone", "5 mg", "q8h")]},
    },
    # a methadone dose increase: the titration interval (fuzz review 9, #2)
    {
        "from": {"items": [_oral("methadone", "5 mg", "q8h")]},
        "proposed": {"items": [_oral("methadone", "7.5 mg", "q8h")]},
    },
    # the same under a JP set: the JP label's own interval (pharmacist review 10, N-4)
    {
        "from": {"items": [_oral("methadone", "5 mg", "q8h")]},
        "proposed": {"items": [_oral("methadone", "7.5 mg", "q8h")]},
        "table": "jspm-2010",
    },
    # a line kept identical beside a switch: 0% by the software's rule (re-check 13b, #7)
    {
        "from": {"items": [_oral("oxycodone", "20 mg", form="er"), MORPHINE_ER_60]},
        "proposed": {"items": [_oral("hydromorphone", "4 mg", form="er"), MORPHINE_ER_60]},
    },
    # methadone stopped beside a kept morphine line: a dose change (fuzz review 13, #1)
    {
        "from": {"items": [MORPHINE_ER_60, _oral("methadone", "5 mg", "q8h")]},
        "proposed": {"items": [MORPHINE_ER_60]},
    },
    # a pump rate that is the range's top rounded to the nearest step (fuzz re-check 19b, D2)
    {
        "from": {"items": [_oral("oxycodone", "10 mg", "q4h", form="ir")]},
        "proposed": {"items": [{"drug": "hydromorphone", "route": "sc", "rate": "0.19 mg/h"}]},
    },
    # a rescue many times the rule's top, 0 a day: the program's danger rule (review 20, N1)
    {
        "from": {"items": [MORPHINE_ER_60]},
        "proposed": {
            "items": [
                MORPHINE_ER_60,
                {
                    "drug": "morphine",
                    "route": "oral",
                    "form": "ir",
                    "dose": "60 mg",
                    "prn": True,
                    "doses_per_day": 0,
                },
            ]
        },
    },
    # a plan's own rescue beside its rate typed per hour as printed, read within by one pump
    # step of the rate (pharmacist re-check 20c, M-A; the share of the tolerance in data/)
    {
        "from": {"items": [_oral("morphine", "30 mg", form="MR")]},
        "table": "uk-palliative",
        "proposed": {
            "items": [
                {"drug": "alfentanil", "route": "sc", "form": "injection", "rate": "0.062 mg/h"},
                {
                    "drug": "alfentanil",
                    "route": "sc",
                    "form": "injection",
                    "dose": "0.25 mg",
                    "prn": True,
                    "doses_per_day": 0,
                },
            ]
        },
    },
]


# refused, and the refusal names the cited bounds or rule it applies
REFUSED_ROTATIONS: list[dict[str, Any]] = [
    {"from": {"items": [MORPHINE_ER_60]}, "to": _to("oxycodone", "er", "q12h"), "reduction": 0.95},
    {  # a switch to methadone from a regimen that has methadone (not bidirectional)
        "from": {"items": [_oral("methadone", "10 mg", "tid"), MORPHINE_ER_60]},
        "to": _to("methadone", None, "tid"),
    },
]


# refused, naming the patient's measurement and citing its software bound
REFUSED_MME: list[dict[str, Any]] = [
    {"items": [MORPHINE_ER_60], "patient": {"egfr": "1000000000 mL/min"}},
    {"items": [MORPHINE_ER_60], "patient": {"creatinine_clearance": "1000000 mL/min"}},
    {"items": [MORPHINE_ER_60], "patient": {"qtc": "4400 ms"}},
    {"items": [MORPHINE_ER_60], "patient": {"weight": "700 kg"}},
]


def _run(document: dict[str, Any], call: Any) -> None:
    try:
        call(document)
    except Exception as error:  # a refused scenario is a corpus defect, named here
        raise AssertionError(f"scenario refused: {document}: {error}") from error


@pytest.fixture(scope="module")
def cited(monkeypatch_module: pytest.MonkeyPatch) -> set[int]:
    """Identities of the Citation objects the outputs cited (every output cites through
    ``TableIndex.cite``; the spy records and calls it unchanged)."""
    seen: set[int] = set()
    real = TableIndex.cite

    def spy(self: TableIndex, citation: Citation) -> str:
        seen.add(id(citation))
        return real(self, citation)

    monkeypatch_module.setattr(TableIndex, "cite", spy)
    # a remembered answer (``domain.memo``) was cited when it was first computed, perhaps by an
    # earlier test in this process: forget them all, so every output cites here again
    get_tables().memo.clear()
    for document in MME_DOCUMENTS:
        _run(document, calculate_mme)
    for document in ROTATIONS:
        _run(document, plan_rotation)
    for document in CHECKS:
        _run(document, check_proposal)
    for document in REFUSED_ROTATIONS:
        with pytest.raises((InputError, PlanningError)):
            plan_rotation(document)
    for document in REFUSED_MME:
        with pytest.raises(InputError):
            calculate_mme(document)
    return seen


@pytest.fixture(scope="module")
def monkeypatch_module() -> Iterator[pytest.MonkeyPatch]:
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_the_lint_finds_every_cited_place_of_the_shipped_table() -> None:
    places = citation_places(get_tables())
    assert {"reference_sets[].factors[]", "rotation.methadone.methods[].frequency"} <= set(places)
    factors = [f for set_ in get_tables().tables.reference_sets for f in set_.factors]
    assert len(places["reference_sets[].factors[]"]) == len(factors)


def test_every_citation_place_is_read_by_some_output(cited: set[int]) -> None:
    places = citation_places(get_tables())
    unread = sorted(
        place for place, found in places.items() if not any(id(c) in cited for c in found)
    )
    assert not unread, f"citations no output reads: {unread}"
