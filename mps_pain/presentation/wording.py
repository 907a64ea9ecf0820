"""The sentences and quantities every output shares, each written once.

A quantity reads ``"12.5 mcg/h"`` (``mps_pain.numbers.format_number``: up to four figures, no
exponent); an absent one reads ``"—"``. The rotation-only sentences (the regimen, the
breakthrough dose) are in ``presentation/rotation.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from mps_pain.domain.form_words import form_label
from mps_pain.domain.results import Amount, ClinicalWarning
from mps_pain.numbers import format_estimate, format_percent, percent_figure
from mps_pain.presentation.severity import SeverityStyle, severity_style
from mps_pain.tables.index import TableRef
from mps_pain.units import format_number, format_span

__all__ = [
    "ABSENT",
    "Fact",
    "WarningView",
    "amount_text",
    "cited",
    "estimate_text",
    "form_text",
    "lines_named",
    "not_said_in",
    "number",
    "percent_figure",
    "percent_text",
    "plain_sections",
    "plain_source",
    "prn_text",
    "quantity",
    "renumbered",
    "renumbered_views",
    "rows_of",
    "table_heading",
    "warning_views",
]

ABSENT = "—"


@dataclass(frozen=True, slots=True)
class Fact:
    """One labelled line of a summary: ``Target daily dose`` → ``12 mg/day``."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class WarningView:
    severity: SeverityStyle
    message: str
    citation: str | None
    code: str
    item: int | None


def number(value: float) -> str:
    return format_number(value)


def quantity(value: float, unit: str, significant: int = 4) -> str:
    """``12.5 mcg/h``; an estimate with ``significant=ESTIMATE_FIGURES`` (``numbers``)."""
    return f"{format_number(value, significant)} {unit}"


def amount_text(amount: Amount | None, significant: int = 4) -> str:
    return ABSENT if amount is None else quantity(amount.value, amount.unit, significant)


def estimate_text(amount: Amount | None) -> str:
    """An amount before rounding to strengths: three figures (``numbers.ESTIMATE_FIGURES``),
    never "28.12 mcg/h" (ui-fix3 #2) or "Target daily dose 8.438 mg/day" (clinician review 16
    #12). The plan's target and every set's row of the spread use it."""
    return ABSENT if amount is None else f"{format_estimate(amount.value)} {amount.unit}"


def span_text(low: str, high: str, unit: str = "") -> str:
    """``37.5–50 mcg/h``; one value (``37.5 mcg/h``) when both ends read the same, never a range
    with equal ends (review 3: "37.5–37.5 mcg/h", "0–0%"): ``numbers.format_span``, the one rule
    the core's steps use too."""
    return format_span(low, high, unit)


def percent_text(fraction: float) -> str:
    return format_percent(fraction)


def form_text(form: str | None) -> str:
    """A catalogue form id as words: ``oral_solution`` → ``oral solution``; the release forms
    as prescribers write them, ``er``/``ir`` → ``ER``/``IR``."""
    return form_label(form)


