"""Pharmacist re-check 16, #6: at severe hepatic impairment the methadone reason read "methadone
— avoid in hepatic failure. liver impairment: use low doses and titrate slowly.": two rules run
together, the second contradicting the first. Where a rule says to avoid the drug, the caution
about how to give it is moot: the danger is said alone (with its own citation); where only
cautions apply, each is said."""

from __future__ import annotations

import pytest

from tests.rotation.plans import planned

METHADONE = {"drug": "methadone", "route": "oral"}
# the drug's one liver line: a rule held, or the no-rule line saying the advice for every opioid
# (pharmacist review 21, L-2)
CODES = ("hepatic-impairment", "hepatic-no-rule")
MORPHINE = {"drug": "morphine", "route": "oral", "form": "ER", "dose": "60 mg", "frequency": "q12h"}


def _hepatic(level: str, to: dict[str, str]) -> list[dict[str, object]]:
    plan = planned({"from": {"items": [MORPHINE]}, "to": to, "table": "uk-palliative",
                    "patient": {"hepatic_impairment": level}})  # fmt: skip
    return [w for w in plan["warnings"] if w["code"] in CODES]


def test_severe_hepatic_impairment_says_avoid_alone() -> None:
    (warning,) = _hepatic("severe", METHADONE)
    assert warning["severity"] == "danger"
    assert "avoid in hepatic failure" in str(warning["message"])
    assert "low doses" not in str(warning["message"]), warning["message"]


@pytest.mark.parametrize("level", ["mild", "moderate"])
def test_a_caution_alone_is_still_said(level: str) -> None:
    (warning,) = _hepatic(level, METHADONE)
    assert warning["severity"] == "caution" and "low doses" in str(warning["message"])
