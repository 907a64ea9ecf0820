"""Grading: the learner's answers against the engine's answer key, with diagnoses.

An answer is correct when it lies within the sourced range (``expected.py``); a wrong one is
matched against the known error patterns (``diagnose.py``); the worked answer is the planner's
own steps with their arithmetic and citations.
"""

from __future__ import annotations

from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.domain.rotation.rounding_policy import choose_amount
from mps_pain.domain.rotation.shaped import injected_grid
from mps_pain.errors import InputError
from mps_pain.practice.answer_order import order_judged
from mps_pain.practice.band_smoothing import band_smoothing
from mps_pain.practice.carry import Carry, regimen_amount
from mps_pain.practice.diagnose import Span, diagnose_number
from mps_pain.practice.diagnosis_agrees import Answered, agreeing
from mps_pain.practice.expected import (
    REDUCTION_TOLERANCE,
    RELATIVE_TOLERANCE,
    above_point_note,
    breakthrough_band,
    expected_for,
    not_above_target,
    regimen_expected,
    regimen_target,
    required_warnings,
    within,
)
from mps_pain.practice.follows import marked
from mps_pain.practice.given import given_number, in_unit
from mps_pain.practice.key import MmeKey, SwitchKey, answer_key
from mps_pain.practice.models import (
    MISSING_WORDS,
    NOT_RAISED_WORDS,
    AnswerDocument,
    Answers,
    Diagnosis,
    Exercise,
    Expected,
    GradeReport,
    KeyGrade,
)
from mps_pain.practice.other_interval import at_other_interval
from mps_pain.practice.other_method import named_method
from mps_pain.practice.outside_range import outside_range
from mps_pain.practice.patterns import PATTERNS
from mps_pain.practice.plan_options import held_mark, option_mark, plan_option
from mps_pain.practice.pump_option import pump_option
from mps_pain.practice.shown import meant
from mps_pain.practice.worked import worked_answer
from mps_pain.tables.index import TableIndex
from mps_pain.units import format_number

__all__ = ["grade", "worked_answer"]


def _diagnosis(codes: list[str]) -> Diagnosis | None:
    if not codes:
        return None
    return Diagnosis(code=codes[0], message=PATTERNS[codes[0]], also=codes[1:])


# A step judged ONLY from the trainee's own accepted base once that base is accepted (clinician
# review 8, #3): the regimen is the rounding of the trainee's own accepted target, the
# breakthrough dose the rule applied to the trainee's own accepted regimen. Before that base is
# accepted, the step is right from the planner's numbers or from the trainee's (one mistake is
# counted once: a regimen that rounds a wrong target is not a second mistake).
_OWN_BASE = {"regimen": "target_daily_dose", "breakthrough_dose": "regimen"}


def _own_base_only(carry: Carry | None, ask: str) -> bool:
    return carry is not None and _OWN_BASE.get(ask, "") in carry.values


def _numeric(
    key: MmeKey | SwitchKey,
    ask: str,
    value: float,
    given: str,
    expected: Expected,
    carry: Carry | None = None,
) -> KeyGrade:
    """Within the sourced range, or within the same tolerance of the answer key asked with the
    trainee's accepted earlier answers (``Carry.key_for``); a pattern is named against the
    trainee's own numbers when they carry. A step in ``_OWN_BASE`` is judged from the trainee's
    base alone once that base is accepted."""
    assert expected.low is not None and expected.high is not None
    ok = within(value, expected.low, expected.high)
    if ask == "reduction":
        ok = expected.low - REDUCTION_TOLERANCE <= value <= expected.high + REDUCTION_TOLERANCE
    if carry is None or (ok and not _own_base_only(carry, ask)):
        codes = [] if ok else diagnose_number(key, ask, value, (expected.low, expected.high))
        note = above_point_note(ask, value, expected) if ok else ""
        return _result(ask, ok, expected, given, codes, note)
    band = _from_regimen_band(key, carry, ask, value, given, expected)
    if band is not None:
        return band
    own = carry.own_base(ask)
    if own is not None and _accepts(own, ask, value):
        return _result(ask, False, expected, given, [], _own_base_note(own))
    carried = carry.key_for(ask)
    ours = None if carried is None else expected_for(carried, ask)
    if carried is None or ours is None or ours.low is None or ours.high is None:
        codes = [] if ok else diagnose_number(key, ask, value, (expected.low, expected.high))
        return _result(ask, ok, expected, given, codes)
    mine = within(value, ours.low, ours.high)
    span = (ours.low, ours.high)
    codes = [] if mine or ok else _diagnose(key, carried, ask, value, span, expected)
    note = _NOT_YOURS if ok and not mine else ""
    return _result(ask, mine, expected, given, codes, note, None if ok and mine else ours)