# the route-ratio rows of the tables (``rotation.route_ratios``: "oxycodone-oral-parenteral"),
# said as the conversion they hold; longest suffix first
_RATIO_DRUGS = "morphine|oxycodone|hydromorphone|fentanyl"
_RATIO_ROWS = {
    "oral-parenteral": "oral to injected {drug}",
    "oral-rectal": "oral to rectal {drug}",
    "parenteral-patch": "injected {drug} to patch",
    "parenteral": "{drug} between injected routes",
    "diamorphine": "{drug} to diamorphine",
}
# one section or a list of them ("clinical-sources §1 A5, §3(c)": clinician re-check 18b #5)
_ONE_SECTION = r"§[\w.]+(?:\([^()]*\))?(?: [A-Z]\d+)?"
_SECTION = rf"clinical-sources (?:{_ONE_SECTION}(?:, {_ONE_SECTION})*|addendum [\d-]+)"
# our source review's own tags and sections: never a clinician's words, in a citation or in a
# refusal that quotes one (``plain_sections``)
_SECTION_WORDING = (
    (re.compile(r"\s*\[CODE\]"), ""),  # a tag of the source review, not a title
    # "per CMS wording (source cms-methadone-bounds)": the words before it name the source
    (re.compile(r"\s*\(source [a-z0-9]+(?:-[a-z0-9]+)+\)"), ""),
    (
        re.compile(r"NOT FOUND \(clinical-sources §[^()]*(?:\([^()]*\))?[^()]*\)"),
        "not found in the reviewed sources",
    ),
    (re.compile(r"\s*\(NOT FOUND\)"), ""),
    (re.compile(r"\(\s*in clinical-sources §[^)]*\)"), ""),
    (re.compile(r"\s*\(§[^)]*\)"), ""),
    # review M4: "(clinical-sources §3(d))", "CCDHB per clinical-sources §3(d)", "per
    # clinical-sources §3(b):" are our own review's sections; the source is already named
    (re.compile(rf"\s*\((?:per |in )?{_SECTION}(?: \[[A-Z]+\])?\)"), ""),
    (re.compile(rf"\b[Pp]er {_SECTION}:\s*"), ""),
    (re.compile(rf",?\s*(?:[Pp]er|in|as transcribed in) {_SECTION}"), ""),
    (re.compile(_SECTION), "the reviewed sources"),
    # clinician review 19, L1: a refusal quoting this program's own rule said "mps_pain
    # rotation rules, Software rule, not a clinical source": whose rule, in words, there too
    (re.compile(r"\bmps_pain (?=rotation rules|sanity bounds)"), "this program's "),
    # "this program's rotation rules, Software rule: …": the label already says whose rule
    (re.compile(r",\s*Software (?:rule|bound)(?= \(derived\)|,)"), ""),
    (re.compile(r",\s*Software (?:rule|bound)(?: \(derived\))?:"), ":"),
    (re.compile(r"\bSoftware (?:rule|bound)\b"), "this program's rule"),
)
_SOURCE_WORDING = (
    *_SECTION_WORDING,
    # clinician review 15 #14: "[fentanyl transdermal patch, UK palliative care ratios … row 9,
    # BNF palliative, …]" named a row of the program's own table beside the source it cites:
    # the set stays (the converter's hover has no heading to name it), its row goes
    (re.compile(r"(,\s*[\w-]+) row factors\[\d+\],"), r"\1:"),
    (re.compile(r"\brow factors\[(\d+)\]"), lambda m: f"row {int(m.group(1)) + 1}"),
    (re.compile(r"\bfactors\[(\d+)\]"), lambda m: f"row {int(m.group(1)) + 1}"),
    # review 8 #8: "(read as code)" was our reviewers' note on how the source was read
    (re.compile(r"\s*\(read as code\)"), ""),
    (  # "the Dannyb685 tool" too: the name in words brings its own article
        re.compile(r"(?:\b[Tt]he )?Dannyb685(?: tool| logic)?"),
        "an open-source opioid calculator (software, not a guideline)",
    ),
    # review 8 #8: a Japanese label's section heading quoted before an English locator
    (re.compile(r"用法(?:・|及び)用量"), "Dosage and administration"),
    (re.compile(r"用法\s*[:：]"), "Dosage:"),
    (re.compile(r"用法"), "Dosage"),
    # review 7 #8: a source read as code names its files and classes; a clinician reads what
    # they are. The tests walk every citation in data/ for such words (test_citation_words).
    (re.compile(r"\bCalculatorView\b"), "its calculator screen"),
    (re.compile(r"\bMethadoneCalculator\b"), "its methadone calculator,"),
    (re.compile(r"\bclinical_logic\.md(?= \w)"), "its clinical-logic notes,"),
    (re.compile(r"\bclinical_logic\.md\b"), "its clinical-logic notes"),
    (re.compile(r"\[CODE[,;]\s*"), "["),
    (re.compile(r"\bNOT FOUND\b"), "not found"),
    (re.compile(r"\bConversionFactors\.cql\b"), "the CDC's published calculator code"),
    (re.compile(r"\bcalculating_total_daily_dose-a\.pdf\b"), "'Calculating Total Daily Dose'"),
    (re.compile(r"\bPlanDefinition\b"), "recommendation"),
    (
        re.compile(r"\bOpioidCDSREC0?(\d+)And0?(\d+)\.cql\b"),
        lambda m: f"its logic for recommendations {m.group(1)} and {m.group(2)}",
    ),
    (re.compile(r"\bValueSet\b"), "value set"),
    (re.compile(r"\(total_plausibility: "), "(the rule for a whole regimen: "),
    (re.compile(r"\bat most max_units_per_dose units\b"), "at most the units a dose may use"),
    # clinician review 17 #9: a source key and a route-ratio row id were printed for signature
    # ("(unverified-strengths)", "(oxycodone-oral-parenteral: …"); the data and the JSON keep
    # them (a set id is said by its set's name: ``set_names``)
    (re.compile(r"\(unverified-strengths\)"), "(strengths not verified in a formulary)"),
    (
        re.compile(rf"(?<![\w-])({_RATIO_DRUGS})-({'|'.join(_RATIO_ROWS)})(?![\w-])"),
        lambda m: _RATIO_ROWS[m.group(2)].format(drug=m.group(1)),
    ),
    (re.compile(r"  +"), " "),
)


