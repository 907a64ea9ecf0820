"""Exercises from a seed: the same (level, topic, set, seed, index) gives the same exercise.

The id names all five, ``L3.oral-rotation.uk-palliative.42.0``, so the id alone (with the
tables' version) regenerates the exercise. Without a topic the level's topics take turns; without
a set the seed chooses one the topic can use.
"""

from __future__ import annotations

import random
import re

from mps_pain.domain.market_words import spoken_form
from mps_pain.domain.max_dose import max_dose_warnings
from mps_pain.domain.mme import resolve_items
from mps_pain.domain.regimen import RegimenDocument
from mps_pain.domain.regimen_record import regimen_record
from mps_pain.domain.rotation.methadone_method import method_asked
from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.errors import InputError, MpsPainError
from mps_pain.numbers import format_percent_span
from mps_pain.practice.answer_dangers import answer_dangers
from mps_pain.practice.items import describe_item
from mps_pain.practice.key import SwitchKey, answer_key
from mps_pain.practice.limits import MAX_EXERCISES, SEED_DIGITS
from mps_pain.practice.models import Exercise
from mps_pain.practice.templates import LEVEL_TOPICS, TEMPLATES, Template, candidates
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import ReferenceSet
from mps_pain.units import format_number

__all__ = [
    "GENERATED_ID",
    "SEED",
    "SEED_DIGITS",
    "above_a_cited_maximum",
    "answer_above_a_cited_maximum",
    "build_exercise",
    "build_prompt",
    "exercise_id",
    "generate",
    "plan_is_exercise",
    "unknown_exercise",
    "usable_sets",
    "warning_choices",
]

_NUMBER = rf"[0-9]{{1,{SEED_DIGITS}}}"
GENERATED_ID = re.compile(
    rf"^L(?P<level>[1-5])\.(?P<topic>[a-z-]+)\.(?P<set>[a-z0-9-]+)\.(?P<seed>{_NUMBER})"
    rf"\.(?P<index>{_NUMBER})$"
)
SEED = re.compile(_NUMBER)
_ATTEMPTS = 40
# Codes offered as distractors beside the plan's own warnings (teaching vocabulary; the codes
# that are correct always come from the plan).
DISTRACTORS = (
    "renal-target",
    "hepatic-impairment",
    "qtc-prolonged",
    "qtc-borderline",
    "patch-not-opioid-tolerant",
    "patch-onset",
    "methadone-specialist",
    "co-infusion-nmda-antagonist",
    "from-methadone-not-bidirectional",
)


def _template(level: int, topic: str) -> Template:
    found = next((t for t in TEMPLATES if t.level == level and t.topic == topic), None)
    if found is None:
        known = ", ".join(LEVEL_TOPICS[level])
        raise InputError(f"level {level} has no topic '{topic}'; choose {known}", location="topic")
    return found


def usable_sets(tables: TableIndex, template: Template) -> list[ReferenceSet]:
    sets = [
        s
        for s in tables.tables.reference_sets
        if (s.purpose == "equianalgesic" or not template.equianalgesic_only)
        and candidates(template, tables, s)
    ]
    return sets


def _check_set(tables: TableIndex, template: Template, set_id: str) -> ReferenceSet:
    set_ = tables.reference_set(set_id, location="set")
    if set_ not in usable_sets(tables, template):
        usable = ", ".join(s.id for s in usable_sets(tables, template))
        why = (
            "a switching exercise needs an equianalgesic set"
            if template.equianalgesic_only and set_.purpose != "equianalgesic"
            else "the set has no row this topic can use"
        )
        raise InputError(
            f"'{set_id}' cannot serve level {template.level} ({template.topic}): {why}; "
            f"choose {usable}",
            location="set",
        )
    return set_


def warning_choices(key: SwitchKey, rng: random.Random) -> list[str]:
    own = {w.code for w in key.plan.warnings}
    others = [c for c in DISTRACTORS if c not in own]
    picked = rng.sample(others, k=min(3, len(others)))
    return sorted(own | set(picked))


