"""The engine's fast paths give what their plain versions give (speed-engine, issue #11).

- ``memo.own_copy``: a caller's copy of a remembered plan equals ``model_copy(deep=True)`` (the
  same fields, the same fields set at every level, the same JSON) and shares no list with it.
- ``context.resolve_current`` resolves the request's own items as their document does, and
  ``shaped.planned`` builds the regimen its detail's dump builds (perf-engine).
- ``validation.lone_surrogate_at``: the one-walk check says "none" exactly when the locating
  search finds none, and names the same place otherwise.
- ``validation.field_names``: remembered per models, and each caller gets its own set.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from mps_pain.domain.memo import own_copy
from mps_pain.domain.mme import resolve_items
from mps_pain.domain.regimen import RegimenDocument
from mps_pain.domain.rotation.context import resolve_current
from mps_pain.domain.rotation.models import PlannedRegimen, RotationPlan
from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.domain.rotation.shaped import planned
from mps_pain.practice.service import new_exercises
from mps_pain.practice.templates import TEMPLATES
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables
from mps_pain.validation import field_names, first_lone_surrogate, lone_surrogate_at

TABLES = get_tables()


def _containers(value: Any, found: dict[int, Any]) -> None:
    """Every list, dict and set in ``value`` by identity (kept alive in ``found``)."""
    if isinstance(value, list | dict | set):
        found[id(value)] = value
    if isinstance(value, BaseModel):
        for inner in value.__dict__.values():
            _containers(inner, found)
    elif isinstance(value, dict):
        for inner in value.values():
            _containers(inner, found)
    elif isinstance(value, list | tuple | set):
        for inner in value:
            _containers(inner, found)


def _fields_set(value: Any) -> Any:
    """The fields set of every model in ``value``, in document order."""
    if isinstance(value, BaseModel):
        inner = {name: _fields_set(v) for name, v in value.__dict__.items()}
        return (type(value).__name__, sorted(value.model_fields_set), inner)
    if isinstance(value, list | tuple):
        return [_fields_set(v) for v in value]
    return None


@functools.cache
def _requests() -> tuple[RotationRequest, ...]:
    requests: list[RotationRequest] = []
    for template in TEMPLATES:
        for exercise in new_exercises(topic=template.topic, seed=5, count=3, tables=TABLES):
            if exercise.switch is not None:
                requests.append(exercise.switch)
    assert len(requests) >= 10
    return tuple(requests)


def _plans() -> list[RotationPlan]:
    return [plan_rotation(request, tables=TABLES) for request in _requests()]


def test_the_current_regimen_resolves_as_its_document_does() -> None:
    """``resolve_current`` reads the request's own validated items: the same daily items, PRN
    policy and refusals as the document of those items resolved by ``resolve_items``."""
    for request in _requests():
        for prn in (None, "include", "exclude"):
            current = request.from_.model_copy(update={"prn": prn})
            document = RegimenDocument(items=current.items, prn=current.prn)
            assert resolve_current(TABLES, current, "from")[0] == resolve_items(TABLES, document)[0]


def test_a_planned_regimen_is_the_one_its_detail_dump_gives() -> None:
    """``shaped.planned`` takes its detail's own values: the same regimen (fields, fields set,
    JSON) as one built from the detail's dump, as it was built before (perf-engine)."""
    for plan in _plans():
        regimen = plan.regimen
        detail = regimen.detail
        given = {name: getattr(regimen, name) for name in _ITEM_FIELDS}
        mine = planned(detail, **given)
        dumped = PlannedRegimen(**given, **detail.model_dump())
        assert mine == dumped == regimen
        assert mine.model_dump_json() == dumped.model_dump_json()
        assert _fields_set(mine) == _fields_set(dumped)


_ITEM_FIELDS = ("drug", "route", "form", "dose", "frequency", "rate", "prn", "doses_per_day")


def test_own_copy_of_a_plan_is_its_deep_copy_and_shares_no_list() -> None:
    for plan in _plans():
        deep = plan.model_copy(deep=True)
        mine = own_copy(plan)
        assert mine == deep == plan and mine is not plan
        assert mine.model_dump_json() == deep.model_dump_json()
        assert _fields_set(mine) == _fields_set(deep)
        theirs: dict[int, Any] = {}
        ours: dict[int, Any] = {}
        _containers(plan, theirs)
        _containers(mine, ours)
        assert theirs and not set(theirs) & set(ours)
        mine.steps.append("changed by the caller")
        mine.warnings.clear()
        assert plan == deep


