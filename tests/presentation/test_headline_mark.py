"""``headline`` gives the word every other total of the same regimen carries (clinician review
10 #10): the spread's bars are marked as the headline is, never a plain number beside a danger."""

from __future__ import annotations

from mps_pain.domain.results import ClinicalWarning
from mps_pain.presentation.mme import headline

DANGER = ClinicalWarning(code="patch-rate", severity="danger", message="a 10x patch", item=1)
CAUTION = ClinicalWarning(code="renal", severity="caution", message="renal note", item=0)


def test_the_mark_follows_the_headline() -> None:
    assert headline("90 OME/day", [CAUTION]).mark == ""
    assert headline("690 OME/day", [DANGER]).mark == "DANGER"
    assert headline("90 OME/day", [], incomplete=True).mark == "INCOMPLETE"
    assert headline("690 OME/day", [DANGER], incomplete=True).mark == "INCOMPLETE, DANGER"
