"""The QTc rules judge the methadone to be given, not methadone a proposal stops (pharmacist
re-check 13b, #5b).

N06 (methadone 5 mg tid stopped, oxycodone ER 10 -> 20 mg q12h, QTc 520 ms) showed the DANGER
"QTc 520 ms is above 500 ms: avoid methadone" on a proposal that does exactly that; N05, N07
(methadone stopped, QTc not known) "QTc not known for a patient on methadone: methadone needs an
ECG at 2-4 weeks and at 100 mg/day". Methadone kept is judged, in the words for a patient on it
(no "before it is started"); methadone started keeps them; ``mme`` of a regimen with methadone
(the regimen as given) keeps its warning.

Pharmacist review 14c, #1: ``rotate`` away from methadone at QTc 520 ms then said nothing of the
QTc, where ``mme`` and ``check`` of the same current regimen say it. Methadone a proposal stops,
at a QTc above the danger limit, is now said as a caution (``qtc-prolonged``, "on the methadone
this proposal stops"), never as the DANGER "avoid methadone"; a QTc not known or borderline is
still not said of methadone being stopped.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from mps_pain.services.mme_service import calculate_mme
from mps_pain.services.rotation_service import check_proposal, plan_rotation

_QTC = {"qtc-unknown", "qtc-prolonged", "qtc-borderline"}
_MTD = {"drug": "methadone", "route": "oral", "dose": "5 mg", "frequency": "tid"}
_OTHERS = [
    {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "10 mg", "frequency": "q12h"},
    {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"},
    {"drug": "morphine", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"},
]
_PATIENTS: list[dict[str, Any]] = [{}, {"qtc": "480 ms"}, {"qtc": "520 ms"}]


def _codes(result: Any) -> set[str]:
    return {w.code for w in result.warnings} & _QTC


def _check(current: list[Any], proposed: list[Any], patient: dict[str, Any]) -> Any:
    document = {"from": {"items": current}, "proposed": {"items": proposed}}
    return check_proposal({**document, "table": "uk-palliative", "patient": patient})


@pytest.mark.parametrize(
    ("other", "patient", "doubled"), list(itertools.product(_OTHERS, _PATIENTS, [False, True]))
)
def test_methadone_stopped_is_not_judged_by_qtc(
    other: dict[str, Any], patient: dict[str, Any], doubled: bool
) -> None:
    kept = {**other, "rate": "50 mcg/h"} if doubled and "rate" in other else other
    if doubled and "dose" in other:
        kept = {**other, "dose": f"{2 * float(other['dose'].split()[0]):g} mg"}
    result = _check([_MTD, other], [kept], patient)
    _stopped_methadone_said(result, patient)


def _stopped_methadone_said(result: Any, patient: dict[str, Any]) -> None:
    """Above 500 ms one caution naming the methadone stopped; else nothing; never "avoid"."""
    above = patient.get("qtc") == "520 ms"
    assert _codes(result) == ({"qtc-prolonged"} if above else set()), result.warnings
    said = [w for w in result.warnings if w.code in _QTC]
    assert all(w.severity == "caution" for w in said), said
    assert all("this proposal stops" in w.message for w in said), said
    assert not any("avoid methadone" in w.message for w in said), said


def test_a_plan_away_from_methadone_does_not_say_avoid_methadone() -> None:
    plan = plan_rotation(
        {
            "from": {"items": [_MTD]},
            "to": {"drug": "morphine", "route": "oral", "form": "ER", "frequency": "q12h"},
            "table": "fpm-2021",
            "patient": {"qtc": "520 ms"},
        }
    )
    _stopped_methadone_said(plan, {"qtc": "520 ms"})
    # the same current regimen's QTc code as mme says it (pharmacist review 14c, #1)
    regimen = calculate_mme({"table": "cdc-2022", "items": [_MTD], "patient": {"qtc": "520 ms"}})
    assert _codes(plan) == _codes(regimen) == {"qtc-prolonged"}, regimen.warnings


@pytest.mark.parametrize("patient", _PATIENTS)
def test_methadone_kept_is_judged_as_a_patient_on_it(patient: dict[str, Any]) -> None:
    result = _check([_MTD, _OTHERS[0]], [_MTD], patient)
    expected = {"": "qtc-unknown", "480 ms": "qtc-borderline", "520 ms": "qtc-prolonged"}
    assert _codes(result) == {expected[patient.get("qtc", "")]}, result.warnings
    said = " ".join(w.message for w in result.warnings)
    assert "before it is started" not in said, said


def test_methadone_started_and_methadone_given_keep_their_words() -> None:
    started = _check([_OTHERS[2]], [{**_MTD, "dose": "2 mg"}], {})
    [unknown] = [w for w in started.warnings if w.code == "qtc-unknown"]
    assert "before it is started" in unknown.message, unknown.message
    given = calculate_mme({"table": "cdc-2022", "items": [_MTD]})
    assert {w.code for w in given.warnings} & _QTC == {"qtc-unknown"}, given.warnings