def plain_sections(text: str) -> str:
    """Our source review's tags and sections out of a sentence ("(clinical-sources §1 A5,
    §3(c); …)"), and nothing else: what a refusal quoting a citation is said with (its other
    words, a FHIR resource type or a typed value, stay as they are; clinician re-check 18b #5)."""
    for pattern, replacement in _SECTION_WORDING:
        text = pattern.sub(replacement, text)
    return text


def plain_source(text: str | None) -> str | None:
    """A source or a step as a clinician reads it: no review tags ("[CODE]"), no table row paths
    ("row factors[9]" → "row 10"), no internal document sections. The data keeps them."""
    if not text:
        return text
    return _plain_source(text)


@lru_cache(maxsize=4096)
def _plain_source(text: str) -> str:
    """``plain_source`` of a non-empty text, remembered: the same citations and steps are
    reworded on every recompute, warning list and plan (the ~40 patterns above: 636,000
    substitutions, a thirtieth of the UI tests' CPU); a pure function of ``text``."""
    for pattern, replacement in _SOURCE_WORDING:
        text = pattern.sub(replacement, text)
    return text.strip()


def cited(text: str, citation: str | None) -> str:
    text = plain_source(text) or text  # a reason may quote its own citations (review M4)
    shown = plain_source(citation)
    return f"{text} [{shown}]" if shown else text


def prn_text(prn: str, stated: bool) -> str:
    """``As-needed doses: included`` (``(default; not stated)`` when the input was silent)."""
    return f"As-needed doses: {prn}d" + ("" if stated else " (default; not stated)")


def table_heading(table: TableRef, name: str) -> str:
    """``FPM 2021 (fpm-2021; tables v3, sha256 0123456789ab…)``: the set and the exact tables."""
    return f"{name} ({table.id}; tables v{table.version}, sha256 {table.sha256[:12]}…)"


def warning_views(warnings: Iterable[ClinicalWarning]) -> list[WarningView]:
    """The warnings in the domain's order (danger first), each with its style and citation."""
    return [
        WarningView(
            severity_style(w.severity),
            plain_source(w.message) or w.message,
            plain_source(w.source),
            w.code,
            w.item,
        )
        for w in warnings
    ]


