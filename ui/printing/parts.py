"""The pieces every printed document shares, each written once: a table cell, the time a page
was printed, the provenance paragraph (date, program, reference set, tables version and hash)
and the signature lines for the prescriber and the checking pharmacist."""

from __future__ import annotations

import datetime as _dt
from html import escape

__all__ = ["SIGNATURES", "cell", "printed_at", "provenance"]

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