class _Open(BaseModel):
    """A model that is not frozen: never shared, even with nothing inside to copy."""

    name: str
    tags: tuple[str, ...] = ()


_LEAVES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=4))
_VALUES = st.recursive(
    _LEAVES | st.builds(_Open, name=st.text(max_size=3)),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=3), inner, max_size=3)
        | st.tuples(inner, inner)
        | st.sets(st.integers(), max_size=3)
    ),
    max_leaves=12,
)


@given(value=_VALUES)
def test_own_copy_of_any_value_equals_its_deep_copy_and_shares_no_container(value: Any) -> None:
    mine = own_copy(value)
    assert repr(mine) == repr(copy.deepcopy(value))
    theirs: dict[int, Any] = {}
    ours: dict[int, Any] = {}
    _containers(value, theirs)
    _containers(mine, ours)
    assert not set(theirs) & set(ours)
    if isinstance(value, _Open):
        assert mine is not value


_TEXT = st.text(alphabet=st.sampled_from(["a", "é", "\ud800", "\udfff", "z", "日"]), max_size=4)
_DOCUMENTS = st.recursive(
    st.one_of(st.none(), st.integers(), st.floats(allow_nan=False), _TEXT),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(_TEXT | st.integers(), inner, max_size=3)
        | st.tuples(inner)
    ),
    max_leaves=10,
)


@given(raw=_DOCUMENTS)
def test_lone_surrogate_at_names_what_the_search_names(raw: Any) -> None:
    assert lone_surrogate_at(raw) == first_lone_surrogate(raw)


def test_field_names_are_remembered_and_each_callers_own() -> None:
    first = field_names(RegimenDocument)
    assert {"items", "drug", "route", "dose", "patient"} <= first
    first.add("changed by the caller")
    assert "changed by the caller" not in field_names(RegimenDocument)
    assert field_names(RotationRequest, RegimenDocument) == field_names(
        RotationRequest
    ) | field_names(RegimenDocument)


# --- the MME engine's memos keyed by object identity (normalise_item, line_for) -------------

from mps_pain.domain.mme import compute_mme  # noqa: E402
from mps_pain.errors import MpsPainError  # noqa: E402
from mps_pain.services.documents import parse_regimen  # noqa: E402
from mps_pain.services.mme_service import calculate_mme  # noqa: E402
from mps_pain.tables.index import TableIndex  # noqa: E402
from tests.robustness.test_batch_summary_equivalence import documents  # noqa: E402


def _fresh_index() -> TableIndex:
    return TableIndex(TABLES.tables, sha256=TABLES.sha256, origin=TABLES.origin)


def _result(tables: TableIndex, document: RegimenDocument, exclude: bool = False) -> Any:
    try:
        return calculate_mme(
            document, tables=tables, on_item_error="exclude" if exclude else "raise"
        ).model_dump(mode="json")
    except MpsPainError as exc:
        return exc.to_dict()


@given(raw=documents(), exclude=st.booleans())
def test_a_document_recomputed_edited_and_reordered_gives_the_fresh_result(
    raw: dict[str, Any], exclude: bool
) -> None:
    """The same document object again (every item remembered), one row replaced by a new object
    with the same content, and the rows reversed (each item at another position) each give
    what a fresh index of the table gives: nothing is served for another position or object."""
    try:
        document = parse_regimen(raw)
    except MpsPainError:
        return
    items = list(document.items)
    edited = [*items[:-1], items[-1].model_copy()] if items else items
    variants = [
        document,
        document,
        document.model_copy(update={"items": edited}),
        document.model_copy(update={"items": items[::-1]}),
        document,
    ]
    for variant in variants:
        assert _result(TABLES, variant, exclude) == _result(_fresh_index(), variant, exclude)


