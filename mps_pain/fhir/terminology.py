"""The FHIR terminology of ``data/fhir_terminology.yaml``: RxNorm, SNOMED CT, EDQM and LOINC codes.

Loaded strictly (unknown keys, duplicate codes and a missing citation are refused) and
cross-checked against the drug catalogue of the conversion tables: every drug, form and route a
code maps to must exist there. A problem raises TableValidationError naming the place.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from mps_pain.errors import TableValidationError
from mps_pain.fields import Concentration, DoseAmount, DoseRate
from mps_pain.paths import data_dir
from mps_pain.strict_load import StrictYamlLoader
from mps_pain.tables.data_identity import read_rule_file
from mps_pain.tables.index import TableIndex
from mps_pain.tables.integrity_catalogue import catalogued
from mps_pain.tables.loader import get_tables
from mps_pain.tables.schema import Route
from mps_pain.units import ParsedQuantity, parse_quantity
from mps_pain.validation import format_location

__all__ = [
    "ClinicalDrug",
    "DoseForm",
    "ObservationCode",
    "PatientField",
    "RouteCode",
    "Terminology",
    "get_terminology",
    "load_terminology",
    "terminology_path",
]

PatientField = Literal["weight", "egfr", "creatinine_clearance", "qtc"]
SystemName = Literal["rxnorm", "snomed", "edqm", "loinc", "ucum"]
Code = Annotated[str, Field(pattern=r"^[0-9A-Za-z.-]{1,20}$")]
Identifier = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")]
Text = Annotated[str, Field(min_length=2)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class _Cited(_Frozen):
    code: Code
    display: Text
    source: Identifier
    locator: Text


class TermSource(_Frozen):
    citation: Annotated[str, Field(min_length=10)]
    url: str


class Ingredient(_Cited):
    drug: Identifier


class DoseForm(_Cited):
    forms: Annotated[list[Identifier], Field(min_length=1)]
    route: Route | None = None


class ClinicalDrug(_Cited):
    tty: Literal["SCD", "SBD"]
    drug: Identifier
    dose_form: Code
    strength: str

    @property
    def strength_quantity(self) -> ParsedQuantity:
        return parse_quantity(self.strength)


class RouteCode(_Cited):
    system: Literal["snomed", "edqm"]
    route: Route


class ObservationCode(_Cited):
    field: PatientField


class Terminology(_Frozen):
    version: Text
    systems: dict[SystemName, str]
    sources: dict[Identifier, TermSource]
    ingredients: list[Ingredient]
    dose_forms: list[DoseForm]
    clinical_drugs: list[ClinicalDrug]
    routes: list[RouteCode]
    observations: list[ObservationCode]

    def system(self, name: SystemName) -> str:
        return self.systems[name]

    def ingredient(self, code: str) -> Ingredient | None:
        return next((i for i in self.ingredients if i.code == code), None)

    def clinical_drug(self, code: str) -> ClinicalDrug | None:
        return next((d for d in self.clinical_drugs if d.code == code), None)

    def dose_form(self, code: str) -> DoseForm | None:
        return next((f for f in self.dose_forms if f.code == code), None)

    def route_for(self, system_url: str, code: str) -> RouteCode | None:
        return next(
            (r for r in self.routes if self.systems[r.system] == system_url and r.code == code),
            None,
        )

    def observation(self, code: str) -> ObservationCode | None:
        return next((o for o in self.observations if o.code == code), None)

    def ingredient_for_drug(self, drug_id: str) -> Ingredient | None:
        return next((i for i in self.ingredients if i.drug == drug_id), None)

    def dose_form_for(self, drug_forms: list[str], form_id: str) -> DoseForm | None:
        """The dose form that a catalogue form maps back to (for export)."""
        for dose_form in self.dose_forms:
            if form_id in dose_form.forms and pick_form(dose_form, drug_forms) == form_id:
                return dose_form
        return None

    def route_code(self, route: str) -> RouteCode | None:
        """The SNOMED CT code of a catalogue route (for export)."""
        return next((r for r in self.routes if r.system == "snomed" and r.route == route), None)


def pick_form(dose_form: DoseForm, drug_forms: list[str]) -> str | None:
    """The first of the dose form's catalogue forms that the drug has, else None."""
    return next((form for form in dose_form.forms if form in drug_forms), None)


