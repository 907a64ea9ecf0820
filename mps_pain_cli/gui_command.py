"""``mps-pain gui``: open the desktop workstation (Qt is imported only when this runs)."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

__all__ = ["register"]


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "gui",
        help="open the desktop workstation",
        description="Open the desktop workstation, optionally with a regimen document.",
    )
    parser.add_argument("file", nargs="?", metavar="FILE", help="regimen document to open")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="open a built-in example, render it, print the time to first paint and to the "
        "first MME shown, and exit 0 (for CI and benchmarks)",
    )
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    # start-up seam: only the command that runs loads its modules
    from ui.display_check import no_display_reason

    reason = no_display_reason()
    if reason is not None:  # before Qt, which aborts the process (fuzz review 19, D4)
        sys.stderr.write(f"mps-pain: gui: {reason}\n")
        return 1
    # start-up seam: the window's start-up settings load only when a window can open
    from ui.startup import prepare_start_up

    prepare_start_up()  # before Qt and the engine load: see ui/startup.py
    # start-up seam: Qt and the window load after the process settings above
    from ui.app import run

    return run(args.file, smoke=args.smoke, started_at=started)
