"""``mps-pain fhir import`` (FHIR R4 orders → regimen document) and ``fhir export`` (plan → Bundle).

Also the shared reader behind ``mme --fhir``, ``rotate --fhir`` and ``check --fhir``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from mps_pain.errors import DocumentFormatError, InputError, MpsPainError
from mps_pain_cli.common import emit_json, guarded, one_line, read_input_text

__all__ = ["fhir_current_regimen", "in_fhir_places", "register", "with_fhir_current"]

EXIT_PARTIAL = 1


def register(subparsers: Any) -> None:
    fhir = subparsers.add_parser(
        "fhir",
        help="FHIR R4: import orders as a regimen document, export a plan as proposed orders",
        description="Read FHIR R4 JSON (a resource or a Bundle), or write a plan as a Bundle.",
    )
    actions = fhir.add_subparsers(dest="fhir_action", metavar="ACTION", required=True)
    reader = actions.add_parser(
        "import",
        help="print the regimen document of a FHIR file, with the refused orders and why",
        description="Print the regimen document that mme, rotate and check read (JSON on "
        "standard output); refused and inactive orders and the choices made go to standard "
        "error. Exit 1 when an order was refused.",
    )
    reader.add_argument("file", nargs="?", metavar="FILE|-", help="FHIR JSON (default: stdin)")
    reader.add_argument(
        "--json", action="store_true", help="one JSON object: document, orders, refused, inactive"
    )
    reader.add_argument(
        "--proposals",
        action="store_true",
        help="also import draft proposals (as written by 'fhir export')",
    )
    reader.set_defaults(func=guarded(_run_import))
    writer = actions.add_parser(
        "export",
        help="print a switching plan (the JSON of 'rotate --json') as a FHIR Bundle",
        description="Read the JSON of 'mps-pain rotate --json' and print a FHIR R4 Bundle of "
        "draft proposal MedicationRequests.",
    )
    writer.add_argument("file", nargs="?", metavar="PLAN.json|-", help="plan (default: stdin)")
    writer.set_defaults(func=guarded(_run_export))


def _import(path: str | None, *, proposals: bool = False, location: str = "FILE") -> Any:
    # start-up seam: only the command that runs loads its modules
    from mps_pain.fhir.importer import import_fhir

    text, origin = read_input_text(path, location=location)
    return import_fhir(text, origin=origin, include_proposals=proposals)


def _say(text: str) -> None:
    """One message line on stderr; control and bidi characters from the input are escaped."""
    print(one_line(f"mps-pain: {text}"), file=sys.stderr)


def _report(result: Any) -> None:
    for order in result.orders:
        for line in (*order.choices, *order.cautions):
            _say(f"{order.source} (row {order.item + 1}): {line}")
    for note in result.patient_notes:
        _say(f"patient {note}")
    for inactive in result.inactive:
        _say(
            f"left out {inactive.source} ({inactive.medication}): status "
            f"'{inactive.status}' is not active"
        )
    for refused in result.refused:
        _say(f"refused {refused.sentence()}")
    if result.ignored:
        _say(f"not read (not an order, patient or observation): {', '.join(result.ignored)}")


def _run_import(args: argparse.Namespace) -> int:
    result = _import(args.file, proposals=args.proposals)
    if args.json:
        emit_json(result.model_dump(mode="json"))
    else:
        document = result.document.model_dump(mode="json", exclude_defaults=True)
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        _report(result)
    return EXIT_PARTIAL if result.refused else 0


def fhir_current_regimen(path: str) -> Any:
    """The regimen of a FHIR file for a calculation: every order imports, and nothing that may
    hold a medication is left unread (``coverage.left_out``, the one rule).

    A refused order, or a resource not read that may hold one of the patient's opioids (a
    dispensing record: fuzz review 18, D1), would make the total silently low, so a calculation
    stops and names each (``mps-pain fhir import`` shows what did import).
    """
    # start-up seam: only the command that runs loads its modules
    from mps_pain.fhir.coverage import left_out

    result = _import(path, location="--fhir")
    left = left_out(result)
    if left.stops_calculation:
        raise InputError(left.stop_sentence(path), location="--fhir")
    if not result.document.items:
        raise InputError(f"{path} holds no active order to compute", location="--fhir")
    for order in result.orders:  # what to check in an order read (fuzz review 21, D5)
        for line in order.cautions:
            _say(f"{order.source} (row {order.item + 1}): {line}")
    for inactive in left.inactive:
        _say(f"left out {inactive.source} ({inactive.medication}): status '{inactive.status}'")
    if left.unread_other:
        _say(left.other_sentence())
    return result


def _run_export(args: argparse.Namespace) -> int:
    # start-up seam: only the command that runs loads its modules
    from mps_pain.domain.rotation.models import RotationPlan
    from mps_pain.fhir.export import export_plan, no_dose_refusal
    from mps_pain.services.documents import parse_document_text
    from mps_pain.validation import field_names, validate_model

    text, origin = read_input_text(args.file)
    raw = parse_document_text(text, origin=origin)
    if not isinstance(raw, dict):
        raise DocumentFormatError(f"{origin} is not a plan (the JSON of 'rotate --json')")
    detail = raw.get("regimen_detail")
    if isinstance(detail, dict) and isinstance(detail.get("no_dose"), str):
        raise no_dose_refusal(detail["no_dose"])  # its JSON has no amounts to read (fuzz 9, #4)
    plan = validate_model(RotationPlan, raw, known_keys=field_names(RotationPlan))
    sys.stdout.write(json.dumps(export_plan(plan), ensure_ascii=False, indent=2) + "\n")
    return 0


@contextmanager
def in_fhir_places(imported: Any, rows: str = "items") -> Iterator[None]:
    """A refusal at a regimen row read from FHIR names the FHIR order the user gave
    (``MedicationRequest/hm-infusion.route``), never the internal document's ``items[0]``
    (fuzz review 16, N3); ``rows``: where the rows sit in the document (``from.items``)."""
    try:
        yield
    except MpsPainError as exc:
        found = re.match(rf"{re.escape(rows)}\[(\d+)\](.*)", exc.location or "")
        source = {o.item: o.source for o in imported.orders}.get(int(found[1])) if found else None
        if found is not None and source is not None:
            exc.location = f"{source}{found[2]}"
            exc.message = exc.message.removeprefix(f"row {int(found[1]) + 1}: ")
        raise


def with_fhir_current(raw: Any, path: str) -> tuple[Any, Any]:
    """A rotate/check request whose ``from`` (and patient, unless given) comes from FHIR, and
    the import it came from (for ``in_fhir_places``)."""

    if not isinstance(raw, dict):
        raise InputError("the request must be an object (e.g. {'to': …})", location="(document)")
    if "from" in raw or "from_" in raw:
        raise InputError(
            "give 'from' either in the request or by --fhir, not both", location="from"
        )
    result = fhir_current_regimen(path)
    current = result.document
    merged = {
        **raw,
        "from": {
            "items": [i.model_dump(mode="json", exclude_defaults=True) for i in current.items]
        },
    }
    if "patient" not in raw:
        merged["patient"] = current.patient.model_dump(mode="json", exclude_defaults=True)
    return merged, result