def build_prompt(
    tables: TableIndex,
    regimen: RegimenDocument | None,
    switch: RotationRequest | None,
    set_: ReferenceSet,
) -> str:
    """The question in words, written from the given."""
    if regimen is not None:
        items = "; ".join(describe_item(i) for i in regimen.items)
        policy = regimen.prn or "include"
        return (
            f"Current regimen: {items}. Under {set_.name}, with as-needed doses "
            f"{'included' if policy == 'include' else 'excluded'}, what is the total daily "
            f"{set_.output_label}?"
        )
    assert switch is not None
    request = switch
    items = "; ".join(describe_item(i) for i in request.from_.items)
    to = request.to
    how = (
        "a patch"
        if to.route == "transdermal"
        else "a continuous infusion"
        if to.continuous
        else f"{spoken_form(to.form) if to.form else ''} {to.frequency or ''}".strip() or "by mouth"
    )
    patient = request.patient.model_dump(mode="json", exclude_none=True)
    facts = ", ".join(_fact(k, v) for k, v in patient.items())
    return (
        f"Current regimen: {items}. Patient: {facts or 'no further details'}. "
        f"Switch to {to.drug} {to.route} ({how}) under {set_.name}"
        f"{_methadone_method_words(tables, request, set_)}."
    )


def _methadone_method_words(
    tables: TableIndex, request: RotationRequest, set_: ReferenceSet
) -> str:
    """The methadone method graded, by the planner's own choice of it, with its sourced
    reduction (pharmacist review 18, D3: the prompt named none, so the Japanese label's tier
    could not be told from a slip under CCDHB's bands) and the interval it is given at."""
    rules = tables.tables.rotation
    if rules is None or request.to.drug != rules.methadone.drug:
        return ""
    method = method_asked(rules, request, set_.market)
    cut = method.reduction
    said = (
        "no reduction"
        if cut.high <= 0
        else f"its sourced reduction {format_percent_span(cut.low, cut.high)}"
    )
    if method.kind == "ratio_tiers":  # the bands as the planner applies them (review 19, L3)
        said += (
            "; its bands with this program's smoothing across a band edge: "
            f"{rules.methadone.band_edge.message}"
        )
    # the interval the regimen is graded at, named (re-check 18b, L3: "the exercise asks for
    # the regimen q8h" of a prompt that named none): the method's own, as the planner gives it
    code = method.frequency.code
    given = "" if code == "prn" else f", the regimen given {code}"
    return f", by the methadone method {method.name} ({said}){given}"


def _fact(name: str, value: object) -> str:
    label = name.replace("_", " ")
    if isinstance(value, dict):
        return f"{label} {format_number(value['value'])} {value['unit']}"
    if isinstance(value, bool):
        return label if value else f"not {label}"
    if isinstance(value, float):
        return f"{label} {format_number(value)}"
    return f"{label} {value}"


def unknown_exercise(exercise_id: str) -> InputError:
    """The refusal of an exercise id that names no exercise."""
    return InputError(f"unknown exercise id '{exercise_id}'", location="exercise")


def build_exercise(tables: TableIndex, exercise_id: str) -> Exercise:
    """The exercise an id names; an id that does not parse, or names nothing, is refused."""
    match = GENERATED_ID.match(exercise_id)
    if match is None:
        raise unknown_exercise(exercise_id)
    level, topic = int(match["level"]), match["topic"]
    if topic not in LEVEL_TOPICS[level] or match["set"] not in tables.sets:
        raise unknown_exercise(exercise_id)
    template = _template(level, topic)
    set_ = _check_set(tables, template, match["set"])
    rows = candidates(template, tables, set_)
    seed, index = int(match["seed"]), int(match["index"])
    offset = random.Random(f"offset|{level}|{topic}|{set_.id}|{seed}").randrange(len(rows))
    # The row of this index first; a row the attempts cannot make an exercise of (e.g. no
    # strength small enough for any dose drawn) gives way to the next one, deterministically.
    for step in range(len(rows)):
        row = rows[(offset + index + step) % len(rows)]
        for attempt in range(_ATTEMPTS):
            rng = random.Random(f"{exercise_id}|{step}|{attempt}")
            exercise = _try(tables, template, set_, row, rng, exercise_id)
            if exercise is not None:
                return exercise
    raise InputError(
        f"exercise '{exercise_id}' cannot be built with these tables", location="exercise"
    )


