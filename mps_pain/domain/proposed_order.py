"""A line of a proposed order, as the pharmacist's check reads it (clinician review 16, #2).

A proposed as-needed line is an order, not a past intake: nobody knows the doses taken of an
order not yet written. Written with no count of doses a day, it is the order as written, its
use "not reported"; the check then sets it aside beside a regular opioid when its size is within
the breakthrough rule (``rotation.check_rescues``), and asks for the count only where the
as-needed doses are the whole proposal (then they are its intake). A count written on it is the
use expected, never summed beside a regular opioid. The app's proposal editor reads each row
through this rule, so an emptied Taken/24 h is accepted as an order, not refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mps_pain.domain.regimen import NOT_REPORTED

__all__ = ["proposed_line_fields"]


def proposed_line_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """One proposed line's fields as the check reads them: an as-needed line without its doses
    a day has them "not reported" (an order up to its maximum); any other line as written."""
    if fields.get("prn") is True and fields.get("doses_per_day") is None:
        return {**fields, "doses_per_day": NOT_REPORTED}
    return dict(fields)