def _from_regimen_band(
    key: MmeKey | SwitchKey,
    carry: Carry,
    ask: str,
    value: float,
    given: str,
    expected: Expected,
) -> KeyGrade | None:
    """The breakthrough dose after a regimen that was not accepted: judged by the rule for any
    regimen the grader accepts from the trainee's accepted base, stated as one band (clinician
    review 10, #5); a right fraction of the trainee's own wrong regimen still names the base.
    None when the trainee's regimen was accepted or nothing carries."""
    keys = carry.regimen_band() if ask == "breakthrough_dose" else []
    ours = breakthrough_band(keys)
    if ours is None or ours.low is None or ours.high is None:
        return None
    if within(value, ours.low, ours.high):
        return _result(ask, True, expected, given, [], "", ours)
    own = carry.own_base(ask)
    if own is not None and _accepts(own, ask, value):
        return _result(ask, False, expected, given, [], _own_base_note(own))
    codes = _diagnose(key, keys[0], ask, value, (ours.low, ours.high), expected)
    return _result(ask, False, expected, given, codes, "", ours)


def _diagnose(
    key: MmeKey | SwitchKey,
    carried: SwitchKey,
    ask: str,
    value: float,
    ours: Span,
    expected: Expected,
) -> list[str]:
    """The patterns against the trainee's own numbers first; only when none explains the
    answer, against the planner's."""
    codes = diagnose_number(carried, ask, value, ours)
    if codes or expected.low is None or expected.high is None:
        return codes
    return diagnose_number(key, ask, value, (expected.low, expected.high))


def _accepts(key: SwitchKey, ask: str, value: float) -> bool:
    expected = expected_for(key, ask)
    low, high = expected.low, expected.high
    return low is not None and high is not None and within(value, low, high)


def _own_base_note(own: SwitchKey) -> str:
    regimen = regimen_target(own)
    amount = regimen_amount(own) or 0.0
    schedule = f" {regimen.frequency}" if regimen.frequency else ""
    return (
        f"It is the right fraction of your own regimen ({format_number(amount)} "
        f"{regimen.unit}{schedule}), but that regimen was not accepted: the base is wrong, "
        "not the fraction."
    )


_CARRIED = "It follows correctly from your own accepted earlier answers."
# A wrong answer the planner's own rule gives elsewhere in the sourced range: no error pattern is
# named, since none is needed to reach it (clinician review 9, #2: "reduction applied twice" for
# 10 mg q12h, the planner's dose at the 50% end, while twice 25% gives 14.9 mg q12h).
_NOT_YOURS = (
    "It is what the planner gives at another point of the sourced range, but it does not follow "
    "from your own accepted earlier answers; no known error pattern explains it."
)


def _result(
    ask: str,
    ok: bool,
    expected: Expected,
    given: str,
    codes: list[str],
    note: str = "",
    carried: Expected | None = None,
) -> KeyGrade:
    """The mark and its words; ``carried`` (from the trainee's accepted earlier answers) is
    named first when it judged the step, unless it is the planner's own (review 15, #15)."""
    carried = None if carried is None or carried.same_answer(expected) else carried
    diagnosis = _diagnosis(codes)
    because = f" {diagnosis.message}" if diagnosis is not None else ""
    if ok:
        explanation = f"Correct: {given}. The planner's answer: {expected.text}."
        if carried is not None:  # the band that governed, the planner's as its point
            explanation = (
                f"Correct: {given}. {_CARRIED} From them: {carried.text}. The planner's answer "
                f"from its own numbers: {expected.point}."
            )
    elif carried is not None:
        explanation = (
            f"From your own accepted earlier answers: expected {carried.text}; you gave "
            f"{given}.{because} The planner's answer from its own numbers: {expected.point}."
        )
    else:
        explanation = f"Expected {expected.text}; you gave {given}.{because}"
    if note:
        explanation += f" {note}"
    return KeyGrade(
        key=ask,
        correct=ok,
        expected=expected,
        given=given,
        diagnosis=diagnosis,
        explanation=explanation,
        judged_by=carried,
    )


