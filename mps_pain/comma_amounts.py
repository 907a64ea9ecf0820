"""A comma in an amount (fuzz review 19, D5): one rule for the refusal ``units`` gives.

"1,000 mg" was told to "use a decimal point, not a comma"; "1.000 mg", the advice taken
literally, is read as 1 mg. Where a comma may separate thousands, both readings are said, the
thousands first; a suggested amount is the digits as written, never rounded.

The readings (``comma_readings``) are the one rule every field meets: the command line's
refusal (``comma_refusal``) and the app's, the header's Weight and a row's Dose or Rate alike
(clinician review 20, N6: "2,08 mg/h" in the check tab's Rate was "not an amount")."""

from __future__ import annotations

import re
from typing import NamedTuple

from mps_pain.echo import excerpt

__all__ = ["CommaReadings", "comma_readings", "comma_refusal"]

_WITH_COMMAS = re.compile(r"[-+]?[\d,]*(?:\.\d*)?")
_THOUSANDS = re.compile(r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")


class CommaReadings(NamedTuple):
    """What an amount written with a comma may mean, each as it should be written: with the
    commas separating thousands, and with the comma a decimal point (None: not a reading)."""

    thousands: str | None
    decimal: str | None


def comma_readings(text: str) -> CommaReadings | None:
    """The readings of ``text`` whose number holds a comma; None when its number holds none."""
    text = text.strip()
    written = _WITH_COMMAS.match(text)
    number = written.group(0) if written else ""
    if "," not in number:
        return None
    rest = text[len(number) :].strip()
    unit = f" {rest}" if rest and "," not in rest else ""
    decimal = None
    if number.count(",") == 1 and "." not in number and number.strip("+-,"):
        whole, _, after = number.partition(",")
        fraction = after.rstrip("0")  # the digits as written, never rounded
        digits = whole.lstrip("+-") or "0"
        sign = whole[: len(whole) - len(whole.lstrip("+-"))]
        decimal = f"{sign}{digits}{'.' if fraction else ''}{fraction}{unit}"
    thousands = f"{number.replace(',', '')}{unit}" if _THOUSANDS.fullmatch(number) else None
    return CommaReadings(thousands, decimal)


def comma_refusal(raw: str, text: str) -> str:
    """The refusal of ``raw`` whose number (``text``, stripped) holds a comma.
    Where both readings are possible ('1,000') both are said, the thousands first: advice to
    "use a decimal point" alone turned one thousand into 1.000, read as one."""
    read = comma_readings(text) or CommaReadings(None, None)
    if read.thousands is not None:
        if read.decimal is None:
            return f"'{excerpt(raw)}': write {read.thousands}, without commas between the thousands"
        return (
            f"'{excerpt(raw)}': a comma is unclear in an amount: write {read.thousands} if it "
            f"separates thousands, or {read.decimal} if it is a decimal point"
        )
    if read.decimal is not None:
        return f"'{excerpt(raw)}': write {read.decimal}, with a decimal point, not a comma"
    return f"'{excerpt(raw)}': write the amount without a comma (a decimal point for a fraction)"
