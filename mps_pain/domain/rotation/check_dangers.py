"""Which dangers of a check are about the proposed order (pharmacist review 18, D1: an opioid
with a benzodiazepine outside palliative care, a DANGER, was headlined ``WITHIN``).

A danger is about the order unless it is about the regimen the patient is on now: the patient
rules' own current role (the current opioid and the kidneys or the liver), the check of the
current rows and of the current total (the check reads the plausibility of the current regimen's
rows only; a proposed row's flags have their own codes, ``check_flags``), and the switch off the
current methadone. Any other danger, of whatever rule, is the order's: the default is the safe
side, so a new rule's danger heads the check without being listed here.

Heat and fever with a patch is the order's only where the order holds a patch (fuzz review 21,
D4: "DANGER: Patch: heat and fever" headed an order taking the patch off, an oral proposal); the
line of a patch being taken off stays among the warnings, about the current regimen's patch.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from mps_pain.domain.patient_rules.heat_fever import PATCH_HEAT_FEVER
from mps_pain.domain.plausibility import SANITY_FLAGS
from mps_pain.domain.results import ClinicalWarning
from mps_pain.domain.rotation.ome import FROM_METHADONE

__all__ = ["CURRENT_REGIMEN_DANGERS", "proposal_dangers"]

#: the codes of a danger about the current regimen only
CURRENT_REGIMEN_DANGERS = frozenset(
    {
        "renal-current",
        "hepatic-current",
        *SANITY_FLAGS,  # of the current rows; a proposed row's has its own (``check_flags``)
        "total-far-above-palliative-range",
        FROM_METHADONE,
    }
)


def proposal_dangers(
    warnings: Iterable[ClinicalWarning], routes: Collection[str] | None = None
) -> tuple[ClinicalWarning, ...]:
    """The check's dangers about the proposed order, in their order. ``routes``: the proposed
    order's routes (None: not known, and a heat-and-fever danger is the order's, the safe side);
    without a transdermal one the order holds no patch for heat and fever to act on."""
    current = CURRENT_REGIMEN_DANGERS
    if routes is not None and "transdermal" not in routes:
        current = current | {PATCH_HEAT_FEVER}
    return tuple(w for w in warnings if w.severity == "danger" and w.code not in current)
