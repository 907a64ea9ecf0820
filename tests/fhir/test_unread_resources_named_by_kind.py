"""Fuzz review 18d, D4 (wording): a Patient's bad boolean (``deceasedBoolean: "false"``) stopped
the total rightly, but was counted as "1 order could not be read": the Patient is not an order.

One wording rule for what could not be read (``LeftOut.stop_sentence``): "order" when every
refused resource is an order (a MedicationRequest or MedicationStatement), "resource" as soon
as one is not (the patient, an observation)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.fhir.coverage import LeftOut
from mps_pain.fhir.model import RefusedOrder

_KINDS = ("MedicationRequest", "MedicationStatement", "Patient", "Observation")
_ORDERS = {"MedicationRequest", "MedicationStatement"}


def _left_out(kinds: list[str]) -> LeftOut:
    refused = tuple(
        RefusedOrder(source=f"{kind}/r{i}", path="x", code="bad-unit", message="unreadable")
        for i, kind in enumerate(kinds)
    )
    return LeftOut(refused=refused, unread_medication=(), unread_other=(), inactive=())


def test_the_reviews_patient_is_not_called_an_order() -> None:
    sentence = _left_out(["Patient"]).stop_sentence("f.json")
    assert "1 resource could not be read: Patient/r0" in sentence, sentence
    assert "order" not in sentence.split("could not be read")[0]


@given(st.lists(st.sampled_from(_KINDS), min_size=1, max_size=5))
def test_the_noun_counts_what_was_refused(kinds: list[str]) -> None:
    sentence = _left_out(kinds).stop_sentence("f.json")
    noun = "order" if set(kinds) <= _ORDERS else "resource"
    plural = noun if len(kinds) == 1 else f"{noun}s"
    assert f"because {len(kinds)} {plural} could not be read:" in sentence, sentence
