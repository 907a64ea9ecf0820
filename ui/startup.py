"""Process settings for the desktop app's start-up, applied before Qt or the engine is imported.

Start-up is mostly importing modules and building pydantic models (issue 10 §7: the first MME
shown within 4× a bare PySide6 window). Three costs there are not the first MME's work:

- Python's cyclic garbage collector runs again and again while tens of thousands of long-lived
  objects (modules, classes, validators, table rows) are created, and each full collection walks
  all of them. The collector is paused from launch until the first MME has been computed; then
  the objects alive at that point, nearly all of which live as long as the process, are moved to
  the permanent generation (``gc.freeze``) so later collections skip them, and collection
  resumes. The few cycles left over from start-up (a few hundred objects) stay in memory.
- pint (its import and its registry: a third of the CPU from the first paint to the first MME)
  is not needed for the first MME: the units it reads (``mg``, ``mcg/h``…) are answered from
  pint's written-down answers (``mps_pain/known_units.py``). pint loads right after the first MME
  is on screen (``load_units``), so the first unit typed in another spelling does not wait for
  it; the collector is paused for that too.
- pydantic looks for plugins the first time it builds a model, by reading the entry points of
  every installed distribution. mps_pain uses no pydantic plugin, so the look-up is turned off
  with pydantic's documented switch ``PYDANTIC_DISABLE_PLUGINS``; a value already set is kept.
- With the plugins off, pydantic's plugin loader answers "no plugins" without looking, but the
  module is imported the first time any validator is built, and it imports
  ``importlib.metadata`` (email, zipfile, csv…: ~40 ms of CPU on the first MME's path) for the
  look-up it will not make. ``skip_plugin_discovery`` puts a stand-in of that module in
  ``sys.modules``, whose ``get_plugins`` gives the same answer (no plugins); any other name a
  newer pydantic asks of it is taken from the real module. A switch the user set to anything
  but "all off" (a list of plugin names) keeps the real loader.
- PySide6 replaces ``builtins.__import__`` with a hook for its ``__feature__`` switches
  (``from __feature__ import snake_case, true_property``): after every import of a new module
  it reads that module's source file (``inspect.getsource``) to see whether it mentions PySide6.
  Every module the app imports after Qt (~300: pydantic, the engine, the widgets) was read
  again that way, 45–70 ms of CPU before the first MME. The app uses no ``__feature__``
  switch (a test checks that none of our modules does), so once Qt's core module is loaded
  the import PySide6 wrapped is put back (``builtins.__orig_import__``, which keeps PySide6's
  own lazy loading of Qt classes); a module that used a switch would get it ignored, which is
  why the test exists.

``mps-pain gui`` calls ``prepare_start_up`` before it imports ``ui.app``; it loads Qt's core
module, nothing of the engine.
"""

from __future__ import annotations

import builtins
import gc
import importlib
import os
import sys
import types

__all__ = [
    "collector_paused",
    "load_records",
    "load_units",
    "prepare_start_up",
    "resume_collector",
    "set_aside_feature_hook",
    "skip_plugin_discovery",
]

_paused = False


def prepare_start_up() -> None:
    """Turn off the pydantic plugin look-up, pause the garbage collector and load Qt's core
    module without PySide6's ``__feature__`` import hook (see above)."""
    global _paused
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    skip_plugin_discovery()
    if gc.isenabled():
        gc.disable()
        _paused = True
    set_aside_feature_hook()


_PLUGIN_LOADER = "pydantic.plugin._loader"
_PLUGINS_OFF = ("__all__", "1", "true")  # pydantic's own test of the switch


def skip_plugin_discovery() -> bool:
    """With pydantic's plugins all off, answer its plugin loader's question without importing
    ``importlib.metadata`` (see above); True if the stand-in was put in place."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in _PLUGINS_OFF:
        return False
    if _PLUGIN_LOADER in sys.modules:
        return False
    stand_in = types.ModuleType(_PLUGIN_LOADER, "pydantic's plugin loader, plugins off")
    setattr(stand_in, "get_plugins", _no_plugins)  # noqa: B010 (a module object)
    setattr(stand_in, "__getattr__", _from_the_real_loader)  # noqa: B010
    sys.modules[_PLUGIN_LOADER] = stand_in
    return True


def _no_plugins() -> tuple[()]:
    return ()


def _from_the_real_loader(name: str) -> object:
    """A name the stand-in does not have (a newer pydantic's): the real loader's."""
    if name.startswith("__"):
        raise AttributeError(name)
    if getattr(sys.modules.get(_PLUGIN_LOADER), "get_plugins", None) is _no_plugins:
        del sys.modules[_PLUGIN_LOADER]
    return getattr(importlib.import_module(_PLUGIN_LOADER), name)


def set_aside_feature_hook() -> bool:
    """Load ``PySide6.QtCore`` and put back the import its ``__feature__`` hook wraps; True if
    the hook was in place (False: already set aside, or a PySide6 without it)."""
    # Qt's core module, the first thing the window needs; PySide6 installs the hook with it
    importlib.import_module("PySide6.QtCore")

    hook = getattr(builtins, "__feature_import__", None)
    wrapped = getattr(builtins, "__orig_import__", None)
    if hook is None or wrapped is None or builtins.__import__ is not hook:
        return False
    builtins.__import__ = wrapped
    return True


def collector_paused() -> bool:
    """True between ``prepare_start_up`` and ``resume_collector``."""
    return _paused


def resume_collector() -> None:
    """Freeze what start-up built and let the collector run again (once; later calls do nothing)."""
    global _paused
    if _paused:
        gc.freeze()
        gc.enable()
        _paused = False


def load_units() -> None:
    """Build pint's registry now (the app calls it once the first MME is on screen), with the
    collector paused while pint's modules and registry are created, then frozen like the rest."""
    # start-up seam: the core loads after the first paint (ui/app.py); pint after the first MME
    from mps_pain.units import get_registry

    ours = gc.isenabled()
    gc.disable()
    try:
        get_registry()
    finally:
        if ours:
            gc.freeze()
            gc.enable()


# The records layer: the save chooser's modules and SQLAlchemy's SQLite dialect. Alembic (with
# mako and pygments, ~1.3 s of CPU) is not among them: the schema check reads the revision
# without it (``Database.schema_revision``); it loads only when a database needs migrating.
_RECORDS_MODULES = (
    "ui.records.save_to_record",
    "sqlalchemy.dialects.sqlite",
)


def load_records() -> None:
    """Import the records layer now (the app calls it in idle time after the first MME and pint),
    so the first Save to patient record opens its dialog at once; the database is not opened."""
    ours = gc.isenabled()
    gc.disable()
    try:
        for name in _RECORDS_MODULES:
            importlib.import_module(name)
    finally:
        if ours:
            gc.freeze()
            gc.enable()
