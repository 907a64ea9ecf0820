"""The form a dosing interval implies: q12h oral oxycodone is modified-release, q4h immediate.

One clinical rule, one place: the mapping lives in ``data/form_inference.yaml`` with its sources;
this module reads it and answers one question. The CLI (``rotate``), the planner and the quick
converter all call :func:`infer_form` and state the inference in their output.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import yaml
from pydantic import BaseModel, ConfigDict, Field

from mps_pain.errors import InputError
from mps_pain.numbers import format_number_span
from mps_pain.sentences import then
from mps_pain.strict_load import StrictYamlLoader
from mps_pain.tables.data_identity import read_rule_file
from mps_pain.tables.schema_types import Citation
from mps_pain.unit_kinds import CONTINUOUS_ROUTES
from mps_pain.units import format_number

if TYPE_CHECKING:
    from mps_pain.domain.frequency import Frequency
    from mps_pain.tables.index import TableIndex
    from mps_pain.tables.schema import Drug, Form

__all__ = [
    "ContinuousOnly",
    "FormInference",
    "FormRule",
    "InjectedBolus",
    "IntervalRule",
    "OutsideInterval",
    "check_interval",
    "form_rules",
    "formless_release",
    "forms_given_at",
    "infer_form",
    "interval_citations",
    "interval_rule",
    "interval_rules",
    "outside_interval",
    "solution_may_replace",
]


class FormRule(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    drug: str
    route: str
    interval_h: float = Field(gt=0, allow_inf_nan=False)
    form: str
    citation: Citation


class IntervalSource(Citation):
    """A source of a form family's intervals, and the drugs whose products it speaks for (none:
    every drug of the form, e.g. a rule for all immediate-release opioids)."""

    drugs: tuple[str, ...] = ()

    def speaks_for(self, drug_id: str) -> bool:
        return not self.drugs or drug_id in self.drugs


class IntervalRule(BaseModel):
    """The regular dosing intervals (ranges of hours, ends included) of one form family."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    form: str
    route: str
    accepted_h: tuple[tuple[float, float], ...] = Field(min_length=1)
    sources: tuple[IntervalSource, ...] = Field(min_length=1)

    def accepts(self, interval_h: float) -> bool:
        return any(low <= interval_h <= high for low, high in self.accepted_h)

    def describe(self) -> str:
        return " or ".join(
            f"every {format_number_span(low, high, 'h')}" for low, high in self.accepted_h
        )


class SolutionRelease(BaseModel):
    """The measured oral solution's form id and the form family of its release."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    form: str
    release: str


class ContinuousOnly(BaseModel):
    """A drug by a route the sources give only as a continuous infusion (a 24-h dose)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    drug: str
    route: str
    sources: tuple[Citation, ...] = Field(min_length=1)


class InjectedBolus(BaseModel):
    """The routes whose regular doses are boluses of an immediate-release injection, and the form
    families whose intervals say whether an interval implies a modified-release form."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    routes: tuple[str, ...] = Field(min_length=1)
    modified_release_form: str
    immediate_release_form: str
    sources: tuple[Citation, ...] = Field(min_length=1)


class FormlessRelease(BaseModel):
    """The form family whose intervals an oral line of a drug given no form is read by."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    release: str
    route: str
    drugs: tuple[str, ...] = Field(min_length=1)
    sources: tuple[Citation, ...] = Field(min_length=1)


class _RuleFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    rules: tuple[FormRule, ...]
    intervals: tuple[IntervalRule, ...] = ()
    solution: SolutionRelease | None = None  # None: a solution never stands in for tablets
    continuous_only: tuple[ContinuousOnly, ...] = ()
    injected_bolus: InjectedBolus | None = None  # None: no injected interval is refused
    formless: FormlessRelease | None = None  # None: a line with no form has no interval rule


class FormInference(BaseModel):
    """The form chosen, and the sentence that says why (with its source)."""

    model_config = ConfigDict(frozen=True)

    form: str
    form_name: str
    explanation: str


@cache
def _rule_file() -> _RuleFile:
    text = read_rule_file("form_inference.yaml").decode("utf-8")
    return _RuleFile.model_validate(yaml.load(text, Loader=StrictYamlLoader))


def form_rules() -> tuple[FormRule, ...]:
    """The shipped rules (read once; validated)."""
    return _rule_file().rules


def interval_rules() -> tuple[IntervalRule, ...]:
    """The accepted regular dosing intervals per form family (read once; validated)."""
    return _rule_file().intervals


