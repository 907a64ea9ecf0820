"""Every danger about the proposed order heads the check (pharmacist review 18, D1: oxycodone
with diazepam or lorazepam for a patient not in palliative care printed the CDC 2022
Recommendation 11 DANGER under "Verdict: WITHIN", JSON ``headline`` ``within``, while every
other danger of the order, a patient factor, a maximum, a methadone or rescue danger, changed
the headline). The one function that picks the headline reads every danger the order carries
(``proposal_dangers``); only a danger about the regimen the patient is on now (its own rows, its
total, the current opioid's own kidney or liver rule) leaves the amount's verdict first.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mps_pain.domain.rotation.check_dangers import proposal_dangers
from mps_pain.errors import MpsPainError
from mps_pain.presentation.check import check_view
from mps_pain.presentation.json_words import check_record
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables

#: the headlines a prescriber reads as signable
SIGNABLE = {"within", "below", "not_reduced", "dose_change"}

_ER = {"route": "oral", "form": "ER", "frequency": "q12h"}

K05 = {
    "from": {"items": [{"drug": "morphine", **_ER, "dose": "60 mg"}]},
    "proposed": {"items": [
        {"drug": "oxycodone", **_ER, "dose": "30 mg"},
        {"drug": "oxycodone", "route": "oral", "form": "IR", "dose": "10 mg", "prn": True,
         "doses_per_day": "not reported"},
        {"drug": "diazepam", "route": "oral", "dose": "5 mg", "frequency": "tid"},
    ]},
    "table": "uk-palliative",
}  # fmt: skip


def test_k05_benzodiazepine_outside_palliative_care_heads_the_check() -> None:
    result = check_proposal(K05, tables=get_tables())
    view = check_view(result)
    assert result.verdict == "within"  # the amount's own verdict is unchanged
    assert view.verdict == "danger" and view.severity.name == "danger"
    assert view.verdict_label == "DANGER: Opioid with a benzodiazepine (amount WITHIN)"
    assert view.verdict_sentence.startswith("DANGER: Opioid with a benzodiazepine")
    assert view.verdict_sentence.endswith("The amount: Within the expected range")
    assert check_record(result)["headline"] == "danger"


def test_k05_in_palliative_care_stays_within() -> None:
    """The palliative rule is a caution (review 17, L5): no danger, the amount's headline."""
    request = K05 | {"patient": {"cancer_or_palliative": True}}
    view = check_view(check_proposal(request, tables=get_tables()))
    assert view.verdict == "within", view.verdict_label


def test_a_danger_about_the_current_regimen_only_leaves_the_amount_first() -> None:
    """Morphine at eGFR 20 (a danger of the CURRENT opioid) switched to an alfentanil infusion:
    the order is within and carries no danger of its own."""
    request = {
        "from": {"items": [{"drug": "morphine", **_ER, "dose": "60 mg"}]},
        "proposed": {"items": [{"drug": "alfentanil", "route": "sc", "daily_dose": "3 mg/day"}]},
        "table": "uk-palliative",
        "patient": {"egfr": "20 mL/min"},
    }
    result = check_proposal(request, tables=get_tables())
    assert any(w.code == "renal-current" and w.severity == "danger" for w in result.warnings)
    assert not proposal_dangers(result.warnings)
    assert check_view(result).verdict in SIGNABLE


