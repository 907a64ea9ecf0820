"""Clinician review 19, L7: the records' version comparison printed "oxycodone oral er 20 mg
bid" and "oxycodone oral ir 10 mg as needed": a form is said by its name (ER, IR, buccal film),
as the regimen table says it (``form_label``), in every line of the diff."""

from __future__ import annotations

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.services.regimen_diff import diff_regimens
from mps_pain.tables.form_spelling import form_label

ER = {"drug": "oxycodone", "route": "oral", "form": "er", "dose": "20 mg", "frequency": "bid"}
IR = {"drug": "oxycodone", "route": "oral", "form": "ir", "dose": "10 mg", "prn": True,
      "doses_per_day": 3}  # fmt: skip
FILM = {"drug": "fentanyl", "route": "buccal", "form": "buccal_film", "dose": "200 mcg",
        "prn": True, "doses_per_day": 1}  # fmt: skip
PATCH = {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": "25 mcg/h"}


def _doc(*items: dict[str, object]) -> RegimenDocument:
    return RegimenDocument.model_validate({"items": list(items)})


def test_removed_and_added_lines_say_forms_by_name() -> None:
    changes = diff_regimens(_doc(ER, IR), _doc(PATCH, FILM))
    words = [c.before or c.after or "" for c in changes]
    assert any("oxycodone oral ER 20 mg" in w for w in words), words
    assert any("oxycodone oral IR 10 mg" in w for w in words), words
    assert any("buccal film" in w for w in words), words
    assert not any(f" {raw} " in f" {w} " for w in words for raw in ("er", "ir", "buccal_film"))


def test_a_changed_form_is_said_by_name() -> None:
    (change,) = [c for c in diff_regimens(_doc(ER), _doc({**ER, "form": "ir"})) if "form" in c.path]
    assert (change.before, change.after) == (form_label("er"), form_label("ir")) == ("ER", "IR")
