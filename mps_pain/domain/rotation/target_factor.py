"""The one rule for the factor a parenteral line is read at, each way (pharmacist review 6, R1;
clinical11 task 2).

A set whose parenteral row disagrees with its own oral row times its own route ratio (uk-palliative
SC/IV oxycodone: the BNF row against the oral row and the UK charts' oral:SC ratio) would give a
different-opioid switch straight to the parenteral route more than the two-step path (the oral
equivalent, then the route ratio the planner itself uses for that change). Each way the
reading is the one giving the LOWER new dose, as a route ratio's is (``RouteConversion.used``):

- a line switched TO (the planner's target, the check's proposal) divides by the larger of the
  row's factor and ``oral factor × route ratio``: the direct switch never exceeds the two-step path;
- a line switched FROM (the current regimen, in ``mme``, the planner and the check alike) keeps
  the row's factor, the set's cited point, which gives the lower OME (the row notes say so).

Where the row itself cites a factor RANGE, a line switched TO (and a proposal the check values)
is read at no less than the range's high end, the end giving less of the new opioid, where the
set gives no route ratio of its own for that route (where it does, that path decides: review 8,
N1) (``factor_end.range_end``, pharmacist review 7, D1: jspm-2010 IV fentanyl had been read at the
point giving more fentanyl, above the patient's current OME by the set's other end and by the
JP label).

So under uk-palliative a given SC oxycodone infusion is read by the row and a proposed one by
the two-step factor; the check's reasons say both readings and why (``route_factor``'s
``note`` for a current line, ``reason`` for a proposed one). Planner, check, ``mme``'s row notes
and breakthrough alternatives all call ``route_factor``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mps_pain.domain.factor_end import Side, range_end
from mps_pain.domain.memo import recent
from mps_pain.domain.results import MmeLine
from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.domain.rotation.route_ratios import conversion
from mps_pain.errors import NoConversionFactorError
from mps_pain.tables.index import TableIndex
from mps_pain.tables.label_words import daily_amount
from mps_pain.units import format_number, format_number_span, tidy

__all__ = [
    "Side",
    "TargetFactor",
    "as_target_ome",
    "current_factor_notes",
    "route_factor",
    "target_factor",
]

_REL = 1e-9
_KEPT = 256  # readings remembered per table (a few per regimen line)


@dataclass(frozen=True)
class TargetFactor:
    factor: float
    #: why it is not the row's own factor (None when it is)
    reason: str | None
    #: a line read FROM at the row's factor where the same line read TO would not be: which
    #: value, the other, and why (None when both ways read the row)
    note: str | None = None


@dataclass(frozen=True)
class _TwoStep:
    factor: float
    text: str


def _two_step(
    tables: TableIndex, set_id: str, drug_id: str, route: str, ome: float
) -> _TwoStep | None:
    """``oral factor × oral:route ratio`` under the set (None: no such path)."""
    if route == "oral" or tables.tables.rotation is None:
        return None
    try:
        oral = tables.find_factor(set_id, drug_id, "oral", None, ome, location=None)
    except NoConversionFactorError:
        return None
    if oral.factor.per != "mg/day":
        return None
    path = conversion(rotation_rules(tables), (drug_id, "oral"), (drug_id, route))
    if path is None or path.kind != "route":
        return None
    ratio = path.used(set_id)
    two_step = oral.factor.factor * ratio
    text = (
        f"{format_number(two_step, 3)} = oral {drug_id} {format_number(oral.factor.factor)} "
        f"[{tables.cite(oral.factor.citation)}] × oral:{route} {format_number(ratio, 3)}:1 "
        f"({path.text(tables, set_id)})"
    )
    return _TwoStep(two_step, text)


def route_factor(
    tables: TableIndex,
    set_id: str,
    drug_id: str,
    route: str,
    row_factor: float,
    ome: float,
    *,
    side: Side,
    span: tuple[float, float] | None,
    row_cite: str | None = None,
) -> TargetFactor:
    """The factor a line of ``drug_id`` by ``route`` is read at under ``set_id`` when it is
    switched ``side`` ("to": the target, or a proposal the check values; "from": a current
    line), ``span`` being the row's cited factor range: the module's one rule, the range's end
    by ``factor_end.range_end``. A pure function of the table and its arguments: the last
    answers are remembered per table."""
    key = (set_id, drug_id, route, row_factor, ome, side, span, row_cite)
    return recent(
        tables,
        "route_factor",
        key,
        lambda: _route_factor(
            tables, set_id, drug_id, route, (row_factor, span), ome, side, row_cite
        ),
        _KEPT,
    )


def _range_reason(row_factor: float, span: tuple[float, float], used: float) -> str:
    return (
        f"{format_number(used)}, the high end of the row's cited range "
        f"{format_number_span(span[0], span[1])}, not its point {format_number(row_factor)}: a "
        "switch target is converted at the end giving less of the new opioid, and a proposal "
        "valued at the end making it most potent (a switch is often for toxicity)"
    )


def _route_factor(
    tables: TableIndex,
    set_id: str,
    drug_id: str,
    route: str,
    row: tuple[float, tuple[float, float] | None],
    ome: float,
    side: Side,
    row_cite: str | None,
) -> TargetFactor:
    row_factor, span = row
    two = _two_step(tables, set_id, drug_id, route, ome)
    # where the set gives its own route ratio for this route, the two-step path decides: a
    # row's range may be the set's ratios for two routes (uk-palliative SC/IV morphine 2-3 is
    # oral:SC 2:1 and oral:IV 3:1), and its high end read for SC was the IV ratio, a third less
    # morphine than the set's own SC ratio (pharmacist review 8, N1)
    if two is not None:
        if two.factor <= row_factor * (1 + _REL):
            return TargetFactor(row_factor, None)
        to_factor, to_text = two.factor, two.text
        reason = (
            f"{two.text}, not the row's {format_number(row_factor)}: a switch straight to this "
            "route never gives more than the oral equivalent then the same set's route ratio"
        )
    else:  # no route ratio of the set's own: the range's high end (review 7, D1)
        end = range_end(row_factor, span, "to", route)
        if span is None or end <= row_factor * (1 + _REL):
            return TargetFactor(row_factor, None)
        to_factor = end
        to_text = f"{format_number(end)}, the high end of its cited range"
        reason = _range_reason(row_factor, span, end)
    if side == "to":
        return TargetFactor(to_factor, reason)
    cited = f" [{row_cite}]" if row_cite else ""
    label = tables.sets[set_id].output_label
    which = f", the lower {label} from this line" if span is None or row_factor <= span[0] else ""
    note = (
        f"the row's {format_number(row_factor)}{cited}, the set's cited point{which}, not "
        f"{format_number(to_factor, 3)}: as a switch target this set reads {drug_id} {route} "
        f"at {to_text}; each way the reading giving the lower new dose"
    )
    return TargetFactor(row_factor, None, note)


def target_factor(
    tables: TableIndex,
    set_id: str,
    drug_id: str,
    route: str,
    row_factor: float,
    ome: float,
    span: tuple[float, float] | None,
) -> TargetFactor:
    """The factor a target ``drug_id`` by ``route`` divides the OME by under ``set_id``."""
    return route_factor(tables, set_id, drug_id, route, row_factor, ome, side="to", span=span)


def current_factor_notes(
    tables: TableIndex, set_id: str, lines: Sequence[MmeLine], total: float
) -> list[str]:
    """A current regimen's lines read at the row's factor where the same line as a target would
    not be: the check's reasons say which value, the other and why (``route_factor``)."""
    notes = []
    for line in lines:
        if not line.counted or not line.factor or line.mme_per_day is None:
            continue
        read = route_factor(
            tables,
            set_id,
            line.drug,
            line.route,
            line.factor,
            total,
            side="from",
            span=line.factor_range,
            row_cite=line.source,
        )
        if read.note is not None:
            notes.append(f"Current {line.drug} {line.route} read at {read.note}.")
    return notes


