"""The pieces every printed document shares, each written once: a table cell, the time a page
was printed, the provenance paragraph (date, program, reference set, tables version and hash)
and the signature lines for the prescriber and the checking pharmacist."""

from __future__ import annotations

import datetime as _dt
from html import escape

from mps_pain.presentation.headings import NOT_FOR_SIGNATURE, NOT_SIGNED_WHY

__all__ = [
    "SIGNATURES",
    "cell",
    "kept",
    "not_for_signature",
    "printed_at",
    "provenance",
    "signatures",
    "signatures_part",
]

SIGNATURES = "".join(
    [
        "<table cellspacing='0' cellpadding='8' width='100%'><tr>",
        *(
            f"<td width='50%'><b>{who}</b><br/><br/>Name: ____________________<br/><br/>"
            "Signature: ________________<br/><br/>Date: ___________</td>"
            for who in ("Prescriber", "Checking pharmacist")
        ),
        "</tr></table>",
    ]
)


def not_for_signature() -> str:
    """The marking of a document that names no patient, in a red box (never colour alone: the
    words say it)."""
    return (
        "<table cellspacing='0' cellpadding='8' width='100%' border='1' style='border-color: "
        f"#b00020'><tr><td><b style='color: #b00020'>{escape(NOT_FOR_SIGNATURE)}</b><br/>"
        f"{escape(NOT_SIGNED_WHY)}</td></tr></table>"
    )


def signatures_part(patient: str | None) -> tuple[str, str]:
    """The signatures section's heading and body: lines for the prescriber and the checking
    pharmacist of a named patient's document; for one that names no patient, the marking in
    their place (clinician review 15, #14). Every printed document reads this one rule."""
    if not (patient or "").strip():
        return "Not for signature", not_for_signature()
    return "Signatures", SIGNATURES


def signatures(patient: str | None) -> str:
    heading, body = signatures_part(patient)
    return f"<h2>{heading}</h2>{body}"


def kept(heading: str, body: str) -> str:
    """A heading and its text in one unbreakable table row (kept together on a page)."""
    return (
        "<table width='100%' cellspacing='0' cellpadding='0'><tr><td>"
        f"<h2>{escape(heading)}</h2>{body}</td></tr></table>"
    )


def cell(text: object, *, bold: bool = False) -> str:
    content = escape(str(text))
    return f"<td>{'<b>' + content + '</b>' if bold else content}</td>"


def printed_at(created: _dt.datetime) -> str:
    """``2026-12-02 05:10 CET``: the local time a document was made, as every page says it."""
    return created.strftime("%Y-%m-%d %H:%M %Z")


def provenance(
    created: _dt.datetime, app_version: str, set_name: str, version: str, sha256: str
) -> str:
    """The lines naming when, by which program and under which tables a document was made."""
    return (
        f"<b>Date:</b> {printed_at(created)} &nbsp; <b>Program:</b> MPS Pain "
        f"{escape(app_version)}<br/><b>Reference set:</b> {escape(set_name)} &nbsp; "
        f"<b>Tables version:</b> {escape(version)}<br/><b>Tables SHA-256:</b> "
        # monospace: a proportional font joins "ff" or "fi" of a hash into one ligature glyph,
        # so the printed hash could not be read or copied back as it is
        f'<span style="font-family: monospace">{escape(sha256)}</span>'
    )
