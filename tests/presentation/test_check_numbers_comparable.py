"""Clinician review 21, N7 (second part): the check's numbers line read "Current 80 mg/day OME;
proposed 25 mcg/h fentanyl", two units on one line with nothing to compare them by. Where the
verdict measures another amount than the OME (a patch's rate, one drug's daily amount), the
proposal's OME under the set is said beside its own units (``CheckResult.proposed_ome_beside``,
from the check; said by the one formatter, ``presentation.check._proposed``), so both sides read
in OME; a methadone order keeps none (its OME is not a total: review 14 #5)."""

from __future__ import annotations

from mps_pain.presentation.check import check_view
from mps_pain.services.rotation_service import check_proposal

PATIENT = {"identifier": "MRN-21A1", "age": 71, "weight": "62 kg", "egfr": "25 mL/min"}
SC = {"drug": "oxycodone", "route": "sc", "form": "injection", "rate": "40 mg/24 h"}
PATCH = {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"}


def _check(current: list[dict[str, object]], proposed: list[dict[str, object]]):  # type: ignore[no-untyped-def]
    return check_proposal(
        {
            "from": {"items": current},
            "proposed": {"items": proposed},
            "table": "uk-palliative",
            "patient": PATIENT,
        }
    )


def test_a_patch_proposal_is_said_in_ome_beside_its_rate() -> None:
    result = _check([SC], [PATCH])  # the review's switch: 80 OME/day to a 25 mcg/h patch
    assert result.measure == "patch_rate"
    assert result.proposed_ome_beside is not None and result.proposed_ome_beside > 0
    view = check_view(result)
    assert view.current.endswith("mg/day OME"), view.current
    assert "mcg/h" in view.proposed and "mg/day OME" in view.proposed, view.proposed
    assert "mg/day OME" in view.numbers.split("proposed", 1)[1].split(";")[0], view.numbers


def test_a_kept_patch_reads_the_same_ome_on_both_sides() -> None:
    result = _check([PATCH], [PATCH])
    view = check_view(result)
    assert result.current_ome_per_day == result.proposed_ome_beside, view.numbers
    assert view.proposed.startswith("25 mcg/h"), view.proposed


def test_an_ome_verdict_says_no_second_ome() -> None:
    result = _check([PATCH], [SC])
    assert result.measure == "ome_a_day" and result.proposed_ome_beside is None
    assert check_view(result).proposed.count("OME") == 1