def as_target_ome(
    tables: TableIndex,
    set_id: str,
    lines: Sequence[MmeLine],
    total: float,
    kept: frozenset[tuple[str, str]] = frozenset(),
) -> tuple[float, list[str], tuple[tuple[int, float], ...]]:
    """A proposed regimen's OME, each line new in the proposal read by the factor the planner
    divides by when that line is the target (``target_factor``): the check judges a proposal by
    the planner's rule. A line of a drug by a route in the current regimen (``kept``: its
    (drug, route) pairs) is read as the current one is, at the row's factor: one line is valued
    one way on both sides (fuzz review 10, #1: an unchanged SC oxycodone line was 24 mg/day OME
    as current and 36 as proposed). Returns (the total, why a line is not read at its row's
    factor, each counted line's (index, OME/day) as the total sums it: the proposal's table
    shows these, so its rows add up to the total, clinician re-check 17b #4)."""
    ome = 0.0
    reasons: list[str] = []
    each: list[tuple[int, float]] = []
    for line in lines:
        if not line.counted or line.mme_per_day is None:
            continue
        mme = line.mme_per_day
        if line.factor and (line.drug, line.route) not in kept:
            used = target_factor(
                tables, set_id, line.drug, line.route, line.factor, total, line.factor_range
            )
            if used.reason is not None:
                mme = mme * used.factor / line.factor
                reasons.append(
                    f"Proposed {line.drug} {line.route} read as a target, factor {used.reason}: "
                    f"{daily_amount(mme, tables.sets[set_id].output_label)}."
                )
        ome += mme
        each.append((line.index, tidy(mme)))
    return tidy(ome), reasons, tuple(each)
