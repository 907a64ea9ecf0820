"""The target drug's factor by another route of the same set (pharmacist re-check 19b, L4).

an SC oxycodone target worked out with the set's ORAL oxycodone row (the oral-to-injection
ratio left out) got no diagnosis, though "the factor comes from
another set or another route" is a known pattern. The current side already reads each item by
the same drug's other routes (``diagnose._other_route_totals``); this gives the target side the
same: the equianalgesic dose with the OME per unit of the target drug by each other route of
the exercise's set, as the MME engine reads it (nothing here holds a factor).
"""

from __future__ import annotations

from pydantic import ValidationError

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.errors import MpsPainError
from mps_pain.practice.key import SwitchKey
from mps_pain.services.mme_service import calculate_mme

__all__ = ["other_route_equianalgesic"]


def _ome_per_unit(key: SwitchKey, route: str, unit: str) -> float | None:
    """The OME of one ``unit`` of the target drug by ``route`` under the exercise's set."""
    item = {
        "drug": key.plan.regimen.drug,
        "route": route,
        "daily_dose": {"value": 1.0, "unit": unit},
    }
    doc = {"table": key.exercise.table, "items": [item], "prn": "include"}
    try:
        result = calculate_mme(RegimenDocument.model_validate(doc), tables=key.tables)
    except (MpsPainError, ValidationError):
        return None
    return result.total_mme_per_day


def other_route_equianalgesic(key: SwitchKey) -> list[float]:
    """The equianalgesic dose read with the target drug's row for each other route of the set
    (never a patch: its OME is not per mg/day)."""
    regimen, eq = key.plan.regimen, key.plan.equianalgesic_daily_dose
    set_ = key.tables.sets[key.exercise.table]
    routes = {
        r
        for f in set_.factors
        if f.drug == regimen.drug and not f.forms
        for r in f.routes
        if r not in (regimen.route, "transdermal")
    }
    found = []
    for route in sorted(routes):
        per_unit = _ome_per_unit(key, route, eq.unit)
        if per_unit is not None and per_unit > 0:
            found.append(key.plan.ome_per_day / per_unit)
    return found
