"""``mps-pain tables`` (sets, drugs, factors with sources) and ``mps-pain schema``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from mps_pain.errors import InputError
from mps_pain_cli.common import emit_json, guarded

__all__ = ["register"]


def register(subparsers: Any) -> None:
    tables = subparsers.add_parser(
        "tables", help="the reference sets, drugs and factors with their sources"
    )
    tables.add_argument("--json", action="store_true", help="print the whole validated table")
    tables.add_argument("--set", metavar="ID", help="show one reference set only")
    tables.set_defaults(func=guarded(_run_tables))
    schema = subparsers.add_parser("schema", help="JSON Schema of the input documents")
    schema.add_argument(
        "document", nargs="?", help="one document kind (default: all), e.g. regimen"
    )
    schema.set_defaults(func=guarded(_run_schema))


def _run_tables(args: argparse.Namespace) -> int:
    # start-up seam: only the command that runs loads its modules
    from mps_pain.tables.loader import get_tables
    from mps_pain.units import format_number

    loaded = get_tables()
    tables = loaded.tables
    chosen = args.set is not None  # a blank --set is refused, never "all sets"
    sets = [loaded.reference_set(args.set, location="--set")] if chosen else tables.reference_sets
    if args.json:
        payload = tables.model_dump(mode="json")
        payload["reference_sets"] = [s.model_dump(mode="json") for s in sets]
        payload["sha256"] = loaded.sha256
        payload["modified_path"] = loaded.modified_path
        emit_json(payload)
        return 0
    state = "shipped version" if loaded.modified_path is None else "MODIFIED TABLES"
    out = [f"Conversion tables v{tables.version} (sha256 {loaded.sha256}, {state})", ""]
    for set_ in sets:
        source = tables.sources[set_.citation.source]
        out.append(f"{set_.id}: {set_.name} [{set_.purpose}, {set_.output_label}]")
        out.append(f"  {source.citation} ({set_.citation.locator})")
        for factor in set_.factors:
            forms = f" {'/'.join(factor.forms)}" if factor.forms else ""
            rng = (
                f" (range {format_number(factor.range.low)}–{format_number(factor.range.high)})"
                if factor.range
                else ""
            )
            band = ""
            if factor.band:
                top = format_number(factor.band.up_to) if factor.band.up_to is not None else "∞"
                band = f" for >{format_number(factor.band.above)}–≤{top} {factor.band.unit}"
            out.append(
                f"    {factor.drug} {'/'.join(factor.routes)}{forms}: "
                f"× {format_number(factor.factor)} per {factor.per}{rng}{band} — "
                f"{loaded.cite(factor.citation)}"
            )
        out.append("")
    if not chosen:
        out.append("Drugs:")
        for drug in tables.drugs:
            synonyms = f" (also: {', '.join(drug.synonyms)})" if drug.synonyms else ""
            out.append(
                f"  {drug.id} [{', '.join(drug.classes)}] routes {', '.join(drug.routes)}{synonyms}"
            )
            for limit in drug.max_daily:
                out.append(f"      max {limit.dose} — {loaded.cite(limit.citation)}")
    sys.stdout.write("\n".join(out) + "\n")
    return 0


def _run_schema(args: argparse.Namespace) -> int:
    # start-up seam: only the command that runs loads its modules
    from mps_pain.units import excerpt
    from mps_pain_cli.input_documents import INPUT_DOCUMENTS, json_schema

    if args.document:
        if args.document not in INPUT_DOCUMENTS:
            raise InputError(
                f"unknown document kind '{excerpt(args.document)}'; "
                f"choose {', '.join(INPUT_DOCUMENTS)}",
                location="document",
            )
        emit_json(json_schema(args.document))
    else:
        emit_json({name: json_schema(name) for name in INPUT_DOCUMENTS})
    return 0
