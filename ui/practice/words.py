"""The Practice window's words: topics, results and expected answers, never a code or an id.

Warnings are named by their title (``mps_pain.presentation.warning_titles``), questions by their
label, topics by a phrase. The grading itself (and its codes) stays in ``mps_pain.practice``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mps_pain.practice.caution import ACCEPTED_WITH_CAUTION, CORRECT
from mps_pain.practice.follows import FOLLOWS_NOT_RIGHT
from mps_pain.practice.models import MISSING_WORDS, NOT_RAISED_WORDS
from mps_pain.practice.patterns import pattern_title
from mps_pain.presentation.warning_titles import warning_title
from ui.practice.answer_fields import QUESTION_LABELS

if TYPE_CHECKING:
    from mps_pain.practice.models import KeyGrade

__all__ = [
    "CAUTION_MARK",
    "FOLLOWS_MARK",
    "LEVEL_WORDS",
    "TOPIC_WORDS",
    "expected_words",
    "question_words",
    "result_line",
    "result_words",
    "topic_words",
]

TOPIC_WORDS = {
    "mme-single": "MME of one opioid",
    "mme-several-prn": "several opioids with as-needed doses",
    "oral-rotation": "switching between oral opioids",
    "to-patch": "switching to a patch",
    "from-patch": "switching from a patch",
    "infusion": "continuous infusions",
    "route-change": "changing the route",
    "methadone": "switching to methadone",
    "renal": "kidney impairment",
}


#: an answer accepted with caution (``KeyGrade.caution``): still accepted, not the green tick
CAUTION_MARK = "⚠ Accepted, with caution"
#: an answer that follows but is not the right dose (``KeyGrade.follows_only``; review 18, #5)
FOLLOWS_MARK = "⚠ Follows, but not the right dose"

LEVEL_WORDS = (  # levels 1–5
    TOPIC_WORDS["mme-single"],  # level 1 is that one topic
    "several opioids with PRN",
    "oral rotation",
    "patches, infusions, routes",
    "methadone, renal, hepatic, QTc",
)


def topic_words(topic: str) -> str:
    return TOPIC_WORDS.get(topic, topic.replace("-", " ").replace("_", " "))


def question_words(key: str) -> str:
    return QUESTION_LABELS.get(key, key.replace("_", " ")).replace("&", "")


def _titles(codes: list[str] | tuple[str, ...]) -> str:
    return "; ".join(warning_title(c) for c in codes) if codes else "none"


def result_words(result: KeyGrade, given: Any) -> str:
    """The mark beside one answer: correct or wrong, and why, in words."""
    if result.key == "warnings":
        ticked = [str(c) for c in (given or [])]
        wanted = list(result.expected.codes or [])
        if result.correct:
            return f"✓ Correct. You raised: {_titles(ticked)}."
        parts = [f"To raise: {_titles(wanted)}.", f"You ticked: {_titles(ticked)}."]
        if result.missing_codes:
            parts.append(f"{MISSING_WORDS}: {_titles(result.missing_codes)}.")
        if result.not_raised_codes:
            parts.append(f"{NOT_RAISED_WORDS}: {_titles(result.not_raised_codes)}.")
        return "✗ Wrong. " + " ".join(parts)
    if result.correct and result.follows_only:  # never the green tick (review 18, #5)
        return f"{FOLLOWS_MARK}. {result.explanation.removeprefix(FOLLOWS_NOT_RIGHT)}"
    if result.correct and result.caution:  # its own mark, not the green tick (review 14, #3)
        return f"{CAUTION_MARK}. {result.explanation.removeprefix(ACCEPTED_WITH_CAUTION)}"
    if result.correct:
        return f"✓ Correct. {result.explanation.removeprefix(CORRECT)}"
    return f"✗ Wrong. {result.explanation}"


def result_line(result: KeyGrade, given: Any) -> str:
    """The one line beside an answer: the verdict, the error pattern's name (clinician review
    15, #15) and the expected value (review 10, #8); the whole message (``result_words``) is in
    the feedback pane."""
    if result.key == "warnings":
        if result.correct:
            return "✓ Correct"
        if result.missing_codes:
            return f"✗ Wrong: missing {_titles(result.missing_codes)}"
        return "✗ Wrong: extra tick"  # the narrow line; the pane names it (review 14, #3)
    if result.correct and result.follows_only:
        return f"{FOLLOWS_MARK}: expected {result.expected.point}; you gave {result.given}"
    if result.correct and result.caution:
        return f"{CAUTION_MARK}: {result.given}"
    if result.correct:
        return f"✓ Correct: {result.given}"
    expected = result.judged_by or result.expected
    pattern = f" ({pattern_title(result.diagnosis.code)})" if result.diagnosis else ""
    return f"✗ Wrong{pattern}: expected {expected.point}; you gave {result.given}"


def expected_words(result: KeyGrade) -> str:
    """``Warnings to raise: QTc prolonged`` — one expected answer in the worked answer."""
    if result.key == "warnings":
        text = _titles(list(result.expected.codes or [])) if result.expected.codes else "none"
    else:
        text = result.expected.text
    return f"{question_words(result.key)}: {text}"
