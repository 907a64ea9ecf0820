"""``mps-pain patients list|show|export|import|verify``, ``mps-pain backup PATH`` and
``mps-pain db grant ROLE``.

The database is ``--database URL``, else ``$MPS_PAIN_DATABASE_URL``, else the SQLite file in the
user data folder.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mps_pain.errors import ALTERED_DOCUMENT, DocumentFormatError, InputError
from mps_pain.presentation.records import (
    RECORD_PROBLEM_ADVICE,
    ome_text,
    record_problem_text,
    saves_text,
)
from mps_pain_cli import common
from mps_pain_cli.common import emit_json, error_sentence, guarded, one_line, read_input_text

__all__ = ["register"]

#: what ``db grant`` withholds from the application's role (said in its help and its result)
_AUDIT_WRITE_LOCK = "no TRUNCATE, ALTER, UPDATE or DELETE on the audit trail"


def _database_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database",
        metavar="URL",
        help="records database URL (default: $MPS_PAIN_DATABASE_URL, else the local SQLite file)",
    )


def _patient_id(text: str) -> str:
    """A patient id as every command reads it: by the one rule stored ids were made by
    (``clean_identifier``: NFC, trimmed, hidden characters refused), so ``show 'id<NBSP>'``
    finds what ``import --as 'id<NBSP>'`` stored (fuzz review 18, D7)."""
    # start-up seam: only the patients commands load the records' rules
    from mps_pain.persistence.identifiers import clean_identifier

    try:
        return clean_identifier(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def register(subparsers: Any) -> None:
    patients = subparsers.add_parser("patients", help="patient records: list, show, export, import")
    actions = patients.add_subparsers(dest="patients_command", metavar="ACTION")

    listing = actions.add_parser("list", help="all patients")
    _database_option(listing)
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(func=guarded(_closing(_run_list)))

    show = actions.add_parser("show", help="one patient: regimen versions, events, plans, audit")
    _database_option(show)
    show.add_argument("identifier", type=_patient_id)
    show.add_argument("--json", action="store_true", help="print the export document")
    show.set_defaults(func=guarded(_closing(_run_show)))

    export = actions.add_parser("export", help="write a patient's record as a JSON document")
    _database_option(export)
    export.add_argument("identifier", type=_patient_id)
    export.add_argument("-o", "--output", metavar="FILE", help="file to write (default: stdout)")
    export.add_argument(
        "--force", action="store_true", help="replace FILE if it exists (it is kept otherwise)"
    )
    export.set_defaults(func=guarded(_closing(_run_export)))

    imp = actions.add_parser("import", help="import a patient record document (validated first)")
    _database_option(imp)
    imp.add_argument("file", nargs="?", metavar="FILE", help="JSON document ('-' = stdin)")
    imp.add_argument(
        "--as",
        dest="as_identifier",
        metavar="ID",
        type=_patient_id,
        help="import under another id",
    )
    imp.add_argument(
        "--examples", action="store_true", help="import the five published cases as examples"
    )
    imp.add_argument("--json", action="store_true", help="print JSON")
    imp.set_defaults(func=guarded(_closing(_run_import)))
    verify = actions.add_parser(
        "verify", help="check the audit trail's hash chain and every regimen's fingerprint"
    )
    _database_option(verify)
    verify.add_argument("--json", action="store_true", help="print JSON")
    verify.add_argument(
        "--expect-head",
        metavar="HASH",
        type=common.head_hash,
        help="a head hash recorded earlier: refuse if it is gone from the chain (cut or rewritten)",
    )
    verify.set_defaults(func=guarded(_closing(_run_verify)))
    patients.set_defaults(func=lambda _args: (patients.print_help(), 2)[1])

    db = subparsers.add_parser("db", help="records database administration (PostgreSQL roles)")
    db_actions = db.add_subparsers(dest="db_command", metavar="ACTION")
    grant = db_actions.add_parser(
        "grant",
        help="give ROLE the application's privileges only (run as the schema owner): "
        f"{_AUDIT_WRITE_LOCK}",
    )
    _database_option(grant)
    grant.add_argument("role", metavar="ROLE", help="the PostgreSQL role the app connects as")
    grant.set_defaults(func=guarded(_run_grant))
    db.set_defaults(func=lambda _args: (db.print_help(), 2)[1])

    backup = subparsers.add_parser(
        "backup", help="consistent copy of the SQLite records file (safe while the app runs)"
    )
    _database_option(backup)
    backup.add_argument("path", metavar="PATH", help="the new backup file (must not exist)")
    backup.set_defaults(func=guarded(_run_backup))


def _closing(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Run a command, then close the records it opened (``_service``): connections and the WAL
    are released when the command ends, not when the process does (``main(argv)`` may run many
    commands in one process, as the tests do)."""

    def wrapper(args: argparse.Namespace) -> int:
        args.opened = []
        try:
            return run(args)
        finally:
            for database in args.opened:
                database.close()

    return wrapper


