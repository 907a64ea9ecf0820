"""Lookups over a validated table, built once at load.

The engine asks three questions of the tables: which drug is this name, which form is this
spelling, and which factor row applies to (set, drug, route, form, daily dose). Unit scales from
the engine's canonical ``mg/day`` to each row's ``per`` unit are computed here, once, so the hot
path multiplies plain floats.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict

from mps_pain.errors import NoConversionFactorError, UnknownDrugError, UnknownTableError
from mps_pain.tables.form_spelling import form_label
from mps_pain.tables.schema import ConversionTables, Drug, Factor, ReferenceSet
from mps_pain.tables.schema_types import Citation
from mps_pain.tables.spoken_words import spoken_form
from mps_pain.units import scale

__all__ = ["FactorMatch", "TableIndex", "TableRef"]

CANONICAL_RATE = "mg/day"


class TableRef(BaseModel):
    """Provenance of a result: which set, in which version of which file.

    ``modified_path`` is None for the shipped tables; otherwise it is the path of a table file
    whose hash differs from the one recorded for the shipped version, and every output (CLI,
    app title, PDF) labels the result "modified tables" with it.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    version: str
    sha256: str
    modified_path: str | None = None


@dataclass(frozen=True, slots=True)
class _Row:
    index: int
    factor: Factor
    per_from_mg_per_day: float
    band_from_mg_per_day: float


class FactorMatch(NamedTuple):
    """The row that applies, and the daily amount expressed in that row's unit.

    Immutable like the dataclasses here, but a tuple: the engine makes one per item per set
    (six per item for a spread), and a tuple is several times cheaper to make."""

    set_id: str
    row_index: int
    factor: Factor
    amount_in_per: float

    @property
    def ome_mg_per_day(self) -> float:
        """Untidied: callers tidy what they output (see ``mps_pain.numbers.tidy``)."""
        return self.amount_in_per * self.factor.factor


