"""The program's errors: a small hierarchy with structured fields.

Every error carries a stable ``code``, a plain ``message`` a clinician can act on and, where the
error is about user input or the shipped table, the ``location`` of the field (``items[2].rate``,
``reference_sets[1].factors[4].per``). The CLI and the UI turn them into sentences; no traceback
reaches a user.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from mps_pain.echo import excerpt

__all__ = [
    "ALTERED_DOCUMENT",
    "NOT_VOUCHED",
    "RESTORE_ADVICE",
    "DamagedRecordError",
    "DocumentFormatError",
    "ImplausibleAmountError",
    "InputError",
    "MpsPainError",
    "NoConversionFactorError",
    "PatchRateRequiredError",
    "PlanningError",
    "PrnNotReportedError",
    "RecordNotFoundError",
    "StaleRecordError",
    "StorageError",
    "TableValidationError",
    "UnknownDrugError",
    "UnknownTableError",
    "UnsavedWriteError",
    "UnvouchedRecordError",
    "no_factor_sentence",
    "record_problem_text",
]


_INDEX = re.compile(r"[0-9]+")


def path_segments(path: str) -> tuple[str | int, ...]:
    """A dotted path as a tuple: ``items[2].rate`` → ``("items", 2, "rate")``. A list index is
    ASCII 0-9 only: a key such as "²" or "٣", digits to ``str.isdigit``, stays a key."""
    return tuple(
        int(token) if _INDEX.fullmatch(token) else token for token in re.findall(r"[^.\[\]]+", path)
    )


class MpsPainError(Exception):
    """Base of every error the program reports to a person."""

    code = "error"

    def __init__(
        self,
        message: str,
        *,
        location: str | None = None,
        reason: str | None = None,
        context: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        #: a finer stable code within ``code`` (``"empty"``, ``"target-frequency-missing"``…):
        #: with ``location_path`` and ``context`` an edge builds its own sentence from it
        self.reason = reason
        #: the values the sentence needs (``{"rows": (1,)}``, ``{"drug": "Oxycodone"}``)
        self.context: Mapping[str, object] = dict(context or {})

    def __str__(self) -> str:
        if self.location:
            return f"{self.location}: {self.message}"
        return self.message

    @property
    def location_path(self) -> tuple[str | int, ...]:
        """The location as a tuple: ``items[2].rate`` → ``("items", 2, "rate")``."""
        return path_segments(self.location or "")

    def to_dict(self) -> dict[str, str | None]:
        """The JSON error contract: ``{"code", "message", "location"}``."""
        return {"code": self.code, "message": self.message, "location": self.location}


class InputError(MpsPainError, ValueError):
    """A user's document, cell or argument cannot be used as written."""

    code = "invalid-input"


class DocumentFormatError(InputError):
    """Malformed JSON/YAML, or a document of the wrong shape."""

    code = "malformed-document"


class ImplausibleAmountError(InputError):
    """A dose far outside anything given to a person: most often a unit slip (mg for mcg)."""

    code = "implausible-amount"


class PatchRateRequiredError(InputError):
    """A transdermal item written without its delivery rate (a patch content is not a rate)."""

    code = "patch-rate-required"


class PrnNotReportedError(InputError):
    """An as-needed row whose doses taken were not reported: no total or plan can include it."""

    code = "prn-not-reported"


class UnknownDrugError(MpsPainError, LookupError):
    """A drug name the catalogue does not know; carries close names to suggest."""

    code = "unknown-drug"

    def __init__(self, name: str, suggestions: Sequence[str], *, location: str | None) -> None:
        hint = f" Did you mean {', '.join(suggestions)}?" if suggestions else ""
        shown = excerpt(name)
        super().__init__(f"unknown drug '{shown}'.{hint}", location=location)
        self.name = name
        self.suggestions = tuple(suggestions)


class UnknownTableError(MpsPainError, LookupError):
    """A reference-set id that the shipped tables do not contain."""

    code = "unknown-table"

    def __init__(self, table_id: str, known: Sequence[str], *, location: str | None) -> None:
        shown = excerpt(table_id)
        super().__init__(
            f"unknown reference set '{shown}'; choose one of {', '.join(known)}",
            location=location,
        )
        self.table_id = table_id
        self.known = tuple(known)


def no_factor_sentence(
    set_words: str,
    drug: str,
    route: str,
    form: str | None,
    covered_by: Sequence[str],
    purpose: str | None = None,
) -> str:
    """The one sentence for a set without a factor: the core names sets by id, the app by
    title (``set_words`` and ``covered_by`` are said as given)."""
    what = f"{drug} by the {route} route" + (f" ({form})" if form else "")
    kind = f"{purpose} " if purpose else ""
    sets = kind + "sets"
    alternatives = (
        f" {sets[0].upper() + sets[1:]} that cover it: {', '.join(covered_by)}."
        if covered_by
        else f" No shipped {kind}set covers it."
    )
    return f"{set_words} has no conversion factor for {what}.{alternatives}"


class NoConversionFactorError(MpsPainError, LookupError):
    """The chosen set has no factor for this drug, route and form: never a silent zero."""

    code = "no-factor"

    def __init__(
        self,
        *,
        drug: str,
        route: str,
        form: str | None,
        table_id: str,
        covered_by: Sequence[str] = (),
        location: str | None,
        purpose: str | None = None,
        form_said: str | None = None,
    ) -> None:
        # ``form_said``: the form as printed (``tables.form_spelling.form_label``: "oral
        # solution", not the id "oral_solution"; clinician re-check 18b #5); ``form`` stays the id
        super().__init__(
            no_factor_sentence(
                f"reference set '{table_id}'", drug, route, form_said or form, covered_by, purpose
            ),
            location=location,
        )
        self.drug = drug
        self.route = route
        self.form = form
        self.table_id = table_id
        self.covered_by = tuple(covered_by)
        self.purpose = purpose


