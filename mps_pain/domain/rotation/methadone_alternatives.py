"""What a plan to methadone shows beside its choice: every method's dose at the same OME
(``methadone_options``), and the chosen method under every equianalgesic set
(``methadone_spread``)."""

from __future__ import annotations

from collections.abc import Iterable

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.regimen import PrnPolicy
from mps_pain.domain.results import Amount
from mps_pain.domain.rotation.methadone import MethadoneDose, method_value
from mps_pain.domain.rotation.models import MethadoneOption, SpreadRow
from mps_pain.domain.rotation.ome import current_ome
from mps_pain.errors import NoConversionFactorError
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_methadone import MethadoneMethod
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.units import tidy

__all__ = ["methadone_options", "methadone_spread"]


def methadone_options(tables: TableIndex, doses: Iterable[MethadoneDose]) -> list[MethadoneOption]:
    """Each method's dose, cap and band edges, as the plan lists them."""
    return [_option(tables, dose) for dose in doses]


def _option(tables: TableIndex, dose: MethadoneDose) -> MethadoneOption:
    method = dose.method
    as_needed = dose.doses_per_day is None
    cap = None
    if method.cap is not None:
        cap = Amount(value=method.cap.mg, unit="mg" if method.cap.per == "dose" else "mg/day")
    return MethadoneOption(
        method=method.id,
        name=method.name,
        source=_method_sources(tables, method),
        daily_dose=Amount(value=dose.daily_mg, unit="mg/day") if dose.daily_mg else None,
        per_dose=Amount(value=dose.per_dose_mg, unit="mg") if dose.per_dose_mg else None,
        frequency="as needed" if as_needed else method.frequency.code,
        cap=cap,
        capped=dose.capped,
        held_at_edge=dose.value.held,
        band_dose=Amount(value=tidy(band), unit="mg" if as_needed else "mg/day")
        if (band := dose.value.band_value_mg) is not None
        else None,
        note=dose.value.refused or _note(dose),
    )


def _note(dose: MethadoneDose) -> str:
    if not dose.method.frequency.open_ended:
        return dose.value.explanation
    return (
        f"{dose.value.explanation} — per dose only, not an order: no minimum interval or "
        "maximum doses in 24 h is sourced"
    )


def _method_sources(tables: TableIndex, method: MethadoneMethod) -> str:
    """The method's citation, and its frequency's where that is another place."""
    cites = (tables.cite(method.citation), tables.cite(method.frequency.citation))
    return "; ".join(dict.fromkeys(cites))


def methadone_spread(
    tables: TableIndex,
    rules: RotationRules,
    items: list[DailyItem],
    prn: PrnPolicy,
    method: MethadoneMethod,
    fraction: float,
    unit: str,
) -> list[SpreadRow]:
    """The chosen method under every equianalgesic set's OME."""
    spread = []
    for other in tables.tables.reference_sets:
        if other.purpose != "equianalgesic":
            continue
        try:
            other_ome = current_ome(tables, other, rules, items, prn)
        except NoConversionFactorError as exc:
            spread.append(
                SpreadRow(
                    table=other.id, name=other.name, target_daily_dose=None, missing=exc.message
                )
            )
            continue
        v = method_value(
            rules.methadone, method, other_ome.total_mg_per_day, label=other.output_label
        )
        spread.append(
            SpreadRow(
                table=other.id,
                name=other.name,
                ome_per_day=other_ome.total_mg_per_day,
                target_daily_dose=Amount(value=tidy(v.value_mg * (1 - fraction)), unit=unit)
                if v.value_mg
                else None,
                missing=v.refused,
            )
        )
    return spread