def test_the_benchmark_regimen_recomputed_is_the_fresh_result() -> None:
    from benchmarks.mme_benchmark import TEN_ITEMS

    document = parse_regimen({"items": TEN_ITEMS, "prn": "include"})
    first = compute_mme(TABLES, document, table_id="cdc-2022")
    for _ in range(3):
        again = compute_mme(TABLES, document, table_id="cdc-2022")
        assert again == first
    assert first == compute_mme(_fresh_index(), document, table_id="cdc-2022")


# --- set_and_spread_totals: one lookup per item for the set's total and the spread ----------

from mps_pain.domain.mme_totals import (  # noqa: E402
    band_bases,
    set_and_spread_totals,
    set_total,
    spread_totals,
)


def _both_apart(document: RegimenDocument, set_id: str, policy: Any, check: bool) -> Any:
    items, _ = resolve_items(TABLES, document, "exclude")
    bases = band_bases(items, policy)
    try:
        total = set_total(TABLES, set_id, items, policy, bases, check_uncounted=check)
    except MpsPainError as exc:
        return exc.to_dict()
    return total, spread_totals(TABLES, items, policy, bases)


def _both_at_once(document: RegimenDocument, set_id: str, policy: Any, check: bool) -> Any:
    items, _ = resolve_items(TABLES, document, "exclude")
    bases = band_bases(items, policy)
    try:
        return set_and_spread_totals(TABLES, set_id, items, policy, bases, check_uncounted=check)
    except MpsPainError as exc:
        return exc.to_dict()


@given(
    raw=documents(),
    set_id=st.sampled_from(sorted(TABLES.sets)),
    policy=st.sampled_from(["include", "exclude"]),
    check=st.booleans(),
)
def test_set_and_spread_totals_are_set_total_and_spread_totals(
    raw: dict[str, Any], set_id: str, policy: Any, check: bool
) -> None:
    try:
        document = parse_regimen(raw)
    except MpsPainError:
        return
    apart = _both_apart(document, set_id, policy, check)
    at_once = _both_at_once(document, set_id, policy, check)
    assert repr(at_once) == repr(apart)


# --- class rules: remembered by the uses whose drug is in a class a rule names -------------

from mps_pain.domain.patient_rules.interactions import (  # noqa: E402
    _class_rule_warnings,
    class_rule_warnings,
)
from mps_pain.domain.patient_rules.uses import DrugUse  # noqa: E402


@given(
    drugs=st.lists(st.sampled_from(sorted(TABLES.drugs)), max_size=7),
    rows=st.lists(st.none() | st.integers(0, 9), min_size=7, max_size=7),
)
def test_class_rule_warnings_are_the_rules_on_every_use(drugs: list[str], rows: list[Any]) -> None:
    uses = [
        DrugUse(TABLES.drugs[drug], "oral", row, "current")
        for drug, row in zip(drugs, rows, strict=False)
    ]
    assert class_rule_warnings(TABLES, uses) == _class_rule_warnings(TABLES, uses)
    assert class_rule_warnings(TABLES, uses) == class_rule_warnings(_fresh_index(), uses)
    # a palliative patient's words are remembered apart (pharmacist review 17, L5)
    palliative = class_rule_warnings(TABLES, uses, palliative=True)
    assert palliative == _class_rule_warnings(TABLES, uses, palliative=True)


# --- numbers.tidy: a remembered tidied value is its 12-figure text read back ----------------

import math  # noqa: E402

from mps_pain import numbers  # noqa: E402


def _same_float(got: float, expected: float) -> bool:
    if math.isnan(expected):
        return math.isnan(got)
    return got == expected and math.copysign(1, got) == math.copysign(1, expected)


@given(values=st.lists(st.floats() | st.integers(-(10**15), 10**15).map(float), max_size=20))
def test_a_tidied_value_is_its_twelve_figure_text_read_back_each_time(values: list[float]) -> None:
    for value in [*values, *values]:  # every value again: the second answer is remembered
        assert _same_float(numbers.tidy(value), float(f"{value:.12g}"))


def test_tidy_keeps_at_most_its_bound_of_values_and_stays_exact_past_it() -> None:
    values = [i / 7 + 1e-13 * i for i in range(numbers.TIDIED_KEPT + 500)]
    for value in [*values, *values[:600]]:
        assert numbers.tidy(value) == float(f"{value:.12g}")
        assert len(numbers._TIDIED) <= numbers.TIDIED_KEPT