def solution_may_replace(form_id: str | None, route: str, frequency: Frequency) -> bool:
    """May the measured oral solution stand in for the target's tablets? Only when the target is
    the solution's own release (immediate) and the interval is one that release is given at: never
    a modified-release target (an immediate-release liquid q12h covers about 4 h of each 12)."""
    solution = _rule_file().solution
    if solution is None or form_id != solution.release:
        return False
    rule = next(
        (r for r in interval_rules() if (r.form, r.route) == (solution.release, route)), None
    )
    return rule is not None and rule.accepts(frequency.interval_h)


def interval_rule(drug: Drug, form_id: str | None, route: str) -> IntervalRule | None:
    """The cited intervals a form is given at: its own family's, the oral solution of an
    immediate-release product at that release's (``solution``). The one lookup ``check_interval``
    and the other-interval rule use (pharmacist review 17, M4: the oral solution found none)."""
    if form_id is None:
        return None
    solution = _rule_file().solution
    release = form_id
    if solution is not None and form_id == solution.form:  # the solution of an IR product
        release = next((f.id for f in drug.forms if f.id == solution.release), form_id)
    return next((r for r in interval_rules() if (r.form, r.route) == (release, route)), None)


def formless_release(drug: Drug, form_id: str | None, route: str) -> str | None:
    """The form family a line naming no form is read as, for a drug the catalogue gives no form
    (codeine by mouth: immediate-release; fuzz re-check 21b, N1). None: not such a line."""
    rule = _rule_file().formless
    if form_id is not None or drug.forms or rule is None or drug.id not in rule.drugs:
        return None
    return rule.release if route == rule.route else None


def forms_given_at(drug: Drug, route: str, frequency: Frequency) -> tuple[Form, ...]:
    """The drug's forms by this route whose cited intervals take ``frequency`` (the forms a
    refusal that asks for the form names: clinician re-check 18b, #7)."""
    return tuple(
        f
        for f in drug.forms
        if route in f.routes
        and (rule := interval_rule(drug, f.id, route)) is not None
        and rule.accepts(frequency.interval_h)
    )


def interval_citations(tables: TableIndex, drug: Drug, rule: IntervalRule) -> str:
    """The sources of a form's intervals as said for ``drug``: those that speak for it (its own
    product's, or every drug's of the form); where none does, the others, each said as cited for
    its drug (pharmacist review 18, L5: oxycodone ER's refusal cited the morphine MR monograph
    and a hydromorphone label as oxycodone's source). Empty: the table file cites none."""
    held = [s for s in rule.sources if s.source in tables.tables.sources]
    own = [tables.cite(s) for s in held if s.speaks_for(drug.id)]
    if own or not held:
        return "; ".join(own)
    others = "; ".join(f"cited for {', '.join(s.drugs)}: {tables.cite(s)}" for s in held)
    return f"no source of {drug.in_sentence}'s own interval was found; the form's, {others}"


def check_interval(
    tables: TableIndex,
    drug_id: str,
    route: str,
    form_id: str | None,
    frequency: Frequency | None,
    location: str = "to.frequency",
) -> None:
    """Refuse a regular frequency outside the intervals the form is given at (the oral solution
    of an immediate-release product at that release's intervals), or any regular frequency of a
    drug and route the sources give only as an infusion, naming ``location``."""
    if frequency is None:
        return
    _refuse_regular_doses(tables, drug_id, route, frequency, location)
    _refuse_injected_release_interval(tables, drug_id, route, frequency, location)
    outside = outside_interval(tables, drug_id, route, form_id, frequency)
    if outside is not None:
        raise InputError(
            then(outside.sentence, "; give a frequency in that range or another form"),
            location=location,
        )


class OutsideInterval(BaseModel):
    """A regular line's interval outside every interval its form is cited as given at."""

    model_config = ConfigDict(frozen=True)

    form_name: str  # the form in words ("modified-release oral")
    given: str  # the form's cited intervals ("every 12 h or every 24 h")
    cited: str  # their sources, as said for the drug
    written: str  # the frequency as written ("q1h")
    sentence: str  # "Morphine modified-release oral is given every 12 h … (source), not q1h"
    #: more often than the form's shortest cited interval: as written the total is too high if
    #: it is a slip ("q1h" for "q12h"); less often, it is too low, the safe side of a switch
    more_often: bool


