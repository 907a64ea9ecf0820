"""Start-up process settings (issue 10 §7, ui/startup.py): the garbage collector is paused from
launch until the first MME and then runs again with start-up's objects frozen; pint loads once
the first MME is on screen; pydantic's plugin look-up is off unless the user set the switch;
PySide6's ``__feature__`` import hook is set aside (no module of ours uses a feature switch). The
app's wiring is checked in a fresh interpreter (``run`` owns the QApplication and its event
loop), the functions themselves in this one."""

from __future__ import annotations

import builtins
import gc
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ui import startup

REPO = Path(__file__).resolve().parents[2]

_SMOKE = r"""
import builtins, gc, json, os, sys
from ui.startup import collector_paused, prepare_start_up
prepare_start_up()
paused_at_launch = not gc.isenabled() and collector_paused()
hook_set_aside = builtins.__import__ is builtins.__orig_import__
from ui.app import run
code = run(smoke=True)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox
from ui import wheel_guard
boxes = [w for w in QApplication.allWidgets() if isinstance(w, (QComboBox, QAbstractSpinBox))]
print(json.dumps({
    "guard": getattr(wheel_guard._guard, "parent", lambda: None)() is QApplication.instance(),
    "boxes": len(boxes),
    "wheel_focus": [w.objectName() for w in boxes if w.focusPolicy() == Qt.FocusPolicy.WheelFocus],
    "code": code,
    "paused_at_launch": paused_at_launch,
    "running_after": gc.isenabled() and not collector_paused(),
    "frozen": gc.get_freeze_count(),
    "plugins": os.environ.get("PYDANTIC_DISABLE_PLUGINS"),
    "pint": "pint" in sys.modules,
    "records": all(
        m in sys.modules for m in ("sqlalchemy.dialects.sqlite", "ui.records.save_to_record")
    ),
    "alembic": "alembic" in sys.modules,
    "hook_set_aside": hook_set_aside,
    "hook_still_aside": builtins.__import__ is not builtins.__feature_import__,
}))
"""


