"""Clinician review 16: "Row 2: as-needed Oxycodone — none taken in 24 h" and "of Morphine (oral)"
read as capitals mid-sentence on the screen and the signed PDF. Every drug of the catalogue,
written inside a sentence (after a lowercase word), is written in lowercase: the one rule is
``Drug.in_sentence``; the catalogue's ``name`` keeps its capital for lists and sentence starts."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.errors import MpsPainError
from mps_pain.services.mme_service import calculate_mme
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
DRUGS = tuple(TABLES.drugs.values())
NAMES = "|".join(re.escape(d.name) for d in DRUGS)
MID_SENTENCE = re.compile(rf"[a-z,] ({NAMES})\b")


def _said(document: dict) -> list[str]:
    try:
        result = calculate_mme(document, tables=TABLES, on_item_error="exclude")
    except MpsPainError as refused:  # a whole-document refusal is read by the user too
        return [str(refused)]
    return [w.message for w in result.warnings] + [e.message for e in result.excluded]


@given(
    drug=st.sampled_from(DRUGS),
    amount=st.sampled_from(("1 mg", "1e5 mg", "0.000001 mg")),
    taken=st.sampled_from((0, 1, "not reported")),
    table=st.sampled_from(("uk-palliative", "cdc-2022")),
)
def test_no_drug_name_is_capitalised_after_a_lowercase_word(
    drug, amount: str, taken: object, table: str
) -> None:
    route = drug.routes[0]
    prn = {"drug": drug.id, "route": route, "prn": True, "dose": amount, "doses_per_day": taken}
    regular = {"drug": drug.id, "route": route, "dose": amount, "frequency": "q12h"}
    for items in ([prn], [regular], [regular, regular]):
        for message in _said({"table": table, "prn": "include", "items": items}):
            assert not MID_SENTENCE.search(message), message


def test_in_sentence_lowers_the_first_letter_only() -> None:
    paracetamol = next(d for d in DRUGS if d.id in ("acetaminophen", "paracetamol"))
    assert paracetamol.in_sentence == "acetaminophen (paracetamol)"
