"""Kept lines beside lines added or stopped (``route_split``): each drug by its own amount.

One rule both ways (pharmacist review 12, #1, U05; re-check 12b, N5b): where a proposal keeps a
current drug and adds lines of another drug, or stops the other lines, nothing is switched. The
kept drug is a dose change of itself (its own mg/day before and after), an added line is named by
itself and a stopped line is named as stopped, never converted into the kept drug. Beside methadone
nothing is summed: methadone has no reliable OME (reference §3(c): not bidirectional). Otherwise the
totals are the current regimen's OME and the proposal's, every line by one factor on both sides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

from mps_pain.domain.daily_amount import amount_words, own_amount, route_amount_words
from mps_pain.domain.form_words import product_label
from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.results import ClinicalWarning
from mps_pain.domain.rotation.check_result import ProposedAmount, RangeMeasure
from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.domain.rotation.ome import CurrentOme, current_ome, set_ome
from mps_pain.domain.rotation.route_split import Node, node_amounts
from mps_pain.tables.index import TableIndex
from mps_pain.units import format_number, format_number_span, tidy

__all__ = [
    "BESIDE_METHADONE",
    "STOPPED_BESIDE_METHADONE",
    "STOPPED_METHADONE",
    "ChangeKind",
    "KeptLine",
    "Totals",
    "beside_methadone",
    "beside_warnings",
    "change_kind",
    "change_words",
    "current_ome_said",
    "each_amount",
    "factor_range_said",
    "kept_beside_methadone",
    "methadone_stopped",
    "off_methadone_totals",
    "stopped_methadone_warning",
    "stopped_totals",
]

BESIDE_METHADONE = "added-beside-methadone"
STOPPED_BESIDE_METHADONE = "stopped-beside-methadone"
STOPPED_METHADONE = "methadone-stopped-beside-kept"
_SAME = 1e-6  # an amount within this fraction of another is the same (``change_kind``)


class Totals(NamedTuple):
    """A dose change's amounts before and after: what they measure (``CheckResult.measure``),
    their unit's amount part and whose they are (the set's label for a sum, else the drug: the
    step's subject), and the words that say them."""

    now: float
    new: float
    measure: RangeMeasure
    per: str  # "mg/day", a patch's "mcg/h"
    subject: str
    said: str

    @property
    def unit(self) -> str:
        """How the amounts are said: "mg/day OME", "mcg/h fentanyl"."""
        return f"{self.per} {self.subject}"


@dataclass(frozen=True)
class KeptLine:
    """One line of a dose change: its daily amounts before and after (``new`` 0: stopped)."""

    drug: str
    name: str  # "morphine" for a one-line change, "morphine sc" beside others
    now: float
    new: float
    route: str | None = None  # the node's route where the lines are read by node
    patch: bool = False  # a patch: its amounts said in mcg/h (``daily_amount``)

    @property
    def node(self) -> Node | None:
        return None if self.route is None else (self.drug, self.route)

    @property
    def change(self) -> str:
        return change_words(self.now, self.new)

    def value(self, mg_per_day: float) -> float:
        """An amount of this line in the unit it is said in (``unit``)."""
        return own_amount(mg_per_day, self.patch)[0]

    @property
    def unit(self) -> str:
        return own_amount(0.0, self.patch)[1]

    @property
    def measure(self) -> RangeMeasure:
        return "patch_rate" if self.patch else "drug_a_day"

    def amount(self, mg_per_day: float) -> str:
        return amount_words(mg_per_day, self.patch)

    def said(self) -> str:
        return f"{self.amount(self.new)} {self.name}{self.change}"

    def kept(self) -> str:
        """'30 mg/day methadone oral unchanged' or '30 → 6 mg/day methadone oral (-80%)'; a
        patch in mcg/h ('25 mcg/h fentanyl transdermal unchanged')."""
        if self.new == self.now:
            return f"{self.amount(self.now)} {self.name} unchanged"
        return f"{format_number(self.value(self.now))} → {self.said()}"