def outside_interval(
    tables: TableIndex,
    drug_id: str,
    route: str,
    form_id: str | None,
    frequency: Frequency | None,
) -> OutsideInterval | None:
    """The one rule of a regular line's interval against its form's cited intervals (the oral
    solution of an immediate-release product at that release's): read for a target and a
    proposal (refused) and for a current regimen (a danger in ``mme``, refused as a base of a
    plan or a check: fuzz review 21, D1). A drug given no form is read by ``formless_release``.
    None: inside them, no form, or no rule cited."""
    drug = tables.resolve_drug(drug_id, location=None)
    read_as = formless_release(drug, form_id, route)  # codeine: its tablets read as IR
    family = form_id or read_as
    if family is None or frequency is None:
        return None
    rule = interval_rule(drug, family, route)
    cited = "" if rule is None else interval_citations(tables, drug, rule)
    if rule is None or not cited or rule.accepts(frequency.interval_h):
        return None  # (like infer_form: a table file that cites none of the sources has none)
    form = next((f.name.lower() for f in drug.forms if f.id == form_id), family)
    if read_as is not None:
        form = f"{route} (its tablets read as immediate-release)"
    given = rule.describe()
    return OutsideInterval(
        form_name=form,
        given=given,
        cited=cited,
        written=frequency.label,
        more_often=frequency.interval_h < min(low for low, _ in rule.accepted_h),
        sentence=f"{drug.spoken_name} {form} is given {given} ({cited}), not {frequency.label}",
    )


def _refuse_regular_doses(
    tables: TableIndex, drug_id: str, route: str, frequency: Frequency, location: str
) -> None:
    """A regular dose of a drug and route the sources give only as a continuous infusion
    (clinician review 4, D11: alfentanil SC '0.483 mg q4h') is refused, the infusion offered."""
    rule = next(
        (r for r in _rule_file().continuous_only if (r.drug, r.route) == (drug_id, route)), None
    )
    cited = [
        tables.cite(s)
        for s in (rule.sources if rule is not None else ())
        if s.source in tables.tables.sources
    ]
    if rule is None or not cited:
        return
    drug = tables.resolve_drug(drug_id, location=None)
    raise InputError(
        f"{drug.spoken_name} by the {route} route is given as a continuous infusion over 24 h "
        f"(syringe driver) in the sources ({'; '.join(cited)}), not as regular doses "
        f"{frequency.label}; choose a continuous infusion instead",
        location=location,
    )


def _implies_modified_release(rule: InjectedBolus, interval_h: float) -> bool:
    """Whether only the modified-release family is given at this interval (q12h, q24h)."""

    def given_at(form: str) -> bool:
        return any(r.accepts(interval_h) for r in interval_rules() if r.form == form)

    return given_at(rule.modified_release_form) and not given_at(rule.immediate_release_form)


def _refuse_injected_release_interval(
    tables: TableIndex, drug_id: str, route: str, frequency: Frequency, location: str
) -> None:
    """A regular injected bolus at a modified-release interval (clinician review 12, #1: "morphine
    sc injection 16 mg q12h") is refused when the drug has no modified-release form by the route,
    the syringe driver or a 4-hourly dose offered."""
    rule = _rule_file().injected_bolus
    if rule is None or route not in rule.routes:
        return
    cited = [tables.cite(s) for s in rule.sources if s.source in tables.tables.sources]
    if not cited or not _implies_modified_release(rule, frequency.interval_h):
        return
    drug = tables.resolve_drug(drug_id, location=None)
    if any(f.id == rule.modified_release_form and route in f.routes for f in drug.forms):
        return
    driver = (
        "leave the frequency empty for a syringe driver (a continuous infusion over 24 h), or "
        if route in CONTINUOUS_ROUTES
        else ""
    )
    name = drug.name.lower()
    shortest = min(
        low
        for r in interval_rules()
        if r.form == rule.immediate_release_form
        for low, _ in r.accepted_h
    )  # the immediate-release regular interval: q4h
    raise InputError(
        f"an {route.upper()} injection of {name} is not given {frequency.label}: {driver}give "
        f"q{format_number(shortest)}h. {frequency.label} is the interval of a modified-release "
        f"oral form, and {name} has "
        f"none by this route ({'; '.join(cited)})",
        location=location,
        context={"drug": drug.name, "route": route, "frequency": frequency.label},
    )


def infer_form(
    tables: TableIndex, drug_id: str, route: str, frequency: Frequency | None
) -> FormInference | None:
    """The form this interval implies for this drug and route, or None when it is not implied."""
    if frequency is None:
        return None
    for rule in form_rules():
        if (rule.drug, rule.route) != (drug_id, route) or rule.interval_h != frequency.interval_h:
            continue
        drug = tables.resolve_drug(drug_id, location=None)
        form = next((f for f in drug.forms if f.id == rule.form and route in f.routes), None)
        if form is None or rule.citation.source not in tables.tables.sources:
            return None
        explanation = (
            f"{drug.spoken_name} {frequency.label} by mouth is taken as the "
            f"{form.name.lower()} form ({tables.cite(rule.citation)}); "
            "give the form to choose another."
        )
        return FormInference(form=form.id, form_name=form.name, explanation=explanation)
    return None
