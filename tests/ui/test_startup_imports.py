"""Start-up (issue 10 §7): the window module loads with Qt only; the core (pydantic models, pint,
tables, the presentation layer) loads after the first paint. A fresh interpreter is needed to see
which modules an import pulls in."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_the_main_window_module_does_not_import_the_core() -> None:
    code = (
        "import sys, ui.main_window; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pint', 'yaml') "
        "or m.startswith('mps_pain.presentation') or m.startswith('mps_pain.domain')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert done.stdout.strip() == "[]", done.stdout
