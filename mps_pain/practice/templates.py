"""The templates of the five levels: each builds the *given* of an exercise for one index.

A template picks its drug and route by cycling through the candidate rows of the chosen set (so
``count`` consecutive exercises cover every candidate) and the amounts from the seeded random
generator. Level 1–2 exercises may use any set (an MME is a measure); level 3–5 exercises use an
equianalgesic set, because the planner refuses risk-MME sets as a conversion basis.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from mps_pain.domain.patient_rules import not_for_regular_use
from mps_pain.domain.regimen import Patient, RegimenDocument, RegimenItem
from mps_pain.domain.rotation.methadone_method import default_method
from mps_pain.domain.rotation.requests import CurrentRegimen, RotationRequest, TargetSpec
from mps_pain.practice.items import Row, item_for, prn_item_for, rows_of
from mps_pain.practice.models import ASK_KEYS, AskKey
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import ReferenceSet

__all__ = ["LEVEL_TOPICS", "TEMPLATES", "Draft", "Template", "candidates"]

ALL_KEYS: tuple[AskKey, ...] = ASK_KEYS  # every question, in the order asked
# No breakthrough dose is asked: a methadone plan gives none (no sourced maximum in 24 h for an
# as-needed methadone order, pharmacist review 7, D2); its danger is among the warnings asked.
METHADONE_KEYS: tuple[AskKey, ...] = (
    "ome_per_day",
    "target_daily_dose",
    "regimen",
    "warnings",
)


@dataclass(frozen=True)
class Draft:
    """What a template produces: the given and the keys asked."""

    asks: tuple[AskKey, ...]
    switch: RotationRequest | None = None
    regimen: RegimenDocument | None = None


Build = Callable[[TableIndex, ReferenceSet, Row, random.Random], Draft | None]
Pick = Callable[[TableIndex, ReferenceSet], list[Row]]


@dataclass(frozen=True)
class Template:
    topic: str
    level: int
    equianalgesic_only: bool
    pick: Pick
    build: Build


def _has_ir_or_er(tables: TableIndex, row: Row) -> bool:
    drug = tables.resolve_drug(row.drug, location=None)
    return any(f.id in ("ir", "er") and row.route in f.routes and f.strengths for f in drug.forms)


def _opioid(tables: TableIndex, row: Row) -> bool:
    return tables.resolve_drug(row.drug, location=None).is_opioid


def _target(tables: TableIndex, row: Row) -> bool:
    """A row practice may draw as a regular or infusion target: not a drug the tables hold is
    not for regular or continuous use (pharmacist review 20, M4: pethidine CSCI was taught)."""
    return not not_for_regular_use(tables, row.drug)


def _oral_targets(tables: TableIndex, set_: ReferenceSet) -> list[Row]:
    return [
        r
        for r in rows_of(tables, set_)
        if r.route == "oral" and _has_ir_or_er(tables, r) and _target(tables, r)
    ]


def _oral_sources(tables: TableIndex, set_: ReferenceSet) -> list[Row]:
    return [r for r in rows_of(tables, set_) if r.route == "oral" and _opioid(tables, r)]


def _target_form(tables: TableIndex, row: Row) -> TargetSpec:
    drug = tables.resolve_drug(row.drug, location=None)
    er = any(f.id == "er" and f.strengths for f in drug.forms)
    return TargetSpec(
        drug=row.drug,
        route="oral",
        form="er" if er else "ir",
        frequency="q12h" if er else "q4h",
    )


def _patient(rng: random.Random, **extra: Any) -> Patient:
    return Patient.model_validate({"age": rng.randint(35, 85), **extra})


def _switch(
    items: Sequence[RegimenItem],
    to: TargetSpec,
    set_: ReferenceSet,
    patient: Patient,
    asks: tuple[AskKey, ...] = ALL_KEYS,
    **extra: Any,
) -> Draft:
    request = RotationRequest.model_validate(
        {
            "from": CurrentRegimen(items=list(items), prn="include"),
            "to": to,
            "table": set_.id,
            "patient": patient,
            **extra,
        }
    )
    return Draft(asks=asks, switch=request)


def _current(
    tables: TableIndex, set_: ReferenceSet, row: Row, rng: random.Random
) -> list[RegimenItem]:
    items = [item_for(tables, set_, row, rng)]
    prn = prn_item_for(tables, row, rng, rng.randint(1, 4))
    if prn is not None and rng.random() < 0.7:
        items.append(prn)
    return items


# ----------------------------------------------------------------------------- level 1–2 ------
def _single(tables: TableIndex, set_: ReferenceSet, row: Row, rng: random.Random) -> Draft:
    item = item_for(tables, set_, row, rng)
    return Draft(asks=("ome_per_day",), regimen=RegimenDocument(table=set_.id, items=[item]))


def _several(tables: TableIndex, set_: ReferenceSet, row: Row, rng: random.Random) -> Draft | None:
    others = [r for r in rows_of(tables, set_) if r != row and _opioid(tables, r)]
    if not others:
        return None
    second = rng.choice(others)
    prn_rows = [r for r in (row, second) if prn_item_for(tables, r, rng, 1) is not None]
    prn_rows = prn_rows or [r for r in _oral_targets(tables, set_) if r.drug != "methadone"]
    items = [item_for(tables, set_, row, rng), item_for(tables, set_, second, rng)]
    if prn_rows:
        prn = prn_item_for(tables, rng.choice(prn_rows), rng, rng.randint(1, 4))
        if prn is not None:
            items.append(prn)
    if rng.random() < 0.5:
        items.append(
            RegimenItem.model_validate(
                {"drug": "pregabalin", "route": "oral", "dose": "75 mg", "frequency": "bid"}
            )
        )
    policy = "exclude" if rng.random() < 0.25 else "include"
    document = RegimenDocument(table=set_.id, prn=policy, items=items)
    return Draft(asks=("ome_per_day",), regimen=document)


def _all_rows(tables: TableIndex, set_: ReferenceSet) -> list[Row]:
    return rows_of(tables, set_)


def _opioid_rows(tables: TableIndex, set_: ReferenceSet) -> list[Row]:
    return [r for r in rows_of(tables, set_) if _opioid(tables, r)]


# ----------------------------------------------------------------------------- level 3 --------
def _oral(tables: TableIndex, set_: ReferenceSet, row: Row, rng: random.Random) -> Draft | None:
    sources = [r for r in _oral_sources(tables, set_) if r.drug != row.drug]
    if not sources:
        return None
    source = rng.choice(sources)
    return _switch(
        _current(tables, set_, source, rng), _target_form(tables, row), set_, _patient(rng)
    )


# ----------------------------------------------------------------------------- level 4 --------
def _patch_rows(tables: TableIndex, set_: ReferenceSet) -> list[Row]:
    return [r for r in rows_of(tables, set_) if r.route == "transdermal"]


def _parenteral_rows(tables: TableIndex, set_: ReferenceSet) -> list[Row]:
    """The infusion targets (and route-change targets) of a set."""
    return [r for r in rows_of(tables, set_) if r.route in ("iv", "sc") and _target(tables, r)]


def _to_patch(tables: TableIndex, set_: ReferenceSet, row: Row, rng: random.Random) -> Draft | None:
    sources = [r for r in _oral_sources(tables, set_) if r.drug in ("morphine", "oxycodone")]
    if not sources:
        return None
    to = TargetSpec(drug=row.drug, route="transdermal")
    patient = _patient(rng, opioid_tolerant=True)
    return _switch(_current(tables, set_, rng.choice(sources), rng), to, set_, patient)


def _from_patch(
    tables: TableIndex, set_: ReferenceSet, row: Row, rng: random.Random
) -> Draft | None:
    targets = [r for r in _oral_targets(tables, set_) if r.drug in ("morphine", "oxycodone")]
    if not targets:
        return None
    items = [item_for(tables, set_, row, rng)]
    target = _target_form(tables, rng.choice(targets))
    return _switch(items, target, set_, _patient(rng))


def _infusion(tables: TableIndex, set_: ReferenceSet, row: Row, rng: random.Random) -> Draft | None:
    sources = [r for r in _oral_sources(tables, set_) if r.drug != row.drug]
    if not sources:
        return None
    to = TargetSpec(drug=row.drug, route=row.route, continuous=True)
    return _switch(_current(tables, set_, rng.choice(sources), rng), to, set_, _patient(rng))


def _route_rows(tables: TableIndex, set_: ReferenceSet) -> list[Row]:
    oral = {r.drug for r in _oral_sources(tables, set_)}
    return [r for r in _parenteral_rows(tables, set_) if r.drug in oral]


def _route_change(
    tables: TableIndex, set_: ReferenceSet, row: Row, rng: random.Random
) -> Draft | None:
    source = next(r for r in _oral_sources(tables, set_) if r.drug == row.drug)
    items = [item_for(tables, set_, source, rng)]
    to = TargetSpec(drug=row.drug, route=row.route, continuous=True)
    return _switch(items, to, set_, _patient(rng))


# ----------------------------------------------------------------------------- level 5 --------
def _methadone_sources(tables: TableIndex, set_: ReferenceSet) -> list[Row]:
    return [r for r in _oral_sources(tables, set_) if r.drug != "methadone"]


def _methadone(
    tables: TableIndex, set_: ReferenceSet, row: Row, rng: random.Random
) -> Draft | None:
    extra: dict[str, Any] = {"qtc": f"{rng.choice((420, 440, 460, 480, 510))} ms"}
    if rng.random() < 0.4:
        extra["hepatic_impairment"] = rng.choice(("mild", "moderate", "severe"))
    if rng.random() < 0.4:
        extra["egfr"] = f"{rng.choice((15, 20, 25, 40, 60))} mL/min"
    to = TargetSpec(drug="methadone", route="oral")
    items = _current(tables, set_, row, rng)
    method = _scheduled_method(tables, set_)
    return _switch(
        items, to, set_, _patient(rng, **extra), asks=METHADONE_KEYS, methadone_method=method
    )


def _scheduled_method(tables: TableIndex, set_: ReferenceSet) -> str | None:
    """A methadone exercise practises a dose: under a set whose own method is as-needed only
    (UK: Morley-Makin, a plan with no printed order) it asks for the tables' default method."""
    rules = tables.tables.rotation
    if rules is None or not default_method(rules, set_.market).frequency.open_ended:
        return None
    return rules.methadone.default_method


