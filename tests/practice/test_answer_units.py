"""Fuzz review 8, #6: the practice grader read an oral daily total written per hour.

``"equianalgesic_daily_dose": "18.75 mg/h"`` for an oral tramadol target was graded correct (read
as 450 mg/day), while ``mme`` refuses the same unit for an oral daily total ("'mg/h' is not a
unit for a daily total by the oral route"). The trainer must read an answer with the same unit
rule as the calculator: a unit for a daily amount is accepted by practice exactly when ``mme``
accepts it for a daily total by the same route.
"""

from __future__ import annotations

import json
from typing import Any

from mps_pain.errors import InputError, MpsPainError
from mps_pain.practice.catalogue import find_exercise
from mps_pain.practice.key import SwitchKey, answer_key
from mps_pain.practice.service import answer_for, grade_answer, new_exercises
from mps_pain.services.mme_service import calculate_mme
from mps_pain.tables.index import TableIndex
from mps_pain.unit_kinds import check_unit, daily_total_kind
from mps_pain.units import UnitParseError, parse_quantity
from tests.cli_runner import run_cli

FUZZ_EXERCISE = "L3.oral-rotation.fpm-2021.1.0"  # tramadol oral
PATCH_EXERCISE_TOPIC = "to-patch"
SPELLINGS = ["mg", "mg/day", "mcg/day", "g/day", "mg/h", "mcg/h", "mg/hr", "mg/min", "g/h"]
DAILY_KEYS = ["ome_per_day", "equianalgesic_daily_dose", "target_daily_dose"]


def _engine_answers(tables: TableIndex, exercise_id: str) -> dict[str, Any]:
    exercise = find_exercise(tables, exercise_id)
    document = answer_for(exercise, tables=tables).model_dump(mode="json", exclude_none=True)
    return dict(document["answers"])


def _expressed(amount: dict[str, Any], unit: str) -> dict[str, Any]:
    """The engine's own answer written in ``unit`` (a bare mass: the amount per day), so the
    amount is an ordinary one and only the unit differs."""
    per_time = unit if "/" in unit else f"{unit}/day"
    # a mapping, not text: Python writes a small value as 1e-05, which text refuses
    return {"value": parse_quantity(amount).to(per_time), "unit": unit}


def _mme_accepts(tables: TableIndex, drug: str, route: str, amount: dict[str, Any]) -> bool:
    item = {"drug": drug, "route": route, "daily_dose": amount}
    try:
        calculate_mme({"table": "uk-palliative", "items": [item]}, tables=tables)
    except MpsPainError:
        return False
    return True


def _practice_accepts(
    tables: TableIndex, exercise_id: str, ask: str, amount: dict[str, Any]
) -> bool:
    answers = {**_engine_answers(tables, exercise_id), ask: amount}
    try:
        grade_answer({"exercise": exercise_id, "answers": answers}, tables=tables)
    except InputError as error:
        assert ask in str(error.location), (ask, amount, error.location)
        return False
    return True


def test_fuzz8_6_an_oral_daily_total_per_hour_is_refused_naming_the_field(
    tables: TableIndex,
) -> None:
    answers = {
        **_engine_answers(tables, FUZZ_EXERCISE),
        "equianalgesic_daily_dose": "18.75 mg/h",
    }
    document = json.dumps({"exercise": FUZZ_EXERCISE, "answers": answers})
    run = run_cli("practice", "grade", "-", stdin=document)
    assert run.returncode == 2, run.stdout + run.stderr
    assert "equianalgesic_daily_dose" in run.stderr and "oral" in run.stderr


def test_practice_reads_a_daily_unit_exactly_as_mme_does_by_the_target_route(
    tables: TableIndex,
) -> None:
    """Oral target (tramadol), every key and spelling: accepted iff ``mme`` accepts it for an oral
    daily total of the same drug; the OME is an oral morphine amount whatever the target."""
    right = _engine_answers(tables, FUZZ_EXERCISE)
    for ask in DAILY_KEYS:
        for unit in SPELLINGS:
            amount = _expressed(right[ask], unit)
            accepted = _practice_accepts(tables, FUZZ_EXERCISE, ask, amount)
            drug = "morphine" if ask == "ome_per_day" else "tramadol"
            assert accepted == _mme_accepts(tables, drug, "oral", amount), (ask, amount)


