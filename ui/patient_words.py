"""The header's refusals in words (clinician re-check 17b, #8): after review 17 #5 a number
alone is read in a quantity field's one unit ("58" → 58 kg), yet "58,5", "0" and "58 kgs" were
refused with the older "Type a number and a unit", and an age written with its unit, "81
years", was refused. Each refusal says what the field reads (``mps_pain.fields``: a number alone
in the field's unit, a number and its unit; an age in years, with "years" or without). A comma
in any amount of the app, the header's or a row's, is named by the core's one rule
(``comma_words``; clinician review 20, N6)."""

from __future__ import annotations

__all__ = ["age_words", "comma_words", "patient_amount_words", "read_alone"]


def age_words(text: str) -> str:
    """An age that could not be read."""
    return f"Age: “{text}” is not an age. Type the years, e.g. 81 or 81 years."


def comma_words(name: str, text: str) -> str | None:
    """An amount written with a comma, named with the amount as it should be written (the core's
    readings, ``comma_amounts.comma_readings``: both where the comma may separate thousands);
    None when its number holds no comma."""
    # start-up seam: loaded on first use, after the first paint (ui/app.py)
    from mps_pain.comma_amounts import comma_readings, comma_refusal

    read = comma_readings(text)
    if read is None:
        return None
    if read.decimal is not None and read.thousands is None:
        return f"{name}: “{text}” has a comma — write decimals with a point: {read.decimal}."
    return f"{name}: {comma_refusal(text, text)}."


def read_alone(text: str, unit: str) -> str:
    """``text`` as the field reads it: a number alone in the field's one unit ("0" → "0 kg")."""
    # start-up seam: loaded on first use, after the first paint (ui/app.py)
    from mps_pain.fields import is_bare_number

    return f"{text.strip()} {unit}" if is_bare_number(text) else text


def patient_amount_words(name: str, text: str, unit: str, example: str) -> str | None:
    """A header quantity (weight, eGFR, CrCl, QTc) that is no amount, in words; None when it
    reads as one (``read_alone``): its value and unit are then judged by the caller."""
    # start-up seam: loaded on first use, after the first paint (ui/app.py)
    from mps_pain.units import UnitParseError, parse_quantity

    if (comma := comma_words(name, text)) is not None:
        return comma
    try:
        parse_quantity(read_alone(text, unit))
    except (UnitParseError, ValueError):
        return (
            f"{name}: “{text}” is not an amount. Type a number alone (read in {unit}) or a "
            f"number and its unit{example}."
        )
    return None
