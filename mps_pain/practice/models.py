"""Practice exercises, answers and grades: frozen models (issue #9).

An exercise carries what the learner is given in the same shapes as ``rotate``'s and ``mme``'s
input documents (``RotationRequest`` for a switch, ``RegimenDocument`` for an MME-only
exercise), the question keys asked (named like ``rotate --json``), and never the answer key: the
answers are worked out by the planner when the exercise is graded.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from mps_pain.domain.frequency import FrequencyField
from mps_pain.domain.regimen import RegimenDocument
from mps_pain.domain.rotation.requests import RotationRequest, parse_reduction
from mps_pain.fields import DailyAmount, DoseAmount, DoseRate, RouteDailyTotal
from mps_pain.practice.answer_text import regimen_from_text, warnings_from_text
from mps_pain.tables.index import TableRef
from mps_pain.units import excerpt

__all__ = [
    "ASK_KEYS",
    "AnswerDocument",
    "Answers",
    "AskKey",
    "Diagnosis",
    "Exercise",
    "Expected",
    "GradeReport",
    "KeyGrade",
    "RegimenAnswer",
    "WorkedAnswer",
]

AskKey = Literal[
    "ome_per_day",
    "equianalgesic_daily_dose",
    "reduction",
    "target_daily_dose",
    "regimen",
    "breakthrough_dose",
    "warnings",
]
ASK_KEYS: tuple[AskKey, ...] = get_args(AskKey)  # every question, in the order asked
# a number with no unit, as text: ASCII digits only (the quantity parser refuses other digits)
_BARE_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
# the OME's own name after its amount ("55 mg/day OME", "55 oMEDD/day"): the quantity, not a unit
_OME_LABEL = re.compile(r"(?P<amount>.*?)\s*\b(?:OME|oMEDD)\b(?:\s*/\s*(?:day|d))?\s*", re.I)


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _In(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Exercise(_Out):
    """One exercise. ``switch`` or ``regimen`` is set, never both."""

    id: str
    level: Annotated[int, Field(ge=1, le=5)]
    topic: str
    table: str
    prompt: str
    asks: list[AskKey]
    switch: RotationRequest | None = None
    regimen: RegimenDocument | None = None
    choices: list[str] = Field(
        default=[], description="Warning codes to choose from when 'warnings' is asked."
    )
    source: str | None = Field(default=None, description="The case report it follows.")

    def given(self) -> dict[str, Any]:
        """What the learner is given, in rotate's or mme's input shape (JSON)."""
        model: BaseModel | None = self.switch if self.switch is not None else self.regimen
        assert model is not None
        return model.model_dump(
            mode="json", by_alias=True, exclude_none=True, exclude_defaults=True
        )

    def public_json(self) -> dict[str, Any]:
        """``{id, level, topic, table, prompt, given, asks}`` (+ choices, source): no answers."""
        payload: dict[str, Any] = {
            "id": self.id,
            "level": self.level,
            "topic": self.topic,
            "table": self.table,
            "prompt": self.prompt,
            "given": self.given(),
            "asks": list(self.asks),
        }
        if self.choices:
            payload["choices"] = list(self.choices)
        if self.source:
            payload["source"] = self.source
        return payload


class RegimenAnswer(_In):
    """The rounded regimen: ``{dose, frequency}`` or ``{rate}``."""

    dose: DoseAmount | None = None
    frequency: FrequencyField | None = None
    rate: DoseRate | None = None

    @model_validator(mode="after")
    def _one_shape(self) -> RegimenAnswer:
        """A rate takes no dose or frequency: a stray one was ignored (fuzz review 12, #4), where
        a regimen's item refuses the mix (``RegimenItem``: one dosing shape)."""
        stray = [name for name in ("dose", "frequency") if getattr(self, name) is not None]
        if self.rate is not None and stray:
            raise ValueError(
                f"{' and '.join(stray)} cannot be combined with rate: a regimen is "
                "{dose, frequency} or {rate}"
            )
        return self


class Answers(_In):
    """The learner's values, one per question key (only the keys the exercise asks)."""

    # an oral amount per day: its refusals list only the units it accepts (fuzz review 9, #3)
    ome_per_day: DailyAmount | None = Field(
        default=None, description="Oral morphine equivalent, mg/day ('80 mg/day', 80 or '80')."
    )
    # amounts of the new drug by its route: the unit is judged, and a refusal lists the units,
    # by the one rule of that route (``grade._daily_unit_fits``; fuzz review 11 #2)
    equianalgesic_daily_dose: RouteDailyTotal | None = None
    reduction: Annotated[float | None, Field(description="'25%' or a fraction such as 0.25.")] = (
        None
    )
    target_daily_dose: RouteDailyTotal | None = None
    regimen: RegimenAnswer | None = None
    breakthrough_dose: DoseAmount | None = None
    warnings: list[Annotated[str, Field(min_length=1)]] | None = None

    @field_validator("reduction", mode="before")
    @classmethod
    def _reduction(cls, raw: Any) -> float | None:
        return None if raw is None else parse_reduction(raw)

    @field_validator("warnings", mode="before")
    @classmethod
    def _warnings_text(cls, raw: Any) -> Any:
        """The prompt's form, 'codes, comma-separated; none for none' (fuzz review 20, D5)."""
        return warnings_from_text(raw)

    @field_validator("regimen", mode="before")
    @classmethod
    def _regimen_text(cls, raw: Any) -> Any:
        """The prompt's form, '20 mg q12h' or a rate '25 mcg/h' (fuzz review 20, D5)."""
        return regimen_from_text(raw)

    @field_validator("ome_per_day", mode="before")
    @classmethod
    def _plain_number(cls, raw: Any) -> Any:
        """A bare number is mg/day: the OME is an oral morphine amount per day by definition.
        A number written as text reads the same (fuzz review 9, #3: "90" was refused, 90 read);
        the quantity parser then checks it as any amount (sign, digits, size)."""
        if isinstance(raw, bool):
            raise ValueError("write the OME as a number of mg/day, e.g. 80 or '80 mg/day'")
        if isinstance(raw, int | float):
            return f"{raw!r} mg/day"
        labelled = _OME_LABEL.fullmatch(raw) if isinstance(raw, str) else None
        if labelled is not None and labelled["amount"].strip():  # fuzz review 13 #3
            raw = labelled["amount"]
        if isinstance(raw, str) and _BARE_NUMBER.fullmatch(raw.strip()):
            return f"{raw.strip()} mg/day"
        return raw

    @field_validator("equianalgesic_daily_dose", "target_daily_dose", mode="before")
    @classmethod
    def _no_bare_number(cls, raw: Any) -> Any:
        """An amount of the new drug takes no bare number: mg or mcg (fentanyl) would be a
        guess 1000-fold apart. The refusal says the rule, since the OME beside it is read bare
        (fuzz review 12, #4: "55" graded, "337.5" refused, and the keys looked inconsistent)."""
        if type(raw) in (int, float) or (
            isinstance(raw, str) and _BARE_NUMBER.fullmatch(raw.strip())
        ):
            shown = raw.strip() if isinstance(raw, str) else repr(raw)
            raise ValueError(
                f"'{excerpt(shown)}' has no unit; an amount of the new drug needs one (mg or mcg "
                "are 1000-fold apart), e.g. '60 mg/day': only the OME, mg/day of oral morphine "
                "by definition, is read as a bare number"
            )
        return raw


class AnswerDocument(_In):
    """What ``mps-pain practice grade`` reads."""

    exercise: Annotated[str, Field(min_length=1, description="The exercise id.")]
    answers: Answers


class Expected(_Out):
    """The engine's answer to one question: the point value and the accepted range."""

    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    text: str
    codes: list[str] | None = None

    @property
    def point(self) -> str:
        """The answer without its accepted band (``25 mg q12h``): a short line names it."""
        return self.text.split(" (accepted")[0]

    def same_answer(self, other: Expected) -> bool:
        """The same point and accepted range (the words aside)."""
        mine = (self.value, self.low, self.high, self.unit)
        return mine == (other.value, other.low, other.high, other.unit)


class Diagnosis(_Out):
    code: str
    message: str
    also: list[str] = []


MISSING_WORDS = "Missing"
"""The head of the warnings mark's list of required codes not ticked (engine note and app)."""
NOT_RAISED_WORDS = "Not raised by this plan"
"""The head of the warnings mark's list of ticked codes the plan does not raise."""


class KeyGrade(_Out):
    key: AskKey
    correct: bool
    expected: Expected
    given: str
    diagnosis: Diagnosis | None
    explanation: str
    #: the answer from the trainee's own accepted earlier answers, when it governed the mark
    #: (the app's one-line feedback names it: "expected 25 mg q12h", clinician review 10, #8)
    judged_by: Expected | None = None
    #: the warnings step only: the required codes not ticked, and the ticked codes the plan does
    #: not raise (the app names them; it compares nothing itself: clinician review 14, #3)
    missing_codes: tuple[str, ...] = ()
    not_raised_codes: tuple[str, ...] = ()
    #: accepted, with caution: the answer rests on the high-end choice (an OME or equianalgesic
    #: dose above the planner's point, or a step carried from one): still scored as accepted,
    #: marked apart from a plain correct answer (clinician review 14 #3; ``practice.caution``)
    caution: bool = False
    #: follows, but not the right dose: a regimen accepted only because it follows from an end of
    #: the sourced range or from the trainee's earlier numbers, whose effective reduction lies
    #: outside the sourced range (or a breakthrough dose accepted only from such a regimen):
    #: still scored, never the green tick (clinician review 18 #5; ``practice.follows``)
    follows_only: bool = False
    #: an option the plan itself names besides its answer (its other rounding option, or the
    #: interval asked for beside the one it proposes): accepted as the plan offers it, never
    #: wrong with a diagnosis (pharmacist review 19, M4; ``practice.plan_options``)
    plan_option: bool = False


class WorkedAnswer(_Out):
    """The same steps, arithmetic and citations as ``rotate`` (or ``mme``)."""

    steps: list[str]
    table: TableRef


class GradeReport(_Out):
    exercise: str
    level: int
    topic: str
    results: list[KeyGrade]
    score: int
    total: int
    worked: WorkedAnswer
