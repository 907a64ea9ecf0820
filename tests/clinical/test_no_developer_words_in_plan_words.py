"""Clinician review 19, L1: developer words in what a clinician reads: the planner's refusal of
SC morphine q12h said "mps_pain rotation rules, Software rule, not a clinical source: … (clinical-
sources: SC/IV doses are given as a 24-h CSCI dose, §1 A8)"; the tapentadol plan's info named an
internal review ("clinician re-check 18b, #7") about another drug; the oxycodone plan's info a
value set's key ("oxycodone-medications"). Each is said in words, in the CLI and the app alike."""

from __future__ import annotations

import pytest

from mps_pain.errors import InputError
from mps_pain.presentation.rotation import plan_view
from mps_pain.presentation.set_names import said_plainly
from mps_pain.services.rotation_service import plan_rotation

JARGON = ("mps_pain", "clinical-sources", "Software rule", "re-check", "-medications", "§")
MORPHINE_ER = {
    "drug": "morphine",
    "route": "oral",
    "form": "er",
    "dose": "30 mg",
    "frequency": "bid",
}


def _clean(text: str) -> None:
    assert not [word for word in JARGON if word in text], text


def test_the_refusal_of_an_sc_bolus_q12h_says_whose_rule_in_words(tables) -> None:
    request = {
        "from": {"items": [MORPHINE_ER]},
        "to": {"drug": "morphine", "route": "sc", "frequency": "q12h"},
        "table": "uk-palliative",
    }
    with pytest.raises(InputError) as refused:
        plan_rotation(request, tables=tables)
    said = said_plainly(refused.value.message, tables)
    assert "this program's rotation rules" in said, said
    _clean(said)


@pytest.mark.parametrize("drug", ["tapentadol", "oxycodone"])
def test_a_q12h_plans_form_info_is_in_words(tables, drug: str) -> None:
    request = {
        "from": {"items": [MORPHINE_ER]},
        "to": {"drug": drug, "route": "oral", "frequency": "q12h"},
        "table": "uk-palliative",
    }
    view = plan_view(plan_rotation(request, tables=tables))
    said = [f"{w.message} [{w.citation}]" for w in view.warnings]
    inferred = [text for text in said if "modified-release" in text]
    assert inferred, said
    for text in inferred:
        _clean(text)
        assert "hydromorphone" not in text