def _service(args: argparse.Namespace, *, create: bool = False) -> Any:
    """The records of ``--database``. Only a command that writes (``import``) may create the
    database; the others refuse a missing one, naming the path (fuzz review 5, R2)."""
    # start-up seam: only the command that runs loads its modules
    from mps_pain.persistence.database import Database
    from mps_pain.services.patient_service import PatientService

    database = Database.open(args.database, create=create)
    args.opened.append(database)
    return PatientService(database)


def _run_list(args: argparse.Namespace) -> int:
    """Every patient; a patient whose stored row is damaged is named on standard error (one
    line each) and the others are still listed, with exit status 2 (docs/records.md)."""
    service = _service(args)
    listing = service.patient_listing()
    patients = listing.patients
    if args.json:
        emit_json([p.model_dump(mode="json") for p in patients])
    elif not patients and not listing.damaged:
        print(f"No patients in {service.location()}.")
    for p in () if args.json else patients:
        name = f"  {p.info.display_name}" if p.info.display_name else ""
        saved = saves_text(p.version, f"{p.updated_at:%Y-%m-%d %H:%M} UTC")
        print(f"{p.info.identifier}{name}  ({saved})")
    for err in listing.damaged:
        print(error_sentence(err), file=sys.stderr)
    return 2 if listing.damaged else 0


def _run_show(args: argparse.Namespace) -> int:
    service = _service(args)
    if args.json:
        emit_json(service.export_patient(args.identifier).model_dump(mode="json"))
        return 0
    patient = service.get_patient(args.identifier)
    timeline = service.timeline(args.identifier)
    info = patient.info
    warnings = _integrity_warnings(service, args.identifier)
    out = [*warnings]
    saved = saves_text(patient.version, f"{patient.updated_at:%Y-%m-%d %H:%M} UTC")
    out.append(f"{info.identifier}: {info.display_name or ''} ({saved})")
    if info.note:
        out.append(f"  {info.note}")
    out.append(f"Regimen versions (daily {timeline.table.id} OME):")
    for point in timeline.points:
        ome = ome_text(point.ome_mg_per_day, point.error)
        out.append(f"  {timeline.describe(point.effective_from)}: {ome} — {point.reason}")
    out.append("Events:")
    for event in timeline.events:
        score = f" NRS {event.nrs}" if event.nrs is not None else ""
        out.append(f"  {timeline.describe(event.occurred_at)}: [{event.kind}]{score} {event.title}")
    out.append("Saved plans and checks:")
    for plan in service.plans(args.identifier):
        out.append(
            f"  #{plan.id} {plan.kind}: {plan.title} (table {plan.table_id} "
            f"v{plan.table_version}, app {plan.app_version})"
        )
    out.append("Audit trail (this database):")
    out.extend(_audit_line(entry) for entry in service.audit_trail(args.identifier))
    imported = service.imported_history(args.identifier)
    if imported:
        future = service.future_dated_history(args.identifier)
        out.append("Imported history (what the imported file says; not recorded here):")
        out.extend(
            f"{_audit_line(e)} [from {e.source}]"
            + (" [DATED IN THE FUTURE: not believable]" if e in future else "")
            for e in imported
        )
    sys.stdout.write("\n".join(out) + "\n")
    return 2 if warnings else 0


def _integrity_warnings(service: Any, identifier: str) -> list[str]:
    """A record that ``patients verify`` cannot vouch for is shown under a warning (stdout and
    stderr) and the command exits 2: its numbers may not be what mps-pain recorded (D9)."""
    lines = []
    for problem in service.record_problems(identifier):
        what = record_problem_text(problem.kind, problem.row_id, problem.problem)
        line = f"WARNING: {what}; do not use the numbers below. {RECORD_PROBLEM_ADVICE}"
        print(f"mps-pain: {one_line(line)}", file=sys.stderr)
        lines.append(line)
    return lines


def _audit_line(entry: Any) -> str:
    return (
        f"  {entry.occurred_at:%Y-%m-%d %H:%M:%S} UTC {entry.os_user} {entry.action} "
        f"{entry.entity} (app {entry.app_version})"
    )


