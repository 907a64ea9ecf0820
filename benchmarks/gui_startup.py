"""Start-up budget of the desktop workstation (a benchmark, not a test).

Runs, in the same session and interleaved, a bare PySide6 QMainWindow + QTableView script and
``mps-pain gui --smoke`` (which opens Takamatsu case 1 and shows its MME). Each prints the
wall-clock epoch of its first paint (and, for the app, of the first MME shown); times are
measured from the moment the process was launched. Targets: first paint ≤ 2× the bare window,
example MME shown ≤ 4× the bare window's first paint.

    QT_QPA_PLATFORM=offscreen python benchmarks/gui_startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

BARE = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QTableView())
class First(QObject):
    done = False
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            print(f"epoch first_paint={time.time():.6f}", flush=True)
            QTimer.singleShot(0, app.quit)
        return False
f = First(); window.installEventFilter(f)
window.show()
app.exec()
"""

_EPOCH = re.compile(r"first_paint=(?P<paint>[\d.]+)(?: first_mme=(?P<mme>[\d.]+))?")


def _run(command: list[str]) -> tuple[float, float | None]:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    launched = time.time()
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, env=env, timeout=120)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    match = _EPOCH.search(done.stdout)
    if match is None:
        raise SystemExit(f"no timing line in the output of {' '.join(command)}:\n{done.stdout}")
    paint = (float(match.group("paint")) - launched) * 1000
    mme = match.group("mme")
    return paint, (float(mme) - launched) * 1000 if mme else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    bare_paint: list[float] = []
    app_paint: list[float] = []
    app_mme: list[float] = []
    _run([sys.executable, "-c", BARE])  # warm the file cache once, not counted
    _run([sys.executable, "-m", "mps_pain_cli", "gui", "--smoke"])
    for _ in range(args.runs):
        bare_paint.append(_run([sys.executable, "-c", BARE])[0])
        paint, mme = _run([sys.executable, "-m", "mps_pain_cli", "gui", "--smoke"])
        app_paint.append(paint)
        assert mme is not None
        app_mme.append(mme)
    bare = statistics.median(bare_paint)
    paint = statistics.median(app_paint)
    mme = statistics.median(app_mme)
    print(f"runs: {args.runs} each (medians, ms from process launch)")
    print(f"bare QMainWindow+QTableView first paint: {bare:7.0f}")
    print(f"gui --smoke first paint:     {paint:7.0f}  ({paint / bare:.2f}× bare; target ≤ 2×)")
    print(f"gui --smoke first MME shown: {mme:7.0f}  ({mme / bare:.2f}× bare; target ≤ 4×)")
    ok = paint <= 2 * bare and mme <= 4 * bare
    print("within targets" if ok else "OUTSIDE targets")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