def _grade_regimen(
    key: SwitchKey, answers: Answers, expected: Expected, carry: Carry | None = None
) -> tuple[KeyGrade, float]:
    """The regimen's mark; an answer not accepted that is an option the plan itself names is
    accepted as that option (pharmacist review 19, M4: never wrong with a diagnosis)."""
    mark, value = _regimen_mark(key, answers, expected, carry)
    assert answers.regimen is not None
    unit = regimen_target(key).unit
    option = plan_option(key, value, unit, answers.regimen.frequency)
    if mark.correct or option is None:
        return held_mark(mark, key, value, unit) or mark, value
    return option_mark(mark, option, expected, (key.reduction_low, key.reduction_high)), value


def _regimen_mark(
    key: SwitchKey, answers: Answers, expected: Expected, carry: Carry | None = None
) -> tuple[KeyGrade, float]:
    answer = answers.regimen
    assert answer is not None
    target = regimen_target(key)
    amount = answer.dose if target.kind == "dose" else answer.rate
    if amount is None:
        wanted = "'dose' and 'frequency'" if target.kind == "dose" else "'rate'"
        raise InputError(f"give the regimen as {wanted}", location="answers.regimen")
    value = in_unit(amount, target.unit, f"answers.regimen.{target.kind}")
    value = meant(key, carry, "regimen", value)  # typed as displayed (fuzz re-check 19b, D4)
    given = f"{format_number(value)} {target.unit}"
    if target.kind == "dose":
        if answer.frequency is None:
            raise InputError(
                "give the frequency with the dose", location="answers.regimen.frequency"
            )
        given += f" {answer.frequency}"
        if abs(24.0 / answer.frequency.interval_h - target.doses_per_day) > 1e-6:
            codes, note = at_other_interval(key, carry, value, answer.frequency)
            return _result("regimen", False, expected, given, codes, note), value
    planners = _regimen_accepted(key, value, target.kind)
    carried = None if carry is None else carry.key_for("regimen")
    if planners and not _own_base_only(carry, "regimen"):
        return _result("regimen", True, expected, given, []), value
    if carried is None:  # nothing of the trainee's carries: the planner's own range
        codes = (
            []
            if planners
            else diagnose_number(key, "regimen", value, (target.low, target.upper_unrounded))
        )
        return _result("regimen", planners, expected, given, codes), value
    # from the trainee's own base: once their target is accepted, the rounding of THEIR target
    # only (clinician review 8, #3: 10 mg q12h for a trainee's own 55.65 mg/day was "correct"),
    # the planner's dose with their reduction stated included (``Carry.stated_gives``)
    ours = regimen_target(carried)
    option = plan_option(key, value, target.unit, answer.frequency)  # its own words (M4)
    held = option is None and carry is not None and carry.stated_gives(value)
    ok = held or _regimen_accepted(carried, value, target.kind)
    accepted = (ours.low, ours.upper_unrounded)
    codes = [] if ok or planners else _diagnose(key, carried, "regimen", value, accepted, expected)
    note = _NOT_YOURS if planners and not ok else ""
    # the band that governs: once the trainee's target is accepted, theirs, whatever the answer
    # (pharmacist review 21, L-4: "from 30 up to 35 mg" beside the right answer, "from 25 up to
    # 30 mg" beside a wrong one, for the same earlier answers)
    mine = regimen_expected(ours)
    if _own_base_only(carry, "regimen") and mine.value == expected.value:
        # the planner's point from the trainee's accepted target: said as the planner's answer
        # with the band that target leaves (not named theirs: review 15, #15; re-check 19b, D4)
        return _result("regimen", ok, mine, given, codes, note), value
    return _result("regimen", ok, expected, given, codes, note, mine), value


def _regimen_accepted(key: SwitchKey, value: float, kind: str) -> bool:
    """A dose the rounding policy gives for a reduction in the sourced range: the planner's own
    doses, or the planner's dose when asked with the reduction that makes the target ``value``."""
    target = regimen_target(key)
    plans = (key.plan, key.plan_low_reduction, key.plan_high_reduction)
    own = [a.value for p in plans if (a := p.regimen.dose or p.regimen.rate) is not None]
    if any(abs(value - v) <= 1e-6 * max(1.0, v) for v in own):
        return True
    if not not_above_target(target, value):  # the planner's "not above", as printed
        return False
    if kind == "rate" and key.plan.regimen.route != "transdermal":
        return value >= target.low * (1 - 2 * RELATIVE_TOLERANCE) or _stepped_down(key, value)
    eq = key.plan.equianalgesic_daily_dose.value
    per_day = value * (1.0 if key.plan.regimen.route == "transdermal" else target.doses_per_day)
    fraction = 1 - per_day / eq - 1e-9
    if not (key.reduction_low - 1e-9 <= fraction <= key.reduction_high + 1e-9):
        return False
    replanned = key.at_reduction(max(0.0, fraction))
    amount = replanned.regimen.dose or replanned.regimen.rate
    return amount is not None and abs(amount.value - value) <= 1e-6 * max(1.0, value)


