"""Pharmacist review 15, D11: a proposal both avoided and above a drug's maximum read "Verdict:
AVOID (amount ABOVE MAXIMUM (amount WITHIN))", and its sentence "… The amount: DANGER: ABOVE THE
MAXIMUM … The amount: Within the expected range". Each danger that comes before the amount is
named once, in order, and the amount once: "AVOID · ABOVE MAXIMUM (amount WITHIN)"."""

from __future__ import annotations

from mps_pain.presentation.check import check_view
from mps_pain.services.rotation_service import check_proposal

K35 = {
    "from": {"items": [{"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "30 mg",
                        "frequency": "q12h"}]},
    "proposed": {"items": [
        {"drug": "morphine", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"},
        {"drug": "pregabalin", "route": "oral", "dose": "300 mg", "frequency": "bid"},
    ]},
    "patient": {"egfr": 20},
}  # fmt: skip


def test_k35_names_each_danger_once_and_the_amount_once() -> None:
    view = check_view(check_proposal(K35))
    assert view.verdict_label == "AVOID · ABOVE MAXIMUM (amount WITHIN)"
    assert view.verdict_sentence.count("The amount:") == 1
    assert view.verdict_sentence.startswith("DANGER: AVOID Morphine (oral)")
    assert "ABOVE THE MAXIMUM DAILY DOSE — Pregabalin" in view.verdict_sentence
    assert view.verdict_sentence.endswith("The amount: Within the expected range")
