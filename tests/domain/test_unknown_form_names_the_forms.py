"""Clinician re-check 17b, #9: a form the catalogue does not know was refused with the
catalogue's ids, "known forms: ir, er, oral_solution, injection, suppository". The refusal
names each form as the catalogue names it ("immediate-release oral, …, oral solution"), for
every drug, never an id."""

from __future__ import annotations

import pytest

from mps_pain.domain.normalise import normalise_item
from mps_pain.domain.regimen import RegimenItem
from mps_pain.errors import InputError
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
DRUGS = [d for d in TABLES.tables.drugs if d.forms]


@pytest.mark.parametrize("drug", DRUGS, ids=lambda d: d.id)
def test_the_refusal_names_the_forms(drug) -> None:
    item = RegimenItem.model_validate(
        {
            "drug": drug.id,
            "route": drug.routes[0],
            "form": "5 mg",
            "dose": "5 mg",
            "frequency": "q12h",
        }
    )
    with pytest.raises(InputError) as refused:
        normalise_item(TABLES, 0, item)
    said = str(refused.value)
    listed = said.partition("known forms: ")[2]
    assert listed, said
    for form in drug.forms:
        assert form.name[:1].lower() + form.name[1:] in listed, said
    assert "_" not in listed, said
