"""Start-up (issue 10 §7): the window module and the window itself load with Qt only; the core
(pydantic models, pint, tables, the presentation layer) loads after the first paint; and the
path to the first MME shown loads only what that MME needs (no records database, FHIR, practice,
planner, printing, pint). A fresh interpreter is needed to see which modules each step pulls in: one
subprocess reports all three steps."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

_STEPS = r"""
import json, sys
from pathlib import Path
def loaded():
    return sorted(sys.modules)
import ui.main_window
steps = {"module": loaded()}
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from ui.app import SMOKE_EXAMPLE
from ui.examples import examples_dir
from ui.main_window import MainWindow
from ui.settings import AppSettings
settings = AppSettings(QSettings(sys.argv[1], QSettings.Format.IniFormat))
window = MainWindow(settings)
steps["window"] = loaded()
window.start()
window.open_path(examples_dir().joinpath(*SMOKE_EXAMPLE), example=True)
steps["total"] = window.results_panel.total_label.text()
steps["first_mme"] = loaded()
window.session.undo_stack.setClean()
print(json.dumps(steps))
"""

_CORE = ("pydantic", "pint", "yaml")
_CORE_PREFIXES = ("mps_pain.presentation", "mps_pain.domain", "mps_pain.tables.schema")
# Nothing the first MME needs: records (SQLAlchemy), FHIR, practice, planner, check, converter,
# printing and PDF, the records window; nor pint, whose answers for the units shown are written
# down (mps_pain/known_units.py) and which loads once the first MME is on screen.
_NOT_FOR_THE_FIRST_MME = ("sqlalchemy", "alembic", "pint", "flexparser", "flexcache")
_NOT_FOR_THE_FIRST_MME_PREFIXES = (
    "mps_pain.persistence",
    "mps_pain.fhir",
    "mps_pain.practice",
    "mps_pain.domain.rotation",
    "mps_pain.services.rotation_service",
    "mps_pain.services.patient_service",
    "ui.records",
    "ui.planner",
    "ui.check",
    "ui.converter",
    "ui.practice",
    "ui.printing",
    "ui.printing_actions",
    "ui.fhir_actions",
    "PySide6.QtPrintSupport",
)


def _steps(tmp_path: Path) -> dict[str, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _STEPS, str(tmp_path / "settings.ini")],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    )
    steps: dict[str, list[str]] = json.loads(done.stdout.strip().splitlines()[-1])
    return steps


def _core(modules: list[str]) -> list[str]:
    return [m for m in modules if m.split(".")[0] in _CORE or m.startswith(_CORE_PREFIXES)]


def test_the_window_is_built_with_qt_only_and_the_first_mme_loads_only_what_it_needs(
    tmp_path: Path,
) -> None:
    steps = _steps(tmp_path)
    assert _core(steps["module"]) == []
    # building the window (menus included) reaches no engine: the print and FHIR actions and
    # the warnings list import it on first use, after the first paint
    assert _core(steps["window"]) == []
    assert "MME/day" in steps["total"] or "OME/day" in steps["total"]
    first_mme = steps["first_mme"]
    needless = [m for m in first_mme if m.split(".")[0] in _NOT_FOR_THE_FIRST_MME]
    needless += [m for m in first_mme if m.startswith(_NOT_FOR_THE_FIRST_MME_PREFIXES)]
    assert needless == []
