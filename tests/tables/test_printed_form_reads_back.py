"""A form as the program prints it reads back as the same form (clinician review 16 #10, session
17): a plan or a check prints "fentanyl sublingual sublingual spray"/"ketamine oral oral
solution" words that the reader refused ("sublingual spray" was no spelling of fentanyl's
``sublingual_spray``, "oral solution" none of ketamine's ``oral_solution``), so an order copied
from a printed plan into the check lost its form. Every form of every drug: the words
``form_label`` prints are a spelling ``resolve_form`` reads, back to the same id; every
modified-release form, as printed, keeps its id in a check under every market's set."""

from __future__ import annotations

import pytest

from mps_pain.domain.form_words import form_label
from mps_pain.services.mme_service import calculate_mme
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
FORMS = [(drug, form) for drug in TABLES.tables.drugs for form in drug.forms]
MODIFIED_RELEASE = [(d, f) for d, f in FORMS if f.id == "er" and "oral" in f.routes]
SETS = sorted({s.id for s in TABLES.tables.reference_sets if s.purpose == "equianalgesic"})


@pytest.mark.parametrize(("drug", "form"), FORMS, ids=lambda x: x.id)
def test_the_printed_form_reads_back_as_itself(drug, form) -> None:
    printed = form_label(form.id)
    assert TABLES.resolve_form(drug, printed) == form.id, (drug.id, printed)


# every modified-release form under every set that has a factor for it (a set without one
# refuses the order for that reason, not for its form)
COVERED = [
    (d, f, t) for d, f in MODIFIED_RELEASE for t in SETS if TABLES.covers(t, d.id, "oral", "er")
]


@pytest.mark.parametrize(("drug", "form", "table"), COVERED, ids=lambda x: getattr(x, "id", x))
def test_a_printed_modified_release_order_keeps_its_form_in_the_check(drug, form, table) -> None:
    strength = f"{form.strengths[0].values[0]:g} mg" if form.strengths else "10 mg"
    order = {
        "drug": drug.id,
        "route": "oral",
        "form": form_label(form.id),
        "dose": strength,
        "frequency": "q12h",
    }
    current = {
        "drug": "morphine",
        "route": "oral",
        "form": "MR",
        "dose": "30 mg",
        "frequency": "q12h",
    }
    request = {"from": {"items": [current]}, "proposed": {"items": [order]}, "table": table}
    check_proposal(request, tables=TABLES)  # read as an order, not refused for its form
    read = calculate_mme({"items": [order]}, tables=TABLES, table_id=table, on_item_error="exclude")
    assert [x.form for x in read.items] in (["er"], []), read
    assert not [x for x in read.excluded if "form" in x.code], read.excluded
