"""``mps-pain patients list|show|export|import`` and ``mps-pain backup PATH``.

The database is ``--database URL``, else ``$MPS_PAIN_DATABASE_URL``, else the SQLite file in the
user data folder.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from mps_pain_cli.common import emit_json, guarded, read_input_text

__all__ = ["register"]


def _database_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database",
        metavar="URL",
        help="records database URL (default: $MPS_PAIN_DATABASE_URL, else the local SQLite file)",
    )


def register(subparsers: Any) -> None:
    patients = subparsers.add_parser("patients", help="patient records: list, show, export, import")
    actions = patients.add_subparsers(dest="patients_command", metavar="ACTION")

    listing = actions.add_parser("list", help="all patients")
    _database_option(listing)
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(func=guarded(_run_list))

    show = actions.add_parser("show", help="one patient: regimen versions, events, plans, audit")
    _database_option(show)
    show.add_argument("identifier")
    show.add_argument("--json", action="store_true", help="print the export document")
    show.set_defaults(func=guarded(_run_show))

    export = actions.add_parser("export", help="write a patient's record as a JSON document")
    _database_option(export)
    export.add_argument("identifier")
    export.add_argument("-o", "--output", metavar="FILE", help="file to write (default: stdout)")
    export.set_defaults(func=guarded(_run_export))

    imp = actions.add_parser("import", help="import a patient record document (validated first)")
    _database_option(imp)
    imp.add_argument("file", nargs="?", metavar="FILE", help="JSON document ('-' = stdin)")
    imp.add_argument("--as", dest="as_identifier", metavar="ID", help="import under another id")
    imp.add_argument(
        "--examples", action="store_true", help="import the five published cases as examples"
    )
    imp.add_argument("--json", action="store_true", help="print JSON")
    imp.set_defaults(func=guarded(_run_import))
    patients.set_defaults(func=lambda _args: (patients.print_help(), 2)[1])

    backup = subparsers.add_parser(
        "backup", help="consistent copy of the SQLite records file (safe while the app runs)"
    )
    _database_option(backup)
    backup.add_argument("path", metavar="PATH", help="the new backup file (must not exist)")
    backup.set_defaults(func=guarded(_run_backup))


def _service(args: argparse.Namespace) -> Any:
    from mps_pain.persistence.database import Database
    from mps_pain.services.patient_service import PatientService

    return PatientService(Database.open(args.database))


def _run_list(args: argparse.Namespace) -> int:
    service = _service(args)
    patients = service.list_patients()
    if args.json:
        emit_json([p.model_dump(mode="json") for p in patients])
        return 0
    if not patients:
        print(f"No patients in {service.location()}.")
        return 0
    for p in patients:
        name = f"  {p.info.display_name}" if p.info.display_name else ""
        print(f"{p.info.identifier}{name}  (version {p.version}, updated {p.updated_at:%Y-%m-%d})")
    return 0


def _run_show(args: argparse.Namespace) -> int:
    service = _service(args)
    if args.json:
        emit_json(service.export_patient(args.identifier).model_dump(mode="json"))
        return 0
    patient = service.get_patient(args.identifier)
    timeline = service.timeline(args.identifier)
    info = patient.info
    out = [f"{info.identifier}: {info.display_name or ''} (record version {patient.version})"]
    if info.note:
        out.append(f"  {info.note}")
    out.append(f"Regimen versions (daily {timeline.table.id} OME):")
    for point in timeline.points:
        ome = "not computable" if point.ome_mg_per_day is None else f"{point.ome_mg_per_day:g}"
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
    out.append("Audit trail:")
    for entry in service.audit_trail(args.identifier):
        out.append(
            f"  {entry.occurred_at:%Y-%m-%d %H:%M:%S} UTC {entry.os_user} {entry.action} "
            f"{entry.entity} (app {entry.app_version})"
        )
    sys.stdout.write("\n".join(out) + "\n")
    return 0


def _run_export(args: argparse.Namespace) -> int:
    service = _service(args)
    document = service.export_patient(args.identifier)
    text = json.dumps(document.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"Exported {args.identifier} to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _run_import(args: argparse.Namespace) -> int:
    from mps_pain.errors import InputError
    from mps_pain.services.patient_transfer import parse_record_document

    if args.examples == bool(args.file):
        raise InputError("give a FILE to import, or --examples (not both)", location="FILE")
    if args.examples:
        service = _service(args)
        done = service.import_examples()
        if args.json:
            emit_json({"imported": done})
        else:
            print(f"Imported {len(done)} example patients: {', '.join(done) or 'none new'}")
        return 0
    text, _name = read_input_text(args.file)
    document = parse_record_document(text)  # validated before the database is opened
    service = _service(args)
    stored = service.import_patient(document, as_identifier=args.as_identifier)
    if args.json:
        emit_json(stored.model_dump(mode="json"))
    else:
        print(f"Imported {stored.info.identifier} into {service.location()}")
    return 0


def _run_backup(args: argparse.Namespace) -> int:
    from mps_pain.persistence.database import Database

    database = Database.open(args.database)
    target = database.backup(Path(args.path))
    print(f"Backed up {database.describe()} to {target}")
    return 0