def not_said_in(
    warnings: Iterable[WarningView], said: Iterable[WarningView]
) -> tuple[WarningView, ...]:
    """``warnings`` without those ``said`` already holds in the same words (severity, sentence
    and source): a printed plan lists each distinct warning once (clinician re-check 19b, R13:
    "Age 70" twice and the ketamine note three times in one plan PDF)."""
    seen = {(w.severity.label, w.message, w.citation) for w in said}
    return tuple(w for w in warnings if (w.severity.label, w.message, w.citation) not in seen)


def renumbered_views(
    warnings: Sequence[ClinicalWarning], row_of: Callable[[int | None], int | None] | None
) -> list[WarningView]:
    """``warning_views`` with each "Row N" lead numbered as the editor's table shows the rows
    (``row_of``; None: the items' own numbers). Review 8: the planner's warnings said "Row 2"
    for the editor's row 3 under a new empty row, while the editor's own list said "Row 3"."""
    views = warning_views(warnings)
    if row_of is None:
        return views
    return [replace(v, message=renumbered(w, row_of)) for w, v in zip(warnings, views, strict=True)]


def renumbered(warning: ClinicalWarning, row_of: Callable[[int | None], int | None]) -> str:
    """A warning's words with its rows numbered as the screen shows them (review 7 #2).

    The core numbers the items it was given ("Row 2: as-needed oxycodone …", "Rows 1 and 3 are
    the same order"); an editor that leaves a refused row out of the computation shows the same
    item on another row. ``row_of`` maps an item to the editor's row (0-based): the lead
    "Row N" / "Rows N and M" the core wrote from the warning's own ``item``/``items`` is
    rewritten from the same mapping the Row column reads, so text and column cannot disagree."""
    message = plain_source(warning.message) or warning.message  # in words, as every view
    items = _row_lead(warning, message)
    rows = [row_of(i) for i in items]
    # the proposed order's duplicates say "Proposed rows …": its rows are not the editor's
    if not items or any(r is None for r in rows):
        return message
    word = "Row" if len(items) == 1 else "Rows"
    shown = f"{word} " + " and ".join(str(r + 1) for r in rows if r is not None)
    return shown + message[len(_lead_of(items)) :]


def lines_named(
    message: str, warning: ClinicalWarning, name_of: Callable[[int], str | None]
) -> str:
    """``message`` (a view of ``warning``) with the lead "Row 2" / "Rows 1 and 3" the core wrote
    said as the lines' names instead: "Before the switch, oxycodone sc (as needed): …", for a
    warning about a regimen no longer shown (clinician re-check 21b, D4: the page signed after
    Apply said "Row 2: as-needed oxycodone" where row 2 of the regimen shown was alfentanil)."""
    items = _row_lead(warning, message)
    names = [name_of(i) for i in items]
    if not items or None in names:
        return message
    said = " and ".join(name for name in names if name is not None)
    return f"Before the switch, {said}" + message[len(_lead_of(items)) :]


def _lead_of(items: Sequence[int]) -> str:
    """ "Row 2" / "Rows 1 and 3": the lead the core writes for its items (0-based)."""
    return ("Row " if len(items) == 1 else "Rows ") + " and ".join(str(i + 1) for i in items)


def _row_lead(warning: ClinicalWarning, message: str) -> tuple[int, ...]:
    """The items ``message`` leads with, as the core numbered them; () where it does not."""
    items = warning.items or ((warning.item,) if warning.item is not None else ())
    return tuple(items) if items and message.startswith(_lead_of(items)) else ()


_ROW_LEAD = re.compile(r"^(Rows?) (\d+(?: and \d+)*)\b")


def rows_of(table: str, message: str) -> str:
    """A warning's lead "Row 2" / "Rows 1 and 3" said with the table it numbers, where two are
    shown: "Current regimen, row 2" (clinician review 15 #14: the check said "Row 2: as-needed
    Oxycodone …" beside a proposed order of one row)."""
    return _ROW_LEAD.sub(lambda m: f"{table}, {m.group(1).lower()} {m.group(2)}", message, count=1)
