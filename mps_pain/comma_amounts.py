"""A comma in an amount (fuzz review 19, D5): one rule for the refusal ``units`` gives.

"1,000 mg" was told to "use a decimal point, not a comma"; "1.000 mg", the advice taken
literally, is read as 1 mg. Where a comma may separate thousands, both readings are said, the
thousands first; a suggested amount is the digits as written, never rounded."""

from __future__ import annotations

import re

from mps_pain.echo import excerpt

__all__ = ["comma_refusal"]

_WITH_COMMAS = re.compile(r"[-+]?[\d,]*(?:\.\d*)?")
_THOUSANDS = re.compile(r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")


def comma_refusal(raw: str, text: str) -> str:
    """The refusal of ``raw`` whose number (``text``, stripped) holds a comma.
    Where both readings are possible ('1,000') both are said, the thousands first: advice to
    "use a decimal point" alone turned one thousand into 1.000, read as one."""
    written = _WITH_COMMAS.match(text)
    number = written.group(0) if written else ""
    rest = text[len(number) :].strip()
    unit = f" {rest}" if rest and "," not in rest else ""
    decimal = None
    if number.count(",") == 1 and "." not in number and number.strip("+-,"):
        whole, _, after = number.partition(",")
        fraction = after.rstrip("0")  # the digits as written, never rounded
        digits = whole.lstrip("+-") or "0"
        sign = whole[: len(whole) - len(whole.lstrip("+-"))]
        decimal = f"{sign}{digits}{'.' if fraction else ''}{fraction}{unit}"
    if _THOUSANDS.fullmatch(number):
        thousands = f"{number.replace(',', '')}{unit}"
        if decimal is None:
            return f"'{excerpt(raw)}': write {thousands}, without commas between the thousands"
        return (
            f"'{excerpt(raw)}': a comma is unclear in an amount: write {thousands} if it "
            f"separates thousands, or {decimal} if it is a decimal point"
        )
    if decimal is not None:
        return f"'{excerpt(raw)}': write {decimal}, with a decimal point, not a comma"
    return f"'{excerpt(raw)}': write the amount without a comma (a decimal point for a fraction)"
