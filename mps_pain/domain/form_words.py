"""A catalogue form id as it is written in a line of arithmetic or a regimen: the one rule.

``er``/``ir`` are written as prescribers write them, ``ER``/``IR``; other ids read as words
(``oral_solution`` → ``oral solution``). The catalogue and documents keep the ids.
"""

from __future__ import annotations

__all__ = ["form_label"]


def form_label(form: str | None) -> str:
    if not form:
        return ""
    return form.upper() if form in ("er", "ir") else form.replace("_", " ")
