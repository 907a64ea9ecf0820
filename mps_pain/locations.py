"""A field's location as every refusal writes it: ``("items", 2, "rate")`` → ``items[2].rate``.

The inverse of ``errors.path_segments``: one rule for the strict reader (a number no field can
take, named at its field before any model sees it) and the models' validation errors
(``validation.format_location``). A key is shown as ``units.excerpt`` shows echoed text: short,
control characters escaped.
"""

from __future__ import annotations

from collections.abc import Iterable

from mps_pain.units import excerpt

__all__ = ["location_text"]


def location_text(loc: Iterable[int | str], prefix: str = "") -> str:
    """``("items", 2, "rate")`` → ``items[2].rate`` (after ``prefix``); ``(document)`` when
    the location is the document itself."""
    text = prefix
    for element in loc:
        if isinstance(element, int):
            text += f"[{element}]"
        else:
            name = excerpt(element)
            text += f".{name}" if text else name
    return text or "(document)"