def test_the_app_pauses_the_collector_until_the_first_mme_then_runs_it_again(
    tmp_path: Path,
) -> None:
    env = {
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "PATH": "/usr/bin:/bin",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "PYTHONPATH": str(REPO),
    }
    done = subprocess.run(
        [sys.executable, "-c", _SMOKE],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "(90 OME/day)" in done.stdout  # the first MME was shown before the report
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["code"] == 0
    assert report["paused_at_launch"] is True
    assert report["running_after"] is True
    assert report["frozen"] > 10_000  # the modules, models and tables built at start-up
    assert report["plugins"] == "__all__"
    assert report["pint"] is True  # loaded once the first MME was on screen, before the exit
    # and then the records layer: the first Save-plan dialog opens at once (review 10 #3)
    assert report["records"] is True
    assert report["alembic"] is False  # the schema check reads the revision without it
    assert report["hook_set_aside"] is True  # before any of the window's modules was imported
    assert report["hook_still_aside"] is True  # importing the widgets did not put it back
    # the wheel guard is installed after the first MME (its first event costs PySide6 ~190
    # enums) and the lists polished before it get its focus rule all the same
    assert report["guard"] is True
    assert report["boxes"] >= 4  # the patient header's lists at least
    assert report["wheel_focus"] == []


_PLUGIN_LOADER = "pydantic.plugin._loader"

_PLUGINS = r"""
import json, sys
from ui.startup import prepare_start_up
prepare_start_up()
from pydantic import BaseModel
class Dose(BaseModel):
    mg: float
built = Dose(mg=5).mg == 5 and Dose.model_validate({"mg": "2.5"}).mg == 2.5
metadata = "importlib.metadata" in sys.modules
from pydantic.plugin._loader import get_plugins
from pydantic.plugin._loader import PYDANTIC_ENTRY_POINT_GROUP  # only the real loader has it
print(json.dumps({
    "built": built,
    "metadata": metadata,
    "plugins": len(list(get_plugins())),
    "group": PYDANTIC_ENTRY_POINT_GROUP,
}))
"""


@pytest.mark.parametrize("switch", [None, "__all__", "some_plugin"])
def test_with_plugins_off_pydantic_validates_without_importing_importlib_metadata(
    tmp_path: Path, switch: str | None
) -> None:
    """The stand-in of pydantic's plugin loader (ui/startup.py): no plugin look-up, so no
    ``importlib.metadata``; a name it lacks comes from the real loader; a switch naming
    plugins keeps the real loader, which imports ``importlib.metadata`` as before."""
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)}
    if switch is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = switch
    done = subprocess.run(
        [sys.executable, "-c", _PLUGINS], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["built"] is True
    assert report["metadata"] is (switch == "some_plugin")
    assert report["plugins"] == 0
    assert report["group"] == "pydantic"


@pytest.fixture
def clean_process(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This process's collector and environment as they were, whatever the test did."""
    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    monkeypatch.setattr(startup, "_paused", False)
    monkeypatch.setattr(builtins, "__import__", builtins.__import__)  # put back after the test
    loader = sys.modules.get(_PLUGIN_LOADER)  # pydantic's, or none yet
    was_enabled = gc.isenabled()
    yield
    if loader is None:
        sys.modules.pop(_PLUGIN_LOADER, None)
    else:
        sys.modules[_PLUGIN_LOADER] = loader
    gc.unfreeze()
    if was_enabled:
        gc.enable()
    else:  # pragma: no cover - pytest runs with the collector on
        gc.disable()


@pytest.mark.usefixtures("clean_process")
def test_prepare_pauses_and_resume_freezes_and_restarts_the_collector_once() -> None:
    frozen_before = gc.get_freeze_count()
    startup.prepare_start_up()
    assert not gc.isenabled() and startup.collector_paused()
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == "__all__"
    startup.resume_collector()
    assert gc.isenabled() and not startup.collector_paused()
    assert gc.get_freeze_count() > frozen_before
    gc.unfreeze()
    startup.resume_collector()  # a second call changes nothing
    assert gc.isenabled() and gc.get_freeze_count() == 0


@pytest.mark.usefixtures("clean_process")
def test_a_collector_someone_else_turned_off_stays_off_and_a_set_switch_is_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "some_plugin")
    gc.disable()
    startup.prepare_start_up()
    assert not startup.collector_paused()  # not ours to resume
    startup.resume_collector()
    assert not gc.isenabled() and gc.get_freeze_count() == 0
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == "some_plugin"


@pytest.mark.usefixtures("clean_process")
def test_loading_pint_after_the_first_mme_freezes_it_and_leaves_the_collector_as_it_was() -> None:
    from mps_pain.units import get_registry

    frozen_before = gc.get_freeze_count()
    startup.load_units()
    assert gc.isenabled()
    assert gc.get_freeze_count() > frozen_before
    assert get_registry().Unit("ug/hr") == get_registry().Unit("mcg/h")  # pint answers now
    gc.unfreeze()
    gc.disable()  # someone else's choice: kept
    startup.load_units()
    assert not gc.isenabled() and gc.get_freeze_count() == 0


@pytest.mark.usefixtures("clean_process")
def test_the_feature_hook_is_set_aside_once_and_qt_classes_still_load_on_first_use() -> None:
    import PySide6.QtCore  # noqa: F401  (pytest-qt has loaded it and installed the hook)

    hook = getattr(builtins, "__feature_import__", None)
    if hook is None:
        pytest.skip("this PySide6 has no __feature__ hook")
    # tests/ui/conftest.py set it aside for the whole run, as the app does: put it back here
    # (``clean_process`` restores the import the run uses afterwards)
    builtins.__import__ = hook
    assert startup.set_aside_feature_hook() is True
    assert builtins.__import__ is builtins.__orig_import__  # PySide6's lazy class loading
    assert startup.set_aside_feature_hook() is False  # once: nothing left to set aside
    from PySide6.QtWidgets import QCalendarWidget  # a Qt class still loads on first use

    assert QCalendarWidget.__name__ == "QCalendarWidget"


def test_no_module_of_ours_uses_a_pyside_feature_switch() -> None:
    """With the hook set aside a ``from __feature__ import …`` would be silently ignored."""
    uses = [
        str(path.relative_to(REPO))
        for package in ("mps_pain", "mps_pain_cli", "ui", "benchmarks")
        for path in sorted((REPO / package).rglob("*.py"))
        if re.search(r"^\s*(from|import)\s+__feature__", path.read_text("utf-8"), re.MULTILINE)
    ]
    assert uses == []
