"""What every plan needs first: the rules, the equianalgesic set, the resolved regimen and "
"target."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mps_pain.domain.current_interval import refuse_outside_interval
from mps_pain.domain.form_inference import FormInference, check_interval, infer_form
from mps_pain.domain.mme import DEFAULT_PRN_POLICY, resolve_regimen
from mps_pain.domain.normalise import DailyItem, not_a_route_of
from mps_pain.domain.regimen import PrnPolicy
from mps_pain.domain.rotation.form_choice import form_ambiguous as _form_ambiguous
from mps_pain.domain.rotation.requests import CurrentRegimen, RotationRequest
from mps_pain.errors import InputError, MpsPainError, NoConversionFactorError, PlanningError
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import Drug, ReferenceSet
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.tables.spoken_words import spoken_form

__all__ = [
    "Target",
    "equianalgesic_only",
    "equianalgesic_set",
    "refuse_excluded_rows",
    "resolve_current",
    "resolve_target",
    "rotation_rules",
]


def rotation_rules(tables: TableIndex) -> RotationRules:
    rules = tables.tables.rotation
    if rules is None:
        raise PlanningError(
            "the conversion tables have no 'rotation' section: the planner has no rules to use",
            location="table",
        )
    return rules


def equianalgesic_set(
    tables: TableIndex, rules: RotationRules, table_id: str | None
) -> ReferenceSet:
    """The chosen set; a risk-MME set is refused: MME measures risk, it is not a switching dose."""
    set_ = tables.reference_set(table_id or rules.default_table, location="table")
    if set_.purpose != "equianalgesic":
        usable = ", ".join(
            s.id for s in tables.tables.reference_sets if s.purpose == "equianalgesic"
        )
        raise InputError(
            f"'{set_.id}' is a risk-MME set ({set_.name}); MME factors are not for converting "
            f"between opioids. Choose an equianalgesic set: {usable}",
            location="table",
        )
    return set_


def equianalgesic_only(tables: TableIndex, exc: NoConversionFactorError) -> NoConversionFactorError:
    """The same error, naming as alternatives only the sets a plan may use (no risk-MME sets)."""
    usable = [s for s in exc.covered_by if tables.sets[s].purpose == "equianalgesic"]
    return NoConversionFactorError(
        drug=exc.drug,
        route=exc.route,
        form=exc.form,
        table_id=exc.table_id,
        covered_by=usable,
        location=exc.location,
        purpose="equianalgesic",
        form_said=spoken_form(exc.form),
    )


def refuse_excluded_rows(rows: Sequence[tuple[int, str]], prefix: str) -> None:
    """A plan or check must not go on without a row that could not be read: name the rows."""
    if not rows:
        return
    named = "; ".join(f"row {row + 1} ({message})" for row, message in rows)
    raise InputError(
        f"the regimen has row(s) that could not be read: {named}. Correct or delete them first: "
        "a plan or check without them would silently leave them out",
        location=f"{prefix}.items[{rows[0][0]}]",
        reason="unreadable-rows",
        context={
            "rows": tuple(row for row, _ in rows),
            "problems": tuple(message for _, message in rows),
            "side": prefix,
        },
    )


#: each side's own fault (clinician review 20, N5: a proposal with no opioid was said to be the
#: current regimen's)
_NO_OPIOID = {
    "from": "the regimen holds no opioid to switch from",
    "proposed": "the proposed order holds no opioid: give the opioid to be given",
}


def resolve_current(
    tables: TableIndex, current: CurrentRegimen, prefix: str
) -> tuple[list[DailyItem], PrnPolicy, bool]:
    # the items are the request's own, validated by the request: resolved as they are, not
    # validated again inside a new document (that cost ~12 model builds per side; perf-engine)
    try:
        items, _ = resolve_regimen(tables, current.items, current.prn)
    except MpsPainError as exc:
        exc.location = f"{prefix}.{exc.location}" if exc.location else prefix
        raise
    if prefix == "from":  # a plan or a check is never built on an impossible interval
        refuse_outside_interval(tables, items, prefix)
    if not any(d.is_opioid for d in items):
        raise InputError(
            _NO_OPIOID.get(prefix, _NO_OPIOID["from"]),
            location=f"{prefix}.items",
            reason="no-opioid",
            context={"side": prefix},
        )
    policy = current.prn if current.prn is not None else DEFAULT_PRN_POLICY
    return items, policy, current.prn is not None


@dataclass(frozen=True)
class Target:
    drug: Drug
    route: str
    form: str | None
    is_patch: bool
    is_continuous: bool
    inferred: FormInference | None = None


def resolve_target(tables: TableIndex, request: RotationRequest, methadone_drug: str) -> Target:
    to = request.to
    drug = tables.resolve_drug(to.drug, location="to.drug")
    if not drug.is_opioid:
        raise InputError(
            f"{drug.spoken_name} is not an opioid",
            location="to.drug",
            reason="not-an-opioid",
            context={"drug": drug.in_sentence},
        )
    if to.route not in drug.routes:
        raise InputError(
            not_a_route_of(drug, to.route),
            location="to.route",
            reason="route-not-of-drug",
            context={"drug": drug.in_sentence, "route": to.route, "routes": tuple(drug.routes)},
        )
    forms = [f for f in drug.forms if to.route in f.routes]
    form_id: str | None = None
    inferred = None if to.form is not None else infer_form(tables, drug.id, to.route, to.frequency)
    if inferred is not None:
        form_id = inferred.form
    elif to.form is not None:
        form_id = tables.resolve_form(drug, to.form)
        if form_id is None or form_id not in {f.id for f in forms}:
            known = ", ".join(f.id for f in forms) or "none listed"
            raise InputError(
                f"'{to.form}' is not a {to.route} form of {drug.in_sentence}; known: {known}",
                location="to.form",
                reason="form-not-of-drug",
                context={
                    "drug": drug.in_sentence,
                    "route": to.route,
                    "forms": tuple(f.name for f in forms),
                },
            )
    elif len(forms) == 1:
        form_id = forms[0].id
    elif len(forms) > 1 and not to.is_continuous and drug.id != methadone_drug:
        raise _form_ambiguous(drug, to.route, forms, to.frequency)
    elif forms:
        form_id = forms[0].id
    if not to.is_continuous and to.frequency is None and drug.id != methadone_drug:
        raise InputError(
            "give 'frequency' (e.g. 'q4h') or 'continuous: true'",
            location="to.frequency",
            reason="target-frequency-missing",
            context={"drug": drug.in_sentence},
        )
    check_interval(tables, drug.id, to.route, form_id, to.frequency)
    return Target(drug, to.route, form_id, to.route == "transdermal", to.is_continuous, inferred)