def test_a_patch_target_reads_its_daily_units_by_the_route_rule(tables: TableIndex) -> None:
    """A patch's daily amount may be per hour (its rate): the route's rule, the one ``mme`` uses
    for a daily total (``daily_total_kind``); the OME stays an oral amount."""
    exercise = new_exercises(topic=PATCH_EXERCISE_TOPIC, seed=1, count=1, tables=tables)[0]
    key = answer_key(tables, exercise)
    assert isinstance(key, SwitchKey) and key.plan.regimen.route == "transdermal"
    right = _engine_answers(tables, exercise.id)
    for ask, route in (("target_daily_dose", "transdermal"), ("ome_per_day", "oral")):
        for unit in SPELLINGS:
            amount = _expressed(right[ask], unit)
            try:
                check_unit(unit, daily_total_kind(route))
            except UnitParseError:
                by_rule = False
            else:
                by_rule = True
            assert _practice_accepts(tables, exercise.id, ask, amount) == by_rule, (ask, amount)


def _refusal(tables: TableIndex, exercise_id: str, ask: str, raw: Any) -> str:
    answers = {**_engine_answers(tables, exercise_id), ask: raw}
    try:
        grade_answer({"exercise": exercise_id, "answers": answers}, tables=tables)
    except MpsPainError as error:
        assert ask in str(error.location), (ask, raw, error.location)
        return str(error)
    raise AssertionError(f"{ask}: {raw!r} was graded")


def _listed_units(message: str) -> list[str]:
    """The units a refusal lists ("… use one of mg, mg/day" or "… units of a …: mg, mg/day")."""
    tail = message.rsplit(": ", 1)[-1] if "use one of" not in message else message
    tail = tail.split("use one of", 1)[-1].split(", e.g.", 1)[0]
    return [u.strip(" .") for u in tail.split(",") if u.strip(" .")]


def test_fuzz11_2_a_refusal_lists_only_units_the_same_key_accepts(tables: TableIndex) -> None:
    """Fuzz review 11 #2 (review 10 #2): "450 Mg", "450 mg/week", "450 mL" for an oral daily key
    were refused with a list naming mcg/min, mg/h … which the same key then refused ("not a unit
    for a daily amount by the oral route"). The list comes from the rule that accepts the unit
    for that key and route, so every unit it names is accepted."""
    for ask in ("equianalgesic_daily_dose", "target_daily_dose"):
        amount = _engine_answers(tables, FUZZ_EXERCISE)[ask]
        for raw in ("450 Mg", "450 mg/week", "450 mL", "337.5 mg/h"):
            listed = _listed_units(_refusal(tables, FUZZ_EXERCISE, ask, raw))
            assert listed, (ask, raw)
            for unit in listed:
                assert _practice_accepts(tables, FUZZ_EXERCISE, ask, _expressed(amount, unit)), (
                    ask,
                    raw,
                    unit,
                    listed,
                )


def test_fuzz11_2_a_refused_unit_is_echoed_as_written(tables: TableIndex) -> None:
    """Fuzz review 11 #2 (cosmetic): ``regimen.dose: "150MG"`` was echoed as '150 MG'."""
    exercise = new_exercises(level=3, seed=0, count=1, tables=tables)[0]
    regimen = {"dose": "150MG", "frequency": "q12h"}
    answers = {**_engine_answers(tables, exercise.id), "regimen": regimen}
    try:
        grade_answer({"exercise": exercise.id, "answers": answers}, tables=tables)
    except MpsPainError as error:
        assert "'150MG'" in str(error) and "'150 MG'" not in str(error), str(error)
    else:
        raise AssertionError("150MG was read")
