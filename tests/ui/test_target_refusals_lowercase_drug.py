"""Seen on the lead's own screenshot at the end of session 16: the planner's refusal read
"Target form: choose the form of Morphine (immediate-release oral, …)", a capital mid-sentence,
because the refusal's context carried the catalogue's name. The app words every target refusal
from that context, mid-sentence, so the context carries the name written inside a sentence
(``Drug.in_sentence``), for every drug of the catalogue."""

from __future__ import annotations

import pytest

from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.errors import MpsPainError
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables
from ui.error_words import plain_error

TABLES = get_tables()
MORPHINE = {"drug": "morphine", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}
METHADONE = rotation_rules(TABLES).methadone.drug  # given by its methods, not by a form
AMBIGUOUS = [
    d
    for d in TABLES.drugs.values()
    if d.is_opioid and d.id != METHADONE and sum("oral" in f.routes for f in d.forms) > 1
]


@pytest.mark.parametrize("drug", AMBIGUOUS, ids=lambda d: d.id)
def test_a_target_refusal_names_the_drug_in_lowercase(drug) -> None:
    request = {"from": {"items": [MORPHINE]}, "to": {"drug": drug.id, "route": "oral"},
               "table": "uk-palliative"}  # fmt: skip
    with pytest.raises(MpsPainError) as refused:
        plan_rotation(RotationRequest.model_validate(request), tables=TABLES)
    words = plain_error(refused.value)
    assert drug.name not in words and drug.in_sentence in words, words