def _ome_of(before: CurrentOme, node: Node) -> float:
    at = [x.mme_per_day or 0.0 for x in before.lines if x.counted and (x.drug, x.route) == node]
    return tidy(sum(at))


def _stopped_words(
    before: CurrentOme, label: str, lines: Sequence[KeptLine], stopped: tuple[Node, ...]
) -> str:
    return "; ".join(
        _by_itself(f"{x.amount(x.now)} {x.name}", _ome_of(before, n), label)
        for x in lines
        if (n := x.node) is not None and n in stopped
    )


def _by_itself(line: str, ome: float, label: str) -> str:
    """'25 mcg/h fentanyl transdermal (by itself 60 mg/day OME by the set's factor)'."""
    return f"{line} (by itself {format_number(ome)} mg/day {label} by the set's factor)"


def _kept_words(lines: Sequence[KeptLine], stopped: tuple[Node, ...]) -> str:
    return "; ".join(x.kept() for x in lines if x.node not in stopped)


def _not_summed(label: str) -> str:
    """Why an added line is not summed with methadone, in the set's own ``label``."""
    return (
        f"Methadone has no reliable {label} to sum another opioid with (conversions from "
        "methadone are not bidirectional and its ratio varies with the dose): the added amount "
        "is not summed with methadone nor said as a % of it."
    )


def _not_converted(label: str) -> str:
    """Why a stopped line is not converted into methadone, in the set's own ``label``."""
    return (
        f"Methadone has no reliable {label} (conversions to and from methadone are not "
        "bidirectional): a stopped opioid is not converted into methadone, nor is methadone's "
        "dose judged against it."
    )


def beside_methadone(
    tables: TableIndex,
    set_id: str,
    before: CurrentOme,
    lines: list[KeptLine],
    current: list[DailyItem],
    proposed: list[DailyItem],
    stopped: tuple[Node, ...] = (),
) -> Totals:
    """(methadone now, new, unit, said) of lines of other drugs added or stopped beside methadone:
    each kept line by its own amount, each added line by itself (its OME by the set's factor, as
    ``mme`` reads that line alone), each stopped line as stopped; never a sum with methadone."""
    md = rotation_rules(tables).methadone.drug
    now = tidy(sum(x.now for x in lines if x.drug == md))
    new = tidy(sum(x.new for x in lines if x.drug == md))
    nodes = {(d.drug.id, d.item.route) for d in current}
    extra = [d for d in proposed if d.is_opioid and (d.drug.id, d.item.route) not in nodes]
    set_ = tables.reference_set(set_id, location="table")
    rules = rotation_rules(tables)
    ome_lines = current_ome(tables, set_, rules, extra, "include").lines if extra else []
    words = [
        _by_itself(
            f"{route_amount_words(x.daily_dose.value, x.daily_dose.unit, x.route)} "
            f"{product_label(x.drug, x.route, x.form)}",
            x.mme_per_day or 0,
            set_.output_label,
        )
        for x in ome_lines
        if x.counted
    ]
    parts, notes = [f"Current lines kept: {_kept_words(lines, stopped)}"], []
    if words:
        parts.append(f"added: {'; '.join(words)}")
        notes.append(_not_summed(set_.output_label))
    if stopped:  # said after the added lines: one sentence, then why (review 14 #3: ".;")
        parts.append(f"stopped: {_stopped_words(before, set_.output_label, lines, stopped)}")
        notes.append(_not_converted(set_.output_label))
    said = "; ".join(parts) + "".join(f". {note.rstrip('.')}" for note in notes) + "."
    return Totals(now, new, "drug_a_day", "mg/day", md, said)