def _run_export(args: argparse.Namespace) -> int:
    service = _service(args)
    document = service.export_patient(args.identifier)
    text = json.dumps(document.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    if args.output:
        # start-up seam: only the command that runs loads its modules
        from mps_pain_cli.output_files import write_private

        write_private(Path(args.output), text, force=args.force, database=args.opened[0])
        print(f"Exported {args.identifier} to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _run_import(args: argparse.Namespace) -> int:
    # start-up seam: only the command that runs loads its modules
    from mps_pain.services.patient_transfer import parse_record_document
    from mps_pain_cli.record_words import worded_record_error

    if args.examples == bool(args.file):
        raise InputError("give a FILE to import, or --examples (not both)", location="FILE")
    if args.examples:
        service = _service(args, create=True)
        done = service.import_examples()
        if args.json:
            emit_json({"imported": done})
        else:
            print(f"Imported {len(done)} example patients: {', '.join(done) or 'none new'}")
        return 0
    text, _name = read_input_text(args.file)
    try:
        document = parse_record_document(text)  # validated before the database is opened
    except DocumentFormatError as exc:  # coded and located: said in a clinician's words
        raise worded_record_error(exc) from None
    service = _service(args, create=True)
    stored = service.import_patient(document, as_identifier=args.as_identifier)
    _warn_look_alikes(service, stored.info.identifier)
    _warn_future_dated(service, stored.info.identifier)
    if args.json:
        emit_json(stored.model_dump(mode="json"))
    else:
        print(f"Imported {stored.info.identifier} into {service.location()}")
    return 0


def _warn_look_alikes(service: Any, identifier: str) -> None:
    similar = service.look_alikes(identifier)
    if similar:
        print(
            f"mps-pain: warning: '{identifier}' differs only by case, width or look-alike "
            f"characters from {', '.join(repr(s) for s in similar)}; check that these are "
            "different patients",
            file=sys.stderr,
        )


def _warn_future_dated(service: Any, identifier: str) -> None:
    for entry in service.future_dated_history(identifier):
        print(
            f"mps-pain: warning: the imported audit entry '{entry.os_user} {entry.action} "
            f"{entry.entity} {entry.entity_key}' is dated {entry.occurred_at:%Y-%m-%d %H:%M} UTC, "
            "in the future; the file's history is not believable as it stands "
            "(kept as imported, marked in 'patients show')",
            file=sys.stderr,
        )


def _run_verify(args: argparse.Namespace) -> int:
    service = _service(args)
    result = service.verify(expect_head=args.expect_head)
    if args.json:
        emit_json(result.model_dump(mode="json") | {"intact": result.intact})
    broken = result.first_break
    if broken is not None:
        print(
            f"mps-pain: the audit trail is broken at row {broken.row_id}: that row "
            f"{broken.reason}. Rows before it are intact ({result.rows_checked - 1} checked).",
            file=sys.stderr,
        )
    for altered in result.altered:
        print(
            f"mps-pain: regimen version {altered.version_id} of '{altered.patient_identifier}' "
            f"{ALTERED_DOCUMENT}",
            file=sys.stderr,
        )
    if result.content:
        first = result.content[0]
        more = f" (and {len(result.content) - 1} more)" if len(result.content) > 1 else ""
        print(
            f"mps-pain: the stored row {first.key} of '{first.patient_identifier}' "
            f"{first.problem}{more}",
            file=sys.stderr,
        )
    if result.expected_head_problem is not None:
        print(f"mps-pain: {result.expected_head_problem}", file=sys.stderr)
    if result.missing_protections:
        names = ", ".join(result.missing_protections)
        print(
            f"mps-pain: the database has lost its append-only protection: trigger(s) {names} "
            "are gone or not as the migrations made them (dropped, disabled or redefined "
            "outside mps-pain), so edits to the audit trail or to regimen versions may no "
            "longer be refused. Restore the database from a backup.",
            file=sys.stderr,
        )
    if result.foreign_objects:
        named = ", ".join(f"{o.kind} {o.name} on {o.table}" for o in result.foreign_objects)
        print(
            f"mps-pain: the database holds what was not made by mps-pain on its records tables: "
            f"{named}. Such an object can drop or change what is saved, or what is read, "
            "without an error; remove it or restore the database from a backup.",
            file=sys.stderr,
        )
    if not result.intact:
        return 2
    if not args.json:
        print(
            f"The audit trail of {service.location()} is intact: {result.rows_checked} rows, "
            "every link checked; every regimen version matches its fingerprint; every patient, "
            "regimen version, event and saved plan or check matches the content the trail "
            "recorded; every cached OME carries its seal, and each of the current tables is "
            "what its document gives; the schema's append-only protections are in place, and "
            "the records tables carry nothing the migrations did not make. "
            "Not covered: patients.version and updated_at (the save "
            "counter and time, not clinical content), the practice tables, and rows cut from the "
            "trail's end (use --expect-head)."
        )
        print(
            f"Head hash: {result.head_hash or '(empty trail)'} (record it elsewhere; "
            "'patients verify --expect-head HASH' later proves the trail was not cut or rewritten)"
        )
    return 0


def _run_grant(args: argparse.Namespace) -> int:
    # start-up seam: only the command that runs loads its modules
    from mps_pain.persistence.database import Database
    from mps_pain.persistence.roles import grant_application_role

    database = Database.open(args.database)
    try:
        schema = grant_application_role(database, args.role)
    finally:
        database.close()
    print(
        f"Granted {args.role} the application's privileges on schema {schema} of "
        f"{database.describe()} ({_AUDIT_WRITE_LOCK})."
    )
    return 0


def _run_backup(args: argparse.Namespace) -> int:
    # start-up seam: only the command that runs loads its modules
    from mps_pain.persistence.database import Database

    database = Database.open(args.database, create=False)
    try:
        target = database.backup(Path(args.path))
    finally:
        database.close()
    print(f"Backed up {database.describe()} to {target}")
    return 0