def _stepped_down(key: SwitchKey, value: float) -> bool:
    """An infusion rate whose 24-h amount is the key's target rounded by the planner's own
    rounding function (``choose_amount``: the injected step, or the finer step that keeps it in
    the range, ``Grid.floor_inside``) within the key's range of reductions, applied to the
    trainee's own accepted target (clinician review 11 #5; one rule, one place: the plain ladder
    floor graded R01's 22.5 mg/24 h correct, BELOW the planner's own check, re-check 12b)."""
    target = key.plan.target_daily_dose
    rounding = rotation_rules(key.tables).rounding
    low = key.plan_high_reduction.target_daily_dose.value
    high = key.plan_low_reduction.target_daily_dose.value
    tolerance = rounding.short_tolerance.fraction
    grid = injected_grid(rounding)  # the planner's infusion: its own precision (``per_day``)
    choice = choose_amount(target.value, low, high, grid, tolerance=tolerance, per_day=None)
    down = choice.chosen.total / 24
    return down > 0 and abs(value - down) <= 1e-6 * max(1.0, down)


def _grade_warnings(key: SwitchKey, answers: Answers, expected: Expected) -> KeyGrade:
    given_codes = sorted(set(answers.warnings or []))
    required, allowed = required_warnings(key.plan)
    missing = [c for c in required if c not in given_codes]
    extra = [c for c in given_codes if c not in allowed]
    given = ", ".join(given_codes) if given_codes else "none"
    codes = ["renal-ignored"] if any("renal" in c for c in missing) else []
    heads = ((MISSING_WORDS, missing), (NOT_RAISED_WORDS, extra))
    note = " ".join(f"{head}: {', '.join(found)}." for head, found in heads if found)
    lists = {"missing_codes": tuple(missing), "not_raised_codes": tuple(extra)}
    mark = _result("warnings", not missing and not extra, expected, given, codes, note)
    return mark.model_copy(update=lists)


def grade(tables: TableIndex, exercise: Exercise, document: AnswerDocument) -> GradeReport:
    """Grade every key the exercise asks; a missing key is an InputError naming it."""
    answers = document.answers
    for ask in exercise.asks:
        if getattr(answers, ask) is None:
            raise InputError(f"the exercise asks '{ask}'; give a value", location=f"answers.{ask}")
    extra = [k for k in answers.model_fields_set if k not in exercise.asks]
    if extra:
        raise InputError(
            f"the exercise does not ask '{extra[0]}' (it asks {', '.join(exercise.asks)})",
            location=f"answers.{extra[0]}",
        )
    key = answer_key(tables, exercise)
    carry = Carry(key) if isinstance(key, SwitchKey) and not key.is_methadone else None
    results: list[KeyGrade] = []
    earlier: list[Answered] = []
    for ask in exercise.asks:
        expected = expected_for(key, ask)
        if ask == "warnings" and isinstance(key, SwitchKey):
            results.append(_grade_warnings(key, answers, expected))
            continue
        if ask == "regimen" and isinstance(key, SwitchKey):
            result, value = _grade_regimen(key, answers, expected, carry)
            assert answers.regimen is not None
            result = outside_range(key, result, value, answers.regimen.frequency, carry)
        else:
            value, given = given_number(key, answers, ask, expected)
            value = meant(key, carry, ask, value)  # typed as displayed (fuzz re-check 19b, D4)
            result = pump_option(key, _numeric(key, ask, value, given, expected, carry), value)
        result = agreeing(key, marked(result, value, carry), earlier)  # review 18: #5, L1
        result = named_method(key, result, value)  # another method's number (18b, L3)
        ome_ok = all(a.mark.correct for a in earlier if a.mark.key == "ome_per_day")
        result = band_smoothing(key, result, value, ome_ok)  # the band smoothing (19, L3; 19b)
        results.append(result)
        earlier.append(Answered(result, value))
        if carry is not None:
            carry.answered(ask, value, result.correct)
    if isinstance(key, SwitchKey):  # the answer as the order it writes (re-check 21b, N-1)
        results = order_judged(key, answers, results)
    score = sum(1 for r in results if r.correct)
    return GradeReport(
        exercise=exercise.id,
        level=exercise.level,
        topic=exercise.topic,
        results=results,
        score=score,
        total=len(results),
        worked=worked_answer(key),
    )