def _renal_targets(tables: TableIndex, set_: ReferenceSet) -> list[Row]:
    renal = getattr(tables.tables.rotation, "renal", None) or []
    drugs = {d for rule in renal for d in rule.drugs}
    return [r for r in _oral_targets(tables, set_) if r.drug in drugs]


def _renal(tables: TableIndex, set_: ReferenceSet, row: Row, rng: random.Random) -> Draft | None:
    sources = [r for r in _oral_sources(tables, set_) if r.drug != row.drug]
    if not sources:
        return None
    patient = _patient(rng, egfr=f"{rng.choice((10, 15, 20, 25))} mL/min")
    items = _current(tables, set_, rng.choice(sources), rng)
    return _switch(items, _target_form(tables, row), set_, patient)


TEMPLATES: tuple[Template, ...] = (
    Template("mme-single", 1, False, _all_rows, _single),
    Template("mme-several-prn", 2, False, _opioid_rows, _several),
    Template("oral-rotation", 3, True, _oral_targets, _oral),
    Template("to-patch", 4, True, _patch_rows, _to_patch),
    Template("from-patch", 4, True, _patch_rows, _from_patch),
    Template("infusion", 4, True, _parenteral_rows, _infusion),
    Template("route-change", 4, True, _route_rows, _route_change),
    Template("methadone", 5, True, _methadone_sources, _methadone),
    Template("renal", 5, True, _renal_targets, _renal),
)
LEVEL_TOPICS: dict[int, tuple[str, ...]] = {
    level: tuple(t.topic for t in TEMPLATES if t.level == level) for level in range(1, 6)
}


def candidates(template: Template, tables: TableIndex, set_: ReferenceSet) -> list[Row]:
    """The rows a template cycles through under ``set_`` (empty: the set cannot serve it)."""
    return template.pick(tables, set_)