def beside_warnings(
    tables: TableIndex, label: str, *, added: bool, stopped: bool
) -> list[ClinicalWarning]:
    """The caution of a line added beside methadone, and of one stopped beside it, cited to the
    source of "not bidirectional" (pharmacist review 13 #4: cited to Lawlor's 8.25 ratio, which
    does not say it)."""
    source = tables.cite(rotation_rules(tables).methadone.on_methadone.citation)
    found = []
    if added:
        message = (
            f"Another opioid added beside methadone. {_not_summed(label)} Judge the added line by "
            "its own starting dose and the patient's response; methadone's full effect builds up "
            "over days."
        )
        found.append(
            ClinicalWarning(
                code=BESIDE_METHADONE, severity="caution", message=message, source=source
            )
        )
    if stopped:
        message = (
            f"Another opioid stopped beside methadone. {_not_converted(label)} Its amount is not "
            "replaced: watch for withdrawal and uncontrolled pain, and change methadone only by "
            "its own titration rules (its full effect builds up over days)."
        )
        found.append(
            ClinicalWarning(
                code=STOPPED_BESIDE_METHADONE, severity="caution", message=message, source=source
            )
        )
    return found


def stopped_totals(
    tables: TableIndex,
    set_id: str,
    before: CurrentOme,
    lines: list[KeptLine],
    proposed: list[DailyItem],
    proposed_prn: str,
    stopped: tuple[Node, ...],
) -> Totals:
    """(current OME, proposed OME, unit, said) of a current drug kept and other lines stopped:
    the kept lines by their own amounts, the stopped ones named, the totals by one factor."""
    set_, after = set_ome(tables, set_id, proposed, proposed_prn)
    now, new, label = before.total_mg_per_day, after.total_mg_per_day, set_.output_label
    change = change_words(now, new)
    said = (
        f"Current lines kept: {_kept_words(lines, stopped)}; stopped: "
        f"{_stopped_words(before, label, lines, stopped)}; in total {format_number(now)} → "
        f"{format_number(new)} mg/day {label}{change}, each line by one factor."
    )
    return Totals(now, new, "ome_a_day", "mg/day", label, said)


def methadone_stopped(tables: TableIndex, stopped: tuple[Node, ...]) -> bool:
    """Methadone is among the lines a dose change stops (fuzz review 13, #1)."""
    return any(n[0] == rotation_rules(tables).methadone.drug for n in stopped)


def off_methadone_totals(
    tables: TableIndex,
    set_id: str,
    before: CurrentOme,
    lines: list[KeptLine],
    proposed: list[DailyItem],
    proposed_prn: str,
    stopped: tuple[Node, ...],
) -> Totals:
    """(now, new, unit, said) of other lines kept while methadone is stopped: the kept lines by
    their own amounts (one drug: its mg/day; several: their OME by the set's factors, methadone
    left out), each stopped line named by its own amount, never converted into a kept one."""
    kept = [x for x in lines if x.node not in stopped]
    gone = "; ".join(f"{x.amount(x.now)} {x.name}" for x in lines if x not in kept)
    said = f"Current lines kept: {_kept_words(lines, stopped)}; stopped: {gone}."
    if len({x.drug for x in kept}) == 1:  # its own amount, a patch in mcg/h (re-check 13b, #6)
        patch = all(x.patch for x in kept)
        now, unit = own_amount(tidy(sum(x.now for x in kept)), patch)
        new, _ = own_amount(tidy(sum(x.new for x in kept)), patch)
        return Totals(now, new, kept[0].measure, unit, kept[0].drug, said)
    set_, after = set_ome(tables, set_id, proposed, proposed_prn)
    now = tidy(sum(_ome_of(before, n) for x in kept if (n := x.node) is not None))
    new, label = after.total_mg_per_day, set_.output_label
    change = change_words(now, new)
    said += (
        f" The kept lines in total {format_number(now)} → {format_number(new)} mg/day {label}"
        f"{change}, each by the set's factor (methadone not counted)."
    )
    return Totals(now, new, "ome_a_day", "mg/day", label, said)


