"""The core never imports Qt, the UI or the CLI (also an import-linter contract in pyproject)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FORBIDDEN = ("PySide6", "ui", "mps_pain_cli", "shiboken6")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def test_no_module_of_the_core_imports_qt_ui_or_cli() -> None:
    offenders = []
    for path in (REPO / "mps_pain").rglob("*.py"):
        for name in _imports(path):
            if name.split(".")[0] in FORBIDDEN:
                offenders.append(f"{path.relative_to(REPO)} imports {name}")
    assert offenders == []


def test_using_the_core_loads_no_qt_module() -> None:
    code = (
        "import sys, mps_pain.services.mme_service, mps_pain.services.batch;"
        "from mps_pain.tables.loader import get_tables; get_tables();"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6','ui','shiboken6')];"
        "print(bad); raise SystemExit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr


def test_import_linter_contracts_hold() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from importlinter.cli import lint_imports_command; lint_imports_command()",
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_architecture_doc_names_only_files_that_exist() -> None:
    """docs/architecture.md (which mps_pain/__init__.py points to) stays true as files move."""
    doc = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert "docs/architecture.md" in (REPO / "mps_pain" / "__init__.py").read_text("utf-8")
    named = set(re.findall(r"`([a-z_/]+\.py)", doc))
    assert len(named) > 20
    missing = [
        name
        for name in sorted(named)
        if not any((base / name).exists() for base in (REPO, REPO / "mps_pain"))
    ]
    assert missing == []


def test_the_window_module_loads_no_engine_before_the_first_paint() -> None:
    """ui/app.py's start-up order: the engine (pydantic models, pint, tables) loads after the
    first paint, so the imports that reach it from a widget are start-up seams."""
    code = (
        "import sys, ui.main_window;"
        "heavy = [m for m in ('pydantic', 'pint', 'mps_pain.tables.schema') if m in sys.modules];"
        "print(heavy); raise SystemExit(1 if heavy else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr
