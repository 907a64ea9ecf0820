"""Software sanity bounds on the patient's measurements (``patient_plausibility``).

An eGFR of ``1e9 mL/min``, a QTc of ``4400 ms`` or a weight of ``700 kg`` is no physiological
value: most likely a unit or typing slip. Read as it is, it would silently switch the renal or
QTc rules off (the patient would look like one with normal kidneys), or store nonsense. Outside
the bounds of the tables, the measurement is refused naming the field (``patient.egfr``), with
the bound's citation. The bounds are not clinical thresholds: the renal and QTc rules are
(``renal_hepatic``, ``qtc``).
"""

from __future__ import annotations

from mps_pain.domain.regimen import Patient
from mps_pain.errors import ImplausibleAmountError
from mps_pain.numbers import format_beside
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_patient import PatientBound
from mps_pain.units import ParsedQuantity, format_number

__all__ = ["check_patient_bounds"]


def check_patient_bounds(tables: TableIndex, patient: Patient) -> None:
    """Raise ImplausibleAmountError for a measurement outside its software bound."""
    measured = {field: getattr(patient, field) for field in _BOUNDED}
    if all(quantity is None for quantity in measured.values()):
        return  # nothing measured (most regimens): nothing to bound
    bounds = tables.tables.patient_plausibility
    if bounds is None:  # tables without patient bounds
        return
    for field, quantity in measured.items():
        if quantity is not None:
            _check(tables, field, quantity, getattr(bounds, field))


# the bounded measurements: each is a Patient field and a patient_plausibility field of that name
_BOUNDED = ("egfr", "creatinine_clearance", "qtc", "weight")


# the measurement as a clinician names it (the location keeps the field's own name)
_NAMED = {
    "egfr": "the eGFR",
    "creatinine_clearance": "the creatinine clearance",
    "qtc": "the QTc",
    "weight": "the weight",
}


def _check(tables: TableIndex, field: str, quantity: ParsedQuantity, bound: PatientBound) -> None:
    value = quantity.to(bound.unit)
    if value > bound.refuse_above:
        where, limit = "above", bound.refuse_above
    elif value < bound.refuse_below:
        where, limit = "below", bound.refuse_below
    else:
        return
    raise ImplausibleAmountError(
        f"{_beside(quantity, value, limit, bound.unit)} is {where} {format_number(limit)} "
        f"{bound.unit}, beyond any physiological value: most likely a unit or typing slip. "
        f"Check {_NAMED.get(field, field)}. ({tables.cite(bound.citation)})",
        location=f"patient.{field}",
    )


def _beside(quantity: ParsedQuantity, value: float, limit: float, unit: str) -> str:
    """The measurement as typed (every figure given, up to 15), never read as its bound
    (``format_beside``); in another unit also in the bound's: '1433.01 lb (650.0023 kg)' beside
    650 kg (fuzz review 12, #2: '0.2 kg is below 0.2 kg')."""
    if quantity.unit == unit:
        return f"{format_beside(quantity.value, limit, _TYPED_FIGURES)} {unit}"
    typed_limit = limit * quantity.value / value if value else limit
    typed = format_beside(quantity.value, typed_limit, _TYPED_FIGURES)
    return f"{typed} {quantity.unit} ({format_beside(value, limit)} {unit})"


_TYPED_FIGURES = 15
"""A typed value is echoed with the figures it was typed with (a float keeps 15 exactly)."""