class TableValidationError(MpsPainError, ValueError):
    """The shipped (or a user-supplied) conversion table is invalid; start-up stops."""

    code = "invalid-table"


class PlanningError(MpsPainError):
    """A switching plan that cannot be made safely as asked (the message says why)."""

    code = "cannot-plan"


class StorageError(MpsPainError):
    """The records database cannot be opened, read or written (the message says which and why).

    Raised instead of a driver error; nothing stored has been changed when it is raised.
    """

    code = "storage"

    def __init__(
        self, message: str, *, database: str | None = None, location: str | None = None
    ) -> None:
        super().__init__(message, location=location)
        self.database = database


class StaleRecordError(MpsPainError):
    """Optimistic locking: the record changed since this copy was read; the save was refused."""

    code = "stale-record"

    def __init__(self, *, entity: str, key: str, expected: int | None, found: int | None) -> None:
        had = f"you had version {expected}" if expected is not None else "you had an older copy"
        now = f"it is now at version {found}" if found is not None else "another save came first"
        super().__init__(
            f"{entity} '{key}' was changed elsewhere since you opened it ({had}, {now}). "
            "Your change was NOT saved and nothing was overwritten: reload the record and apply "
            "your change again."
        )
        self.entity = entity
        self.key = key
        self.expected = expected
        self.found = found


class RecordNotFoundError(MpsPainError, LookupError):
    """No stored record with this key."""

    code = "not-found"

    def __init__(self, *, entity: str, key: str) -> None:
        super().__init__(f"no {entity} '{key}' in the records database")
        self.entity = entity
        self.key = key


#: what ``patients verify`` found of a regimen version whose document was edited outside the program
ALTERED_DOCUMENT = "was changed outside mps-pain (its document no longer matches its fingerprint)"
#: what to do about a damaged record: said in the error, the app's tip and the record's warning
RESTORE_ADVICE = "run 'mps-pain patients verify' and restore the record from a backup or an export."


#: why a broken trail, a gone row of no known patient or the database's own problem touch
#: every record
NOT_VOUCHED = "no record of this database can be vouched for"


def record_problem_text(kind: str, row_id: int | str, problem: str) -> str:
    """``regimen version 3 was changed outside mps-pain (its document no longer matches its
    fingerprint)``: the finding's ``problem`` says what happened to the row. A broken audit
    trail, and the database's own problems, are said as such: they touch every record."""
    if kind == "audit row":
        said = f"the audit trail is broken at entry {row_id}, which {problem}"
    elif kind == "database":
        said = f"the records database {problem}"
    else:
        return f"{kind} {row_id} {problem}"
    return f"{said}: {NOT_VOUCHED}"


class DamagedRecordError(MpsPainError):
    """A stored row no longer passes the checks it passed when written (edited outside the program).

    Names the row (``kind``, ``row_id``) and the first bad field; nothing is shown from it, since
    a wrong number is worse than none, and nothing is changed.
    """

    code = "damaged-record"

    def __init__(
        self, *, kind: str, row_id: int | str, field: str, problem: str, table: str | None = None
    ) -> None:
        where = f" (stored row {table})" if table else ""
        super().__init__(
            f"the stored {kind} {row_id}{where} is damaged ({field}: {problem}); it was changed "
            "outside mps-pain. Nothing was shown from it and nothing was changed: "
            f"{RESTORE_ADVICE}",
            location=f"{kind} {row_id}.{field}",
            context={"table": table, "row_id": row_id, "field": field},
        )
        self.kind = kind
        self.row_id = row_id
        self.field = field
        #: ``"patients:4"``: the table and database row, when the row itself is malformed
        self.table = table


class UnvouchedRecordError(DamagedRecordError):
    """A record ``patients verify`` cannot vouch for (``PatientService.record_problems``: a row
    changed, added or deleted outside mps-pain, a broken trail, the database's lost protections):
    ``patients export`` and ``show --json`` refuse it, naming the first problem (fuzz review 3,
    D9; fuzz review 21, D2: a deleted version was said as a stored row "damaged")."""

    def __init__(self, *, identifier: str, kind: str, row_id: int | str, field: str, problem: str):
        MpsPainError.__init__(
            self,
            f"{record_problem_text(kind, row_id, problem)}. Nothing was shown or exported from "
            f"the record '{identifier}', and nothing was changed: {RESTORE_ADVICE}",
            location=f"{kind} {row_id}.{field}",
            context={"identifier": identifier, "row_id": row_id, "field": field},
        )
        self.kind = kind
        self.row_id = row_id
        self.field = field
        self.table = None


class UnsavedWriteError(MpsPainError):
    """A row a save wrote is not in the database as written when read back in the same
    transaction: a trigger or rule not made by mps-pain dropped or changed it (fuzz review 18d,
    D1). The transaction is rolled back: nothing of the save is kept."""

    code = "not-saved"

    def __init__(self, *, kind: str, row_id: int | str | None, problem: str) -> None:
        number = f" {row_id}" if row_id is not None else ""
        super().__init__(
            f"what this save wrote as {kind}{number} was not kept by the database as written "
            f"({problem}): "
            "something not made by mps-pain (a trigger or rule) changes what is saved. Nothing "
            "was saved. Run 'mps-pain patients verify' to name it, and restore the database "
            "from a backup.",
            location=kind,
            context={"row_id": row_id, "problem": problem},
        )
        self.kind = kind
        self.row_id = row_id