def no_methadone_ome(label: str) -> str:
    """Why a check gives no total of a regimen with methadone, in the set's own ``label``."""
    return (
        f"methadone has no reliable {label} (its ratio to morphine varies with the dose, and a "
        f"conversion from methadone is not the reverse of one to it): no {label} of a regimen "
        "with methadone is given, summed or judged"
    )


def current_ome_said(
    before: CurrentOme,
) -> tuple[float | None, float | None, float | None, str | None]:
    """(current OME, its low, high, why none): none where the current regimen holds methadone,
    summed or alone (pharmacist re-check 13b, #3: 292.5 mg/day OME was methadone at the
    cohort-median from-methadone ratio, in a check that judges no OME of it)."""
    if before.from_methadone:
        return None, None, None, no_methadone_ome(before.label)
    return before.total_mg_per_day, before.low_mg_per_day, before.high_mg_per_day, None


def factor_range_said(before: CurrentOme) -> str:
    """The current OME's factor range, no part of the expected range (pharmacist review 5, D3)."""
    low, high, total = before.low_mg_per_day, before.high_mg_per_day, before.total_mg_per_day
    if (low, high) == (total, total):
        return ""
    return (
        f" (the table's factor range gives {format_number_span(low, high)}; the expected range "
        f"is worked from {format_number(total)}, the set's own factor, not from the range's "
        "other end)"
    )


def stopped_methadone_warning(tables: TableIndex) -> ClinicalWarning:
    """The caution of methadone stopped beside a kept opioid (data: not converted, lingers)."""
    rule = rotation_rules(tables).methadone.stopped_methadone
    return ClinicalWarning(
        code=STOPPED_METHADONE,
        severity="caution",
        message=rule.message,
        source=tables.cite(rule.citation),
    )


def each_amount(
    tables: TableIndex, proposed: list[DailyItem], prn: str
) -> tuple[ProposedAmount, ...]:
    """Every counted proposed (drug, route) by its own daily amount, methadone first: beside
    methadone nothing is summed, so the headline names each (pharmacist re-check 12b, #3)."""
    md = rotation_rules(tables).methadone.drug
    counted = [d for d in proposed if d.counts(prn)]
    nodes = node_amounts(counted)
    order = sorted(nodes, key=lambda n: (n[0] != md, n))
    return tuple(ProposedAmount(drug=n[0], route=n[1], mg_per_day=nodes[n]) for n in order)


def kept_beside_methadone(tables: TableIndex, proposed: list[DailyItem]) -> bool:
    """Methadone kept beside another opioid: each by itself, never summed by a cohort median
    (pharmacist re-check 13b #2: methadone 10 mg tid + oxycodone ER 10 -> 40 mg q12h read "in
    total 277.5 -> 367.5 mg/day OME (+32%)", methadone counted at Lawlor's 8.25)."""
    drugs = {d.drug.id for d in proposed if d.is_opioid}
    return len(drugs) > 1 and rotation_rules(tables).methadone.drug in drugs


ChangeKind = Literal["increase", "decrease", "unchanged"]


def change_kind(now: float, new: float) -> ChangeKind:
    """What a change of a daily amount is, by its number: the one rule its words follow
    (clinician re-check 20c, L3: "a dose increase … 100 → 100 mg/day OME (+0%)" of a proposal
    whose added as-needed line, none taken, added nothing)."""
    if new > now * (1 + _SAME):
        return "increase"
    return "decrease" if new < now * (1 - _SAME) else "unchanged"


def change_words(now: float, new: float, of: str = "") -> str:
    """ " (+50%)" (" (+50% in total)" with ``of``), " (unchanged)" for an amount kept: the one
    wording of a daily amount's change; nothing where there was none before."""
    if now <= 0:
        return ""
    if change_kind(now, new) == "unchanged":
        return f" (unchanged{of})"
    return f" ({(new / now - 1) * 100:+.4g}%{of})"
