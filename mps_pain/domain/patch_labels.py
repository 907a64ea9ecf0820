"""A patch rate written as its label: "12" is the 12.5 mcg/h patch, "37" is 12.5 + 25.

Patch labels round the 12.5 mcg/h patch down to "12" (the catalogue: "the '12' patch delivers
12.5 mcg/h and is stored as 12.5"), and UK prescribers write "37" for a 12.5 + 25 pair. A whole
number that no listed patch or combination gives, where its value + 0.5 is given by patches of
every listed market, is read as that value + 0.5, with a note; the total, the plan and the check
then price the rate the patches deliver (12 read as 12.5, times the set's factor, as the BNF
table prices it), not the label's number (clinician review 7, #3: "12" priced as 28.8 and
refused as "no patch gives 12 mcg/h" beside the app's own note "'12' = 12.5 mcg/h"). One
rule: every path that reads a regimen item (the total, the planner, the check, practice) calls
it through ``normalise_item``.
"""

from __future__ import annotations

import math
from functools import reduce

from mps_pain.domain.regimen import RegimenItem
from mps_pain.domain.results import ClinicalWarning
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import Drug, Strengths
from mps_pain.units import Dimension, ParsedQuantity, dimension_of, format_number, scale

__all__ = ["label_rate", "patch_from_label"]

_SCALE = 1000  # strengths in thousandths of their unit


def _given_by(value: float, strengths: Strengths) -> bool:
    """True when patches of these strengths (any number of each) add up to exactly ``value``."""
    sizes = [round(s * _SCALE) for s in strengths.values]
    target = round(value * _SCALE)
    if not sizes or not math.isclose(target, value * _SCALE, abs_tol=1e-6):
        return False
    step = reduce(math.gcd, sizes)
    if target % step:
        return False
    units, need = sorted(s // step for s in sizes), target // step
    # Schur's bound: with coprime sizes a_1 < … < a_k every amount above (a_1 - 1)(a_k - 1) - 1
    # is made; only amounts below it are searched (fuzz review 20, D1: 1e9 mcg/h searched 8e7
    # amounts, 223 s and 1.3 GB, before the plausibility refusal)
    if need > (units[0] - 1) * (units[-1] - 1) - 1:
        return True
    reach = [True] + [False] * need
    for n in range(1, len(reach)):
        reach[n] = any(n >= u and reach[n - u] for u in units)
    return reach[-1]


def _patch_strengths(drug: Drug, form_id: str | None) -> list[Strengths]:
    forms = [f for f in drug.forms if "transdermal" in f.routes and f.id == (form_id or f.id)]
    return [s for f in forms for s in f.strengths if dimension_of(s.unit) is Dimension.MASS_RATE]


def label_rate(drug: Drug, form_id: str | None, rate: ParsedQuantity) -> Strengths | None:
    """The strengths whose patches make ``rate`` + 0.5 (in their unit) where ``rate`` is a whole
    number no listed patch or combination gives; None when the rate is read as written."""
    if dimension_of(rate.unit) is not Dimension.MASS_RATE:
        return None  # a volume rate (mL/h at a concentration) is no patch label
    listed = _patch_strengths(drug, form_id)
    if not listed or any(scale(rate.unit, s.unit) != 1 for s in listed):
        return None
    value = rate.value
    if value <= 0 or value != int(value) or any(_given_by(value, s) for s in listed):
        return None
    if all(_given_by(value + 0.5, s) for s in listed):
        return listed[0]
    return None


def patch_from_label(
    tables: TableIndex, drug: Drug, form_id: str | None, item: RegimenItem, position: int
) -> tuple[RegimenItem, ClinicalWarning | None]:
    """``item`` with its patch rate read as the patches deliver it, and the note saying so."""
    rate = item.rate
    if item.route != "transdermal" or rate is None:
        return item, None
    strengths = label_rate(drug, form_id, rate)
    if strengths is None:
        return item, None
    read = ParsedQuantity(rate.value + 0.5, rate.unit)
    note = ClinicalWarning(
        code="patch-label-read-as-rate",
        severity="info",
        message=f"Rate {rate} of {drug.in_sentence} was read as {read}: the patch labelled "
        f"“{format_number(rate.value)}” delivers {read} (the '12' patch delivers 12.5 mcg/h; "
        f"“37” is a 12.5 + 25 pair), and the total counts what is delivered.",
        source=tables.cite(strengths.citation),
        item=position,
    )
    return item.model_copy(update={"rate": read}), note
