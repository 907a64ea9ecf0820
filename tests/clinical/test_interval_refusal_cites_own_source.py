"""Pharmacist review 18, L5: an interval refusal cites the drug's own interval source.

The refusal of oxycodone ER q6h (K04) cited the Medscape UK *morphine* MR monograph and the
*hydromorphone* Narusus label as the source of oxycodone's interval. Every drug and form with
cited intervals (data/form_inference.yaml, ``intervals``), refused at an interval its form is not
given at, cites only sources that speak for that drug (its own product's, or every drug's of the
form); where none does, the refusal says so and names each other source as cited for its drug.
"""

from __future__ import annotations

import pytest

from mps_pain.domain.form_inference import IntervalRule, check_interval, interval_rule
from mps_pain.domain.frequency import parse_frequency
from mps_pain.errors import InputError
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
CASES = [
    (drug.id, form.id, rule)
    for drug in TABLES.drugs.values()
    for form in drug.forms
    if (rule := interval_rule(drug, form.id, "oral")) is not None
]


def _refusal(drug_id: str, form_id: str, rule: IntervalRule) -> str:
    hours = next(h for h in (3, 8, 48) if not rule.accepts(h))
    with pytest.raises(InputError) as refused:
        check_interval(TABLES, drug_id, "oral", form_id, parse_frequency(f"q{hours}h"))
    return str(refused.value)


def _cited_for_the_drug(message: str, drug_id: str, rule: IntervalRule) -> None:
    held = [s for s in rule.sources if s.source in TABLES.tables.sources]
    own = [s for s in held if s.speaks_for(drug_id)]
    for source in held:
        cite = TABLES.cite(source)
        if source.speaks_for(drug_id):
            assert cite in message, (drug_id, message)
        elif own:
            assert cite not in message, (drug_id, cite, message)
        else:
            assert f"cited for {', '.join(source.drugs)}: {cite}" in message, (drug_id, message)
    assert bool(own) != ("own interval was found" in message), (drug_id, message)


def test_every_form_with_cited_intervals_is_covered() -> None:
    assert {(d, f) for d, f, _ in CASES} >= {("oxycodone", "er"), ("morphine", "ir")}


@pytest.mark.parametrize(
    ("drug_id", "form_id", "rule"), CASES, ids=[f"{d}-{f}" for d, f, _ in CASES]
)
def test_an_interval_refusal_cites_the_drugs_own_source(
    drug_id: str, form_id: str, rule: IntervalRule
) -> None:
    _cited_for_the_drug(_refusal(drug_id, form_id, rule), drug_id, rule)


def test_the_reviews_k04_order_cites_oxycodone() -> None:
    """K04: oxycodone ER 15 mg q6h proposed; the check refuses it with oxycodone's source."""
    er = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "15 mg", "frequency": "q6h"}
    request = {
        "from": {"items": [{**er, "drug": "morphine", "dose": "60 mg", "frequency": "q12h"}]},
        "proposed": {"items": [er]},
        "table": "uk-palliative",
    }
    with pytest.raises(InputError) as refused:
        check_proposal(request, tables=TABLES)
    drug = TABLES.drugs["oxycodone"]
    rule = interval_rule(drug, "er", "oral")
    assert rule is not None
    _cited_for_the_drug(str(refused.value), "oxycodone", rule)
    assert "morphine" not in str(refused.value).lower().split("(", 1)[1], refused.value