_OPIOIDS = [
    {"drug": "morphine", **_ER, "dose": "30 mg"},
    {"drug": "morphine", **_ER, "dose": "60 mg"},
    {"drug": "oxycodone", **_ER, "dose": "20 mg"},
    {"drug": "oxycodone", **_ER, "dose": "40 mg"},
    {"drug": "hydromorphone", "route": "oral", "form": "IR", "dose": "2 mg", "frequency": "q4h"},
    {"drug": "morphine", "route": "sc", "daily_dose": "40 mg/day"},
    {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"},
]
_RESCUES = [
    {"drug": "oxycodone", "route": "oral", "form": "IR", "dose": "5 mg", "prn": True,
     "doses_per_day": 3},
    {"drug": "morphine", "route": "oral", "form": "IR", "dose": "10 mg", "prn": True,
     "doses_per_day": 2},
]  # fmt: skip
_CO = [
    {"drug": "diazepam", "route": "oral", "dose": "5 mg", "frequency": "tid"},
    {"drug": "lorazepam", "route": "oral", "dose": "1 mg", "frequency": "bid"},
    {"drug": "midazolam", "route": "sc", "daily_dose": "10 mg/day"},
    {"drug": "ibuprofen", "route": "oral", "dose": "400 mg", "frequency": "tid"},
    {"drug": "pregabalin", "route": "oral", "dose": "300 mg", "frequency": "bid"},
    {"drug": "paracetamol", "route": "oral", "dose": "1 g", "frequency": "qid"},
]
_PATIENTS = [
    {},
    {"cancer_or_palliative": True},
    {"egfr": "20 mL/min"},
    {"egfr": "45 mL/min", "age": 88},
    {"hepatic_impairment": "severe"},
    {"qtc": "520 ms"},
]


def _maybe(options: list[Any]) -> st.SearchStrategy[list[Any]]:
    return st.one_of(st.just([]), st.sampled_from(options).map(lambda x: [x]))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    now=st.sampled_from(_OPIOIDS),
    now_co=_maybe(_CO),
    new=st.sampled_from(_OPIOIDS),
    rescue=_maybe(_RESCUES),
    new_co=_maybe(_CO),
    patient=st.sampled_from(_PATIENTS),
    table=st.sampled_from(["uk-palliative", "fpm-2021", "jspm-2010"]),
)
def test_no_order_danger_under_a_signable_headline(
    now: dict[str, Any],
    now_co: list[Any],
    new: dict[str, Any],
    rescue: list[Any],
    new_co: list[Any],
    patient: dict[str, Any],
    table: str,
) -> None:
    request = {
        "from": {"items": [now, *now_co]},
        "proposed": {"items": [new, *rescue, *new_co]},
        "table": table,
        "patient": patient,
    }
    try:
        result = check_proposal(request, tables=get_tables())
    except MpsPainError:  # refused with its reason: no headline to read
        return
    view = check_view(result)
    dangers = proposal_dangers(result.warnings)
    assert (view.verdict not in SIGNABLE) == bool(dangers), (
        view.verdict_label,
        [w.code for w in dangers],
    )
    if dangers:
        assert view.severity.name == "danger", view.verdict_label


def test_a_continued_nsaid_at_egfr_20_heads_the_check_in_its_own_words() -> None:
    """Review 15's G15: loxoprofen continued beside a switch at eGFR 20 (a danger of what is to
    be given, the check reading the current non-opioids as continued) heads the check; its
    title names no opioid, as the drug is an NSAID. Since re-check 18b (H1: a line the order
    leaves out is judged by the rules of a written one) it heads the check as the same line
    written in does, AVOID by its own name, and says that it stays in the regimen (L7)."""
    request = {
        "from": {"items": [
            {"drug": "oxycodone", **_ER, "dose": "30 mg"},
            {"drug": "loxoprofen", "route": "oral", "dose": "60 mg", "frequency": "tid"},
        ]},
        "proposed": {"items": [
            {"drug": "hydromorphone", "route": "oral", "form": "IR", "dose": "2.6 mg",
             "frequency": "q6h"},
        ]},
        "patient": {"egfr": "20 mL/min"},
    }  # fmt: skip
    view = check_view(check_proposal(request, tables=get_tables()))
    assert view.verdict == "avoid", view.verdict_label
    assert view.verdict_label == "AVOID (amount WITHIN)"
    assert view.verdict_sentence.startswith("DANGER: AVOID Loxoprofen (oral) for this patient")
    assert any("stays in the regimen" in w.message and "Loxoprofen" in w.message
               for w in view.warnings if w.severity.name == "danger")  # fmt: skip
