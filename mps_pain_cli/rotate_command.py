"""``mps-pain rotate`` (a switching plan) and ``mps-pain check`` (the pharmacist check)."""

from __future__ import annotations

import argparse
import sys
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from mps_pain_cli.common import add_json_flag, emit_json, guarded, read_input_text

__all__ = ["register"]

# The JSON contract of ``rotate --json`` (issue #3 §7); further keys follow them.
CONTRACT_KEYS = (
    "ome_per_day",
    "table",
    "equianalgesic_daily_dose",
    "reduction",
    "target_daily_dose",
    "regimen",
    "breakthrough",
    "schedule",
    "steps",
    "spread",
    "warnings",
)


def register(subparsers: Any) -> None:
    rotate = subparsers.add_parser(
        "rotate",
        help="opioid rotation plan: reduction, rounding, breakthrough, schedule, spread",
        description="Read a rotation request (JSON or YAML) and print a switching plan.",
    )
    rotate.add_argument(
        "file", nargs="?", metavar="FILE|-", help="rotation request (default: stdin)"
    )
    _add_json_and_fhir(rotate)
    rotate.set_defaults(func=guarded(_run_rotate))
    check = subparsers.add_parser(
        "check",
        help="pharmacist check: is a proposed regimen within, below or above the sourced range",
        description="Read {'from': …, 'proposed': …} and print the verdict with its numbers.",
    )
    check.add_argument("file", nargs="?", metavar="FILE|-", help="check request (default: stdin)")
    _add_json_and_fhir(check)
    check.set_defaults(func=guarded(_run_check))


def _add_json_and_fhir(parser: argparse.ArgumentParser) -> None:
    add_json_flag(parser)
    parser.add_argument("--fhir", metavar="FILE", help="the current regimen ('from') from FHIR")


def _read(args: argparse.Namespace) -> tuple[Any, AbstractContextManager[None]]:
    """The request, and where its refusals are said: at the FHIR orders its ``from`` came
    from (``in_fhir_places``), else as written."""
    # start-up seam: only the command that runs loads its modules
    from mps_pain.services.documents import parse_document_text

    text, origin = read_input_text(args.file)
    raw = parse_document_text(text, origin=origin)
    if getattr(args, "fhir", None):
        # start-up seam: only the command that runs loads its modules
        from mps_pain_cli.fhir_command import in_fhir_places, with_fhir_current

        merged, imported = with_fhir_current(raw, args.fhir)
        return merged, in_fhir_places(imported, "from.items")
    return raw, nullcontext()


def plan_json(plan: Any) -> dict[str, Any]:
    """The plan as the contract orders it: the contract keys first, then the extra keys (a plan
    with no dose carries no amount to copy, a fill-in rescue names no drug: ``plan_record``)."""
    # start-up seam: only the command that runs loads its modules
    from mps_pain.presentation.plan_record import plan_record

    payload = plan_record(plan)
    ordered = {key: payload.pop(key) for key in CONTRACT_KEYS}
    ordered.update(payload)
    return ordered


def _run_rotate(args: argparse.Namespace) -> int:
    # start-up seam: only the command that runs loads its modules
    from mps_pain.services.rotation_service import plan_rotation

    raw, places = _read(args)
    with places:
        plan = plan_rotation(raw)
    if args.json:
        emit_json(plan_json(plan))
    else:
        # start-up seam: only the command that runs loads its modules
        from mps_pain_cli.render_rotation import render_plan

        sys.stdout.write(render_plan(plan))
    return 0


def _run_check(args: argparse.Namespace) -> int:
    # start-up seam: only the command that runs loads its modules
    from mps_pain.services.rotation_service import check_proposal, check_request

    raw, places = _read(args)
    with places:
        request = check_request(raw)
        result = check_proposal(request)
    if args.json:
        # start-up seam: only the command that runs loads its modules
        from mps_pain.presentation.json_words import check_record

        # in the text's words, its first line too (pharmacist review 9, F1: ``headline``)
        emit_json(check_record(result))
    else:
        # start-up seam: only the command that runs loads its modules
        from mps_pain_cli.render_rotation import render_check

        sys.stdout.write(render_check(result, request))
    return 0
