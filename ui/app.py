"""Composition root: QApplication, palette, exception hook, main window, smoke run.

Start-up order keeps the first paint cheap: only Qt and the window's widgets are imported
before the window is shown; the engine, pydantic models and the tables load right after the
first paint (``MainWindow.start``), and pint once the first MME is on screen (ui/startup.py).
"""

from __future__ import annotations

import datetime as _dt
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ui.display_check import made_with_display
from ui.examples import examples_dir
from ui.main_window import MainWindow
from ui.settings import AppSettings
from ui.startup import load_records, load_units, resume_collector
from ui.theme import apply_theme
from ui.wheel_guard import install_wheel_guard

__all__ = ["SMOKE_EXAMPLE", "crash_log_path", "install_exception_hook", "run"]

SMOKE_EXAMPLE = ("takamatsu-2018-case-1", "step-3-oxycodone-raised.yaml")


def crash_log_path() -> Path:
    """``<user data folder>/logs/errors.log`` (platformdirs)."""
    # start-up seam: needed only when something went wrong, never before the first paint
    from platformdirs import user_data_path

    return user_data_path("mps-pain", appauthor=False) / "logs" / "errors.log"


def install_exception_hook(
    parent: Callable[[], QWidget | None], snapshot: Callable[[], str | None]
) -> Callable[[type[BaseException], BaseException, TracebackType | None], None]:
    """Log unexpected errors to the user data folder and say so calmly; the regimen stays."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        path = crash_log_path()
        saved = ""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            stamp = _dt.datetime.now().astimezone().isoformat(timespec="seconds")
            text = "".join(traceback.format_exception(kind, error, tb))
            try:
                regimen = snapshot()
            except Exception:
                regimen = None
            with path.open("a", encoding="utf-8") as log:
                log.write(f"--- {stamp}\n{text}")
                if regimen:
                    log.write(f"Regimen at the time:\n{regimen}\n")
            saved = f"\n\nDetails were written to:\n{path}"
        except OSError:
            saved = "\n\n(The details could not be written to the log folder.)"
        box = QMessageBox(parent())
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle("Something went wrong")
        box.setObjectName("crash_message")
        box.setText(
            "An unexpected problem occurred inside the program. Your regimen is still open and "
            "unchanged; please check the last result before using it." + saved
        )
        box.open()

    sys.excepthook = hook
    return hook


class _FirstPaint(QObject):
    """Calls ``then`` once, after ``widget`` has painted for the first time."""

    def __init__(
        self, widget: QWidget, then: Callable[[], None], condition: Callable[[], bool]
    ) -> None:
        super().__init__(widget)
        self._then = then
        self._condition = condition
        self._done = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._done and event.type() == QEvent.Type.Paint and self._condition():
            self._done = True
            QTimer.singleShot(0, self._then)
        return False


def run(path: str | None = None, *, smoke: bool = False, started_at: float | None = None) -> int:
    """Open the window (optionally with a file); ``smoke`` opens an example, times it, exits."""
    t0 = started_at if started_at is not None else time.perf_counter()
    app = QApplication.instance() or made_with_display(lambda: QApplication(sys.argv[:1]))
    assert isinstance(app, QApplication)
    app.setApplicationName("MPS Pain")
    app.setOrganizationName("mps-pain")
    app.setApplicationDisplayName("MPS Pain")

    settings = AppSettings()
    apply_theme(app, settings.theme)
    window = MainWindow(settings, guard_wheel=False)  # installed below, after the first MME
    install_exception_hook(lambda: window, window.recovery_snapshot)
    marks: dict[str, float] = {}
    initial: Path | None = Path(path) if path else None
    if smoke:
        initial = examples_dir().joinpath(*SMOKE_EXAMPLE)

    def after_first_paint() -> None:
        marks.setdefault("first_paint", time.perf_counter())
        marks.setdefault("cpu_first_paint", time.process_time())
        try:
            window.start(path=None)
            if initial is not None:
                window.open_path(initial, example=smoke)
        finally:
            resume_collector()  # paused by `mps-pain gui` until the first MME (ui/startup.py)
            # queued behind the first MME's paint (posted events go before timers): its first
            # event costs PySide6 ~50 ms of enums (ui/wheel_guard.py)
            QTimer.singleShot(0, install_wheel_guard)

    def mme_shown() -> None:
        marks["first_mme"] = time.perf_counter()
        marks["cpu_first_mme"] = time.process_time()
        QTimer.singleShot(0, load_units)  # pint, once the first MME is on screen (ui/startup.py)
        QTimer.singleShot(0, load_records)  # then the records layer (review 10 #3)
        if smoke:
            total = window.results_panel.total_label.text()
            print(f"first paint: {(marks['first_paint'] - t0) * 1000:.0f} ms")
            print(f"first MME shown: {(marks['first_mme'] - t0) * 1000:.0f} ms ({total})")
            now_epoch, now = time.time(), time.perf_counter()
            paint_epoch = now_epoch - (now - marks["first_paint"])
            mme_epoch = now_epoch - (now - marks["first_mme"])
            print(f"epoch first_paint={paint_epoch:.6f} first_mme={mme_epoch:.6f}")
            cpu = (marks["cpu_first_paint"], marks["cpu_first_mme"])
            print("cpu first_paint={:.6f} first_mme={:.6f}".format(*cpu))
            sys.stdout.flush()
            window.session.undo_stack.setClean()
            QTimer.singleShot(0, app.quit)

    _FirstPaint(window, after_first_paint, lambda: True)
    label = window.results_panel.total_label
    _FirstPaint(label, mme_shown, lambda: "/day" in label.text())
    window.show()
    if smoke:
        QTimer.singleShot(60_000, lambda: app.exit(3))  # never hang CI
    return int(app.exec())
