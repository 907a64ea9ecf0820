"""``Timing.code`` beside ``Timing.repeat``: read only when it agrees (fuzz review 20, D2).

FHIR R4: "If a code is provided, the code is understood to be a complete statement of whatever is
specified in the structured timing data". An order whose code says Q4H and whose repeat says 1 per
12 h contradicts itself; reading the repeat alone under-counted that line three-fold. As for a
``frequencyMax`` below ``frequency``, which one was meant is not guessed: the order is refused at
the code. A code this program cannot read is refused too — whether it agrees cannot be checked,
and dropping it would be the same silence.

The HL7 TimingAbbreviation codes are definitions of words ("BID" is twice a day), read by the one
frequency reader, ``parse_frequency``; none is a clinical factor.
"""

from __future__ import annotations

from typing import Any

from mps_pain.domain.frequency import parse_frequency
from mps_pain.fhir.model import Refusal, quoted, system_named
from mps_pain.units import format_number

__all__ = ["GTS_SYSTEM", "refuse_contradicting_code"]

GTS_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation"
_HOURS_PER_DAY = 24.0
# each HL7 TimingAbbreviation code as the frequency words this program reads; MO is not here:
# a month's length varies, as ``periodUnit`` 'mo' is refused
_GTS_WORDS = {
    "QD": "daily",
    "AM": "mane",
    "PM": "daily",
    "BED": "nocte",
    "BID": "bid",
    "TID": "tid",
    "QID": "qid",
    "Q1H": "q1h",
    "Q2H": "q2h",
    "Q3H": "q3h",
    "Q4H": "q4h",
    "Q6H": "q6h",
    "Q8H": "q8h",
    "QOD": "every 48 h",
    "WK": "every 168 h",
}
_CANNOT_CHECK = "whether it agrees with timing.repeat cannot be checked, and it is not dropped"


def _per_day(words: str) -> float | None:
    try:
        return parse_frequency(words).doses_per_day
    except ValueError:
        return None


def _stated(code: Any, here: str) -> list[tuple[str, str, float]]:
    """(element, as written, doses a day) of each coding and of the text; a Refusal for one that
    cannot be read."""
    stated: list[tuple[str, str, float]] = []
    for i, coding in enumerate(code.coding or []):
        where = f"{here}.coding[{i}]"
        if coding.system != GTS_SYSTEM:
            raise Refusal(
                "unsupported-timing",
                where,
                f"a timing code of {system_named(coding.system)} is not read "
                f"(only HL7 TimingAbbreviation codes such as BID or Q4H are); {_CANNOT_CHECK}",
            )
        per_day = _per_day(_GTS_WORDS.get(coding.code or "", ""))
        if per_day is None:
            raise Refusal(
                "unsupported-timing",
                f"{where}.code",
                f"the timing code {quoted(coding.code)} is not read; {_CANNOT_CHECK}",
            )
        stated.append((f"{where}.code", str(coding.code), per_day))
    if code.text is not None:
        per_day = _per_day(code.text)
        if per_day is None:
            raise Refusal(
                "unsupported-timing",
                f"{here}.text",
                f"the timing text {quoted(code.text)} is not a frequency this program reads; "
                f"{_CANNOT_CHECK}",
            )
        stated.append((f"{here}.text", code.text, per_day))
    return stated


def refuse_contradicting_code(code: Any, hours: float, slowest_hours: float, here: str) -> None:
    """Refuse a ``timing.code`` (at ``here``) whose doses a day lie outside what the repeat
    allows: ``hours`` (the most aggressive interval read) to ``slowest_hours``."""
    if code is None:
        return
    most, least = _HOURS_PER_DAY / hours, _HOURS_PER_DAY / slowest_hours
    for where, written, per_day in _stated(code, here):
        if least - 1e-9 <= per_day <= most + 1e-9:
            continue
        allowed = (
            format_number(most)
            if most == least
            else (f"{format_number(least)} to {format_number(most)}")
        )
        raise Refusal(
            "unsupported-timing",
            where,
            f"{quoted(written)} ({format_number(per_day)} a day) contradicts timing.repeat "
            f"({allowed} a day): FHIR reads the code as the whole timing, and which one was "
            "meant is not guessed",
        )