def _try(
    tables: TableIndex,
    template: Template,
    set_: ReferenceSet,
    row: object,
    rng: random.Random,
    exercise_id: str,
) -> Exercise | None:
    try:
        draft = template.build(tables, set_, row, rng)  # type: ignore[arg-type]
        if draft is None:
            return None
        exercise = Exercise(
            id=exercise_id,
            level=template.level,
            topic=template.topic,
            table=set_.id,
            prompt=build_prompt(tables, draft.regimen, draft.switch, set_),
            asks=list(draft.asks),
            switch=draft.switch,
            regimen=draft.regimen,
        )
        if above_a_cited_maximum(tables, exercise):
            return None
        key = answer_key(tables, exercise)
    except MpsPainError:
        return None
    if isinstance(key, SwitchKey):
        if (
            not plan_is_exercise(key, exercise)
            or answer_above_a_cited_maximum(tables, key, exercise)
            or answer_dangers(key, exercise)  # regimen and breakthrough (review 21, M-4)
        ):
            return None
        choices = warning_choices(key, rng) if "warnings" in exercise.asks else []
        return exercise.model_copy(update={"choices": choices})
    if key.result.excluded or key.result.total_mme_per_day <= 0:
        return None
    return exercise


def above_a_cited_maximum(tables: TableIndex, exercise: Exercise) -> bool:
    """The given regimen exceeds a drug's cited maximum daily dose (the engine's own rule,
    ``max_dose_warnings``). No template teaches that warning, so such a draft is drawn again."""
    if exercise.regimen is not None:
        document = exercise.regimen
    else:
        assert exercise.switch is not None
        current = exercise.switch.from_
        document = RegimenDocument(
            items=current.items, prn=current.prn, patient=exercise.switch.patient
        )
    return _above(tables, document)


def answer_above_a_cited_maximum(tables: TableIndex, key: SwitchKey, exercise: Exercise) -> bool:
    """The planner's answer (the new regimen) exceeds its drug's cited maximum daily dose."""
    assert exercise.switch is not None
    regimen = key.plan.regimen
    if regimen.dose is None and regimen.rate is None:
        return False
    document = RegimenDocument(items=[regimen.as_item()], patient=exercise.switch.patient)
    return _above(tables, document)


def _above(tables: TableIndex, document: RegimenDocument) -> bool:
    items, _ = resolve_items(tables, document, on_item_error="exclude")
    by_drug = regimen_record(tables, items).max_dose
    return any(w.code == "max-daily-dose" for w in max_dose_warnings(tables, document, by_drug))


def plan_is_exercise(key: SwitchKey, exercise: Exercise) -> bool:
    """The planner's own plan gives a dose (and a breakthrough dose when one is asked)."""
    plan = key.plan
    if plan.regimen.no_dose is not None or (plan.regimen.dose or plan.regimen.rate) is None:
        return False
    return "breakthrough_dose" not in exercise.asks or (
        plan.breakthrough is not None and plan.breakthrough.dose is not None
    )


def generate(
    tables: TableIndex,
    *,
    level: int | None,
    seed: int,
    set_id: str | None = None,
    topic: str | None = None,
    count: int = 1,
) -> list[Exercise]:
    """``count`` exercises; each one's id regenerates it."""
    if count < 1 or count > MAX_EXERCISES:
        raise InputError(f"count must be between 1 and {MAX_EXERCISES}", location="count")
    return [
        build_exercise(tables, exercise_id(tables, level, seed, index, set_id, topic))
        for index in range(count)
    ]


def exercise_id(
    tables: TableIndex,
    level: int | None,
    seed: int,
    index: int,
    set_id: str | None = None,
    topic: str | None = None,
) -> str:
    """The id of exercise ``index`` of a ``generate`` call, without building the exercises
    before it (an exercise depends only on its own id)."""
    if topic is not None and level is None:
        level = next((t.level for t in TEMPLATES if t.topic == topic), None)
        if level is None:
            known = ", ".join(t.topic for t in TEMPLATES)
            raise InputError(f"unknown topic '{topic}'; choose {known}", location="topic")
    chosen_level = level or random.Random(f"level|{seed}|{index}").randint(1, 5)
    topics = LEVEL_TOPICS[chosen_level]
    chosen_topic = topic or topics[index % len(topics)]
    template = _template(chosen_level, chosen_topic)
    if set_id is not None:
        set_ = _check_set(tables, template, set_id)
    else:
        sets = usable_sets(tables, template)
        set_ = random.Random(f"set|{chosen_level}|{chosen_topic}|{seed}").choice(sets)
    return f"L{chosen_level}.{chosen_topic}.{set_.id}.{seed}.{index}"
