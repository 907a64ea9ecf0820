"""A sourced breakthrough dose in another opioid where a patch's cited rule gives none
(pharmacist review 5b, D8: f13 and b26 had only a danger and no number).

The general breakthrough rule — 1/10–1/6 of the new 24-h dose (Scottish PCG; SIGN 106 1/6) — is
applied to the patch's 24-h dose expressed as OME by the set's own patch factor, and converted
into the breakthrough opioid by the set's own factor, the planner's usual arithmetic:

- a patch with no patch-linked table (a buprenorphine patch): in the patch-linked opioid (oral
  morphine IR, as for a fentanyl patch);
- a patch whose linked opioid the patient-factor rules avoid (oral morphine at eGFR < 30): in the
  first of that rule's sourced alternatives (SIGN: alfentanil; j-cope: hydromorphone) that the set
  covers by a non-patch route and the patient may take.

None when no candidate gives a dose: the plan keeps its danger and no number.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.patient_rules.engine import avoid_warnings
from mps_pain.domain.patient_rules.uses import DrugUse
from mps_pain.domain.regimen import Patient
from mps_pain.domain.results import Amount, ClinicalWarning
from mps_pain.domain.rotation.breakthrough import AVOIDED_ADVICE, format_fraction
from mps_pain.domain.rotation.convert import equianalgesic
from mps_pain.domain.rotation.models import Breakthrough
from mps_pain.domain.rotation.rescue_fraction import fraction_rescue
from mps_pain.domain.rotation.rounding import MarketChoice
from mps_pain.numbers import format_span
from mps_pain.tables.index import TableIndex
from mps_pain.tables.label_words import daily_amount
from mps_pain.tables.schema import Drug, ReferenceSet
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.unit_kinds import same_unit
from mps_pain.units import format_number, scale, tidy

__all__ = ["ALTERNATIVE", "none_in_set", "patch_breakthrough_alternative", "said_none_in_set"]

ALTERNATIVE = "breakthrough-alternative"


def patch_breakthrough_alternative(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    patient: Patient,
    items: Sequence[DailyItem],
    patch: tuple[Drug, Amount],
    market: MarketChoice | str | None,
    avoided: str | None,
) -> tuple[Breakthrough, ClinicalWarning] | None:
    """The alternative breakthrough dose and its caution, or None. ``avoided``: the patch-linked
    opioid the rules avoid for the patient (None: the patch has no linked table)."""
    drug, rate = patch
    per_day = rate.value * scale(rate.unit, "mg/day")
    match = tables.find_factor(set_.id, drug.id, "transdermal", None, per_day, location=None)
    ome = tidy(match.ome_mg_per_day)
    patch_line = (
        f"the patch {format_number(rate.value)} {rate.unit} is "
        f"{daily_amount(ome, set_.output_label)} "
        f"[{tables.cite(match.factor.citation)}]"
    )
    for candidate, route, form in _candidates(tables, rules, set_.id, avoided):
        if avoid_warnings(tables, patient, DrugUse(candidate, route), items):
            continue
        eq = equianalgesic(tables, set_, candidate.id, route, form, ome, ome, ome)
        if not same_unit(eq.unit, "mg/day"):
            continue
        # the one fraction rule, rounded as every rescue is (clinician review 15, #3: an
        # injected alternative was printed unrounded, "alfentanil sc 0.333 mg")
        bt = fraction_rescue(tables, rules, candidate, route, form, eq.value, "mg", market)
        if bt.dose is None:
            continue
        note = f"{patch_line}; {eq.explanation}; {bt.note}"
        return bt.model_copy(update={"note": note}), _caution(rules, bt, avoided, drug)
    return None


def _candidates(
    tables: TableIndex, rules: RotationRules, set_id: str, avoided: str | None
) -> Iterator[tuple[Drug, str, str | None]]:
    linked = rules.breakthrough.patch_alternative.drug
    names = [linked] if avoided is None else _alternatives(rules, avoided)
    for name in names:
        drug = tables.drugs.get(name)
        if drug is None or name in rules.breakthrough.fraction_excludes:
            continue
        ir = rules.breakthrough.immediate_release_form
        if tables.covers(set_id, name, "oral", ir) and any(f.id == ir for f in drug.forms):
            yield drug, "oral", ir
        elif tables.covers(set_id, name, "sc", None):
            yield drug, "sc", None


def _alternatives(rules: RotationRules, avoided: str) -> list[str]:
    """The sourced alternatives of the rules that avoid ``avoided`` (renal: SIGN, j-cope)."""
    found: list[str] = []
    for rule in rules.renal:
        if avoided in rule.drugs:
            found += [d for d in rule.alternatives if d not in found]
    return found


def _caution(
    rules: RotationRules, bt: Breakthrough, avoided: str | None, patch: Drug
) -> ClinicalWarning:
    why = (
        f"the patch-linked {avoided} is to be avoided for this patient"
        if avoided is not None
        else f"no source gives a breakthrough dose linked to a {patch.id} patch"
    )
    low = format_fraction(rules.breakthrough.fraction_low)
    high = format_fraction(rules.breakthrough.fraction_high)
    return ClinicalWarning(
        code=ALTERNATIVE,
        severity="caution",
        message=f"Breakthrough in {bt.drug} {bt.route}: {why}, so the general rule "
        f"({format_span(low, high)} of the new 24-h dose) is applied to the patch's 24-h dose "
        "as oral morphine equivalent, "
        f"converted by the set's factor. Confirm the breakthrough opioid and dose with the "
        "prescriber.",
        source=bt.source,
    )


def none_in_set(
    tables: TableIndex, rules: RotationRules, set_: ReferenceSet, avoided: str
) -> str | None:
    """What a patch plan says where the avoided patch-linked opioid's sourced alternatives are
    none of them in its set by a route a breakthrough dose is given by (pharmacist review 18, L4:
    jspm-2010 at eGFR 15 ended with "choose one with the prescriber", where uk-palliative gives
    SC alfentanil): the gap, the sets that hold one, and the specialist. None: one is held (it
    was avoided or gave no dose for a reason of its own, said elsewhere)."""
    names = _alternatives(rules, avoided)
    if not names or any(True for _ in _candidates(tables, rules, set_.id, avoided)):
        return None
    others = [
        s.name
        for s in tables.tables.reference_sets
        if s.purpose == "equianalgesic" and s.id != set_.id
        if any(True for _ in _candidates(tables, rules, s.id, avoided))
    ]
    held = f" (a plan under {' or '.join(others)} gives one)" if others else ""
    return (
        f"{set_.name} holds none of the sourced alternatives ({', '.join(names)}) by mouth "
        f"(immediate-release) or by SC injection, so this plan gives no breakthrough dose in "
        f"them{held}: agree the breakthrough opioid, its dose and how often it may be given "
        "with the palliative care specialist before the patch is applied; do not leave the "
        "patient without one."
    )


def said_none_in_set(
    tables: TableIndex,
    rules: RotationRules,
    set_id: str,
    avoided: str,
    withheld: tuple[Breakthrough, list[ClinicalWarning]],
) -> tuple[Breakthrough, list[ClinicalWarning]]:
    """The withheld breakthrough and its danger, their advice replaced by ``none_in_set``'s words
    where the set holds none of the alternatives (unchanged otherwise)."""
    bt, warnings = withheld
    words = none_in_set(tables, rules, tables.reference_set(set_id), avoided)
    if words is None or bt.note is None:
        return withheld
    note = bt.note.replace(AVOIDED_ADVICE, words)
    said = [
        w.model_copy(update={"message": w.message.replace(AVOIDED_ADVICE, words)}) for w in warnings
    ]
    return bt.model_copy(update={"note": note}), said
