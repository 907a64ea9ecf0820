"""``mme``'s reading of an as-needed line with no dose counted beside a regular dose at its
drug's maximum (pharmacist re-check 21b, N-1): tramadol MR 200 mg q12h (the 400 mg/day maximum)
with tramadol 50 mg as needed, 0 taken, read nothing in ``mme`` while ``rotate`` and ``check``
call it a danger ("Any as-needed dose of it takes the day above the maximum"). The one rule
(``proposal_max_dose_warnings``); ``mme`` says only its danger, where no dose fits: a regimen's
total states what is taken, and room for K doses is no finding about it.
"""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.as_needed_dose import uncounted_as_needed_mg
from mps_pain.domain.max_dose import proposal_max_dose_warnings
from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.regimen import RegimenDocument
from mps_pain.domain.results import ClinicalWarning
from mps_pain.tables.index import TableIndex

__all__ = ["AS_NEEDED_AT_MAXIMUM", "no_room_warnings"]

AS_NEEDED_AT_MAXIMUM = "max-daily-dose-as-needed"


def no_room_warnings(
    tables: TableIndex, document: RegimenDocument, items: Sequence[DailyItem]
) -> list[ClinicalWarning]:
    """The danger of each drug whose uncounted as-needed dose no room below its maximum takes."""
    uncounted = uncounted_as_needed_mg(items)
    if not uncounted:
        return []
    mine = [d for d in items if d.drug.id in uncounted]
    found = proposal_max_dose_warnings(tables, document.patient, document.market, mine)
    return [w for w in found if w.code == AS_NEEDED_AT_MAXIMUM and w.severity == "danger"]
