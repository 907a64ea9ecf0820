"""The identity line on every printed page: a loose page (a signature page above all) stays tied
to its patient and document (clinician review 2, H3: pages 2+ named no one)."""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Protocol

from mps_pain.presentation.headings import NOT_FOR_SIGNATURE
from ui.printing.parts import printed_at

if TYPE_CHECKING:
    from mps_pain.domain.regimen import Patient, RegimenDocument


class PrintedPlan(Protocol):
    """What the identity line reads of a printed plan (``plan_pdf.PlanContent``, which uses
    this module: naming it here made the two import each other)."""

    @property
    def document(self) -> RegimenDocument: ...
    @property
    def plan(self) -> object | None: ...
    @property
    def created(self) -> _dt.datetime: ...


__all__ = ["page_identity", "plan_identity"]


def page_identity(patient: Patient, what: str, created: _dt.datetime) -> str:
    """ "<patient> · <what> · printed <local time>." for the footer of each page; a document
    naming no patient says on every page that it is not for signature (clinician review 15 #14)."""
    who = patient.identifier or NOT_FOR_SIGNATURE
    return f"{who} · {what} · printed {printed_at(created)}."


def plan_identity(content: PrintedPlan) -> str:
    """The identity line of a printed plan (or of the regimen alone when no plan was made)."""
    what = "switching plan" if content.plan is not None else "regimen"
    return page_identity(content.document.patient, what, content.created)