class TableIndex:
    """A validated table with its hash and the lookups the engine needs."""

    def __init__(
        self,
        tables: ConversionTables,
        *,
        sha256: str,
        origin: str,
        modified_path: str | None = None,
    ) -> None:
        self.tables = tables
        self.sha256 = sha256
        self.origin = origin
        self.modified_path = modified_path
        self.version = tables.version
        self.memo: dict[str, dict[Hashable, Any]] = {}
        """Answers of the engine's pure functions of this table, by function (``domain.memo``)."""
        self.drugs: dict[str, Drug] = {drug.id: drug for drug in tables.drugs}
        self._names: dict[str, str] = {}
        self._forms: dict[tuple[str, str], str] = {}
        for drug in tables.drugs:
            for name in (drug.id, drug.name, *drug.synonyms):
                self._names[name.casefold()] = drug.id
            for form in drug.forms:
                for spelling in (form.id, form_label(form.id), form.name, *form.synonyms):
                    self._forms[(drug.id, spelling.casefold())] = form.id
        self.sets: dict[str, ReferenceSet] = {s.id: s for s in tables.reference_sets}
        self._rows: dict[tuple[str, str, str], list[_Row]] = defaultdict(list)
        self._candidates: dict[tuple[str, str, str, str | None], tuple[_Row, ...]] = {}
        self._covering: dict[tuple[str, str, str | None], tuple[str, ...]] = {}
        for set_ in tables.reference_sets:
            for i, factor in enumerate(set_.factors):
                band_scale = scale(CANONICAL_RATE, factor.band.unit) if factor.band else 1.0
                row = _Row(i, factor, scale(CANONICAL_RATE, factor.per), band_scale)
                for route in factor.routes:
                    self._rows[(set_.id, factor.drug, route)].append(row)

    # --- identity -------------------------------------------------------------------------
    def ref(self, set_id: str) -> TableRef:
        return TableRef(
            id=set_id, version=self.version, sha256=self.sha256, modified_path=self.modified_path
        )

    def reference_set(self, set_id: str, *, location: str | None = "table") -> ReferenceSet:
        found = self.sets.get(set_id)
        if found is None:
            raise UnknownTableError(set_id, list(self.sets), location=location)
        return found

    def cite(self, citation: Citation) -> str:
        """How every result names a number's origin: ``"CDC 2022, MME table, oxycodone"``."""
        return f"{self.tables.sources[citation.source].label}, {citation.locator}"

    # --- names ----------------------------------------------------------------------------
    def resolve_drug(self, name: str, *, location: str | None) -> Drug:
        drug_id = self._names.get(name.strip().casefold())
        if drug_id is None:
            wanted = name.strip().casefold()
            # difflib is quadratic in the length: no suggestion for text no drug name is near
            close = difflib.get_close_matches(wanted, self._names, n=3) if len(wanted) <= 60 else []
            suggestions = list(dict.fromkeys(self.drugs[self._names[c]].id for c in close))
            raise UnknownDrugError(name, suggestions, location=location)
        return self.drugs[drug_id]

    def resolve_form(self, drug: Drug, spelling: str) -> str | None:
        """The catalogue form id for a spelling (``"ER"``, ``"SR"`` → ``er``), or None."""
        return self._forms.get((drug.id, spelling.strip().casefold()))

    # --- factors --------------------------------------------------------------------------
    def find_factor(
        self,
        set_id: str,
        drug_id: str,
        route: str,
        form: str | None,
        dose_mg_per_day: float,
        *,
        location: str | None,
        band_basis_mg_per_day: float | None = None,
    ) -> FactorMatch:
        """The row of ``set_id`` for this drug, route, form and daily dose.

        A row naming the form wins over a row for any form. Without a form, rows that name
        forms apply only if they all name the same ones. A dose band is chosen by
        ``band_basis_mg_per_day`` (the patient's total daily dose of the drug) when given, else
        by this item's dose. Never returns a zero: raises NoConversionFactorError when nothing
        applies.
        """
        basis = dose_mg_per_day if band_basis_mg_per_day is None else band_basis_mg_per_day
        key = (set_id, drug_id, route, form)
        chosen = self._candidates.get(key)
        if chosen is None:
            chosen = self._candidates[key] = self._candidate_rows(set_id, drug_id, route, form)
        for row in chosen:
            band = row.factor.band
            if band is None or band.contains(basis * row.band_from_mg_per_day):
                amount = dose_mg_per_day * row.per_from_mg_per_day
                return FactorMatch(set_id, row.index, row.factor, amount)
        covered_by = self.covering_sets(drug_id, route, form)
        purposes = {self.sets[s].purpose for s in covered_by}
        # a set for switching whose drug only risk-MME sets cover (methadone under uk-palliative)
        # says what those sets are: a risk number, not an equianalgesic one
        risk_only = set_id in self.sets and self.sets[set_id].purpose != "risk_mme"
        raise NoConversionFactorError(
            drug=drug_id,
            route=route,
            form=form,
            table_id=set_id,
            covered_by=covered_by,
            location=location,
            purpose="risk MME" if risk_only and purposes == {"risk_mme"} else None,
            form_said=spoken_form(form),  # in the words of the plan or check asking
        )

    def covers(self, set_id: str, drug_id: str, route: str, form: str | None) -> bool:
        """Whether ``set_id`` has a row that could apply (before dose bands are looked at)."""
        key = (set_id, drug_id, route, form)
        chosen = self._candidates.get(key)
        if chosen is None:
            chosen = self._candidates[key] = self._candidate_rows(set_id, drug_id, route, form)
        return bool(chosen)

    def _candidate_rows(
        self, set_id: str, drug_id: str, route: str, form: str | None
    ) -> tuple[_Row, ...]:
        rows = self._rows.get((set_id, drug_id, route), [])
        if form is not None:
            chosen = [r for r in rows if r.factor.forms and form in r.factor.forms]
            if not chosen:
                chosen = [r for r in rows if not r.factor.forms]
        else:
            chosen = [r for r in rows if not r.factor.forms]
            if not chosen:
                form_sets = {tuple(r.factor.forms or ()) for r in rows}
                chosen = rows if len(form_sets) == 1 else []
        return tuple(chosen)

    def covering_sets(self, drug_id: str, route: str, form: str | None) -> list[str]:
        """Ids of the sets with a row for this drug, route and form (any dose). Worked out
        once per drug, route and form (the rows do not change); each caller gets its own list.
        """
        key = (drug_id, route, form)
        found = self._covering.get(key)
        if found is None:
            found = self._covering[key] = tuple(self._covering_sets(drug_id, route, form))
        return list(found)

    def _covering_sets(self, drug_id: str, route: str, form: str | None) -> list[str]:
        found = []
        for set_id in self.sets:
            rows = self._rows.get((set_id, drug_id, route), [])
            if any(not r.factor.forms or form is None or form in r.factor.forms for r in rows):
                found.append(set_id)
        return found