def _check_quantity(text: str, where: str) -> None:
    for field_type in (DoseAmount, DoseRate, Concentration):
        try:
            TypeAdapter(field_type).validate_python(text)
            return
        except ValidationError:
            continue
    raise TableValidationError(
        f"strength '{text}' is not a mass, rate or concentration", location=where
    )


def _unique(codes: list[tuple[str, str]], where: str) -> None:
    seen: set[tuple[str, str]] = set()
    for key in codes:
        if key in seen:
            raise TableValidationError(f"code {key[1]} is listed twice", location=where)
        seen.add(key)


def cross_check(terms: Terminology, tables: TableIndex) -> None:
    """Every code points at a drug, form and route the catalogue has, and cites a source."""
    entries: list[tuple[str, _Cited]] = [
        *((f"ingredients[{i}]", e) for i, e in enumerate(terms.ingredients)),
        *((f"dose_forms[{i}]", e) for i, e in enumerate(terms.dose_forms)),
        *((f"clinical_drugs[{i}]", e) for i, e in enumerate(terms.clinical_drugs)),
        *((f"routes[{i}]", e) for i, e in enumerate(terms.routes)),
        *((f"observations[{i}]", e) for i, e in enumerate(terms.observations)),
    ]
    for where, entry in entries:
        if entry.source not in terms.sources:
            raise TableValidationError(f"unknown source '{entry.source}'", location=where)
    rx = [("rx", e.code) for e in (*terms.ingredients, *terms.clinical_drugs, *terms.dose_forms)]
    _unique(rx, "RxNorm codes")
    _unique([(r.system, r.code) for r in terms.routes], "routes")
    _unique([("loinc", o.code) for o in terms.observations], "observations")
    all_forms = {form.id for drug in tables.drugs.values() for form in drug.forms}
    for i, dose_form in enumerate(terms.dose_forms):
        for form in dose_form.forms:
            if form not in all_forms:
                raise TableValidationError(
                    f"form '{form}' is not a form of any drug in the catalogue",
                    location=f"dose_forms[{i}].forms",
                )
    for i, ingredient in enumerate(terms.ingredients):
        _drug(tables, ingredient.drug, f"ingredients[{i}].drug")
    for i, clinical in enumerate(terms.clinical_drugs):
        _check_clinical(terms, tables, clinical, f"clinical_drugs[{i}]")


def _drug(tables: TableIndex, drug_id: str, where: str) -> list[str]:
    return [form.id for form in catalogued(drug_id, tables.drugs, where).forms]


def _check_clinical(
    terms: Terminology, tables: TableIndex, clinical: ClinicalDrug, where: str
) -> None:
    forms = _drug(tables, clinical.drug, f"{where}.drug")
    dose_form = terms.dose_form(clinical.dose_form)
    if dose_form is None:
        raise TableValidationError(
            f"dose form {clinical.dose_form} is not listed under dose_forms",
            location=f"{where}.dose_form",
        )
    if forms and pick_form(dose_form, forms) is None:
        raise TableValidationError(
            f"dose form {dose_form.display} is none of the forms of {clinical.drug}",
            location=f"{where}.dose_form",
        )
    _check_quantity(clinical.strength, f"{where}.strength")


TERMINOLOGY_FILE = "fhir_terminology.yaml"


def terminology_path() -> Path:
    return data_dir() / TERMINOLOGY_FILE


def load_terminology(path: Path, tables: TableIndex) -> Terminology:
    """Read, validate and cross-check a terminology file."""
    try:
        text = path.read_bytes()
    except OSError as exc:
        raise TableValidationError(f"cannot read {path.name}: {exc}") from None
    return _terminology(text, path.name, tables)


def _terminology(text: bytes, name: str, tables: TableIndex) -> Terminology:
    try:
        raw = yaml.load(text.decode("utf-8"), Loader=StrictYamlLoader)
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise TableValidationError(f"cannot read {name}: {exc}") from None
    try:
        terms = Terminology.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise TableValidationError(
            f"{name}: {first['msg']}", location=format_location(first["loc"])
        ) from None
    cross_check(terms, tables)
    return terms


@cache
def get_terminology() -> Terminology:
    """The shipped terminology, checked against the shipped tables, loaded once per process
    (read as the data's identity read it: ``read_rule_file``)."""
    tables = get_tables()
    return _terminology(read_rule_file(TERMINOLOGY_FILE), TERMINOLOGY_FILE, tables)
