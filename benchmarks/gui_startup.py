"""Start-up budget of the desktop workstation (a benchmark, not a test).

Runs, in the same session and interleaved, a bare PySide6 QMainWindow + QTableView script and
``mps-pain gui --smoke`` (which opens Takamatsu case 1 and shows its MME). Each prints the
wall-clock epoch of its first paint (and, for the app, of the first MME shown); times are
measured from the moment the process was launched. Targets: first paint ≤ 2× the bare window,
first MME shown ≤ 4× the bare window's first paint (issue 10 §7).

Our own modules run from compiled bytecode, as from an installed wheel (pip compiles at
install): the bytecode goes to a temporary ``PYTHONPYCACHEPREFIX`` written by an uncounted
warm-up run, because a source checkout under ``PYTHONDONTWRITEBYTECODE=1`` would otherwise
recompile every module of ours on every start. ``--source`` measures that case instead.
Besides wall time, each process's CPU time (user + sys) is reported, to its exit and at its first
paint and first MME (``time.process_time`` in the process): on a shared machine the wall-time
ratio moves with the load, the CPU ratios much less.

    QT_QPA_PLATFORM=offscreen python benchmarks/gui_startup.py [--runs 7] [--source]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
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
            print(f"cpu first_paint={time.process_time():.6f}", flush=True)
            QTimer.singleShot(0, app.quit)
        return False
f = First(); window.installEventFilter(f)
window.show()
app.exec()
"""

_EPOCH = re.compile(r"epoch first_paint=(?P<paint>[\d.]+)(?: first_mme=(?P<mme>[\d.]+))?")
_CPU = re.compile(r"cpu first_paint=(?P<paint>[\d.]+)(?: first_mme=(?P<mme>[\d.]+))?")


class Run:
    """One process: ms from launch to first paint (and first MME), CPU ms to its exit, and the
    process's own CPU ms at its first paint (and first MME)."""

    def __init__(
        self, paint: float, mme: float | None, cpu: float, cpu_paint: float, cpu_mme: float | None
    ) -> None:
        self.paint, self.mme, self.cpu = paint, mme, cpu
        self.cpu_paint, self.cpu_mme = cpu_paint, cpu_mme


def _cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (usage.ru_utime + usage.ru_stime) * 1000


def _run(command: list[str], env: dict[str, str]) -> Run:
    cpu_before = _cpu_of_children()
    launched = time.time()
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, env=env, timeout=120)
    cpu = _cpu_of_children() - cpu_before
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    match, cpu_match = _EPOCH.search(done.stdout), _CPU.search(done.stdout)
    if match is None or cpu_match is None:
        raise SystemExit(f"no timing line in the output of {' '.join(command)}:\n{done.stdout}")
    paint = (float(match.group("paint")) - launched) * 1000
    mme = match.group("mme")
    cpu_mme = cpu_match.group("mme")
    return Run(
        paint,
        (float(mme) - launched) * 1000 if mme else None,
        cpu,
        float(cpu_match.group("paint")) * 1000,
        float(cpu_mme) * 1000 if cpu_mme else None,
    )


def _environment(bytecode_dir: str | None) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    if bytecode_dir is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = bytecode_dir
    return env


def _spread(values: list[float]) -> str:
    return f"{min(values):.2f}–{max(values):.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--source", action="store_true", help="no compiled bytecode for our modules"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mps-pain-pyc-") as bytecode_dir:
        env = _environment(None if args.source else bytecode_dir)
        bare_command = [sys.executable, "-c", BARE]
        app_command = [sys.executable, "-m", "mps_pain_cli", "gui", "--smoke"]
        _run(bare_command, env)  # warm the file cache and write the bytecode, not counted
        _run(app_command, env)
        load_before = os.getloadavg()
        bare: list[Run] = []
        app: list[Run] = []
        for _ in range(args.runs):
            bare.append(_run(bare_command, env))
            app.append(_run(app_command, env))
        load_after = os.getloadavg()
    bare_paint = statistics.median(r.paint for r in bare)
    paint = statistics.median(r.paint for r in app)
    mme = statistics.median(r.mme or 0.0 for r in app)
    bare_cpu = statistics.median(r.cpu for r in bare)
    app_cpu = statistics.median(r.cpu for r in app)
    paint_ratios = [a.paint / b.paint for a, b in zip(app, bare, strict=True)]
    mme_ratios = [(a.mme or 0.0) / b.paint for a, b in zip(app, bare, strict=True)]
    kind = "source, recompiled each start" if args.source else "compiled bytecode"
    print(f"runs: {args.runs} each, interleaved (medians, ms from process launch; {kind})")
    print(
        "load average (1, 5, 15 min): before "
        + ", ".join(f"{x:.2f}" for x in load_before)
        + "; after "
        + ", ".join(f"{x:.2f}" for x in load_after)
    )
    print(f"bare QMainWindow+QTableView first paint: {bare_paint:7.0f}")
    print(
        f"gui --smoke first paint:     {paint:7.0f}  ({paint / bare_paint:.2f}× bare; "
        f"per pair {_spread(paint_ratios)}; target ≤ 2×)"
    )
    print(
        f"gui --smoke first MME shown: {mme:7.0f}  ({mme / bare_paint:.2f}× bare; "
        f"per pair {_spread(mme_ratios)}; target ≤ 4×)"
    )
    print(
        f"CPU time to exit (user+sys): bare {bare_cpu:.0f}, gui --smoke {app_cpu:.0f} "
        f"({app_cpu / bare_cpu:.2f}×)"
    )
    bare_cpu_paint = statistics.median(r.cpu_paint for r in bare)
    cpu_paint = statistics.median(r.cpu_paint for r in app)
    cpu_mme = statistics.median(r.cpu_mme or 0.0 for r in app)
    print(
        f"process CPU at the first paint: bare {bare_cpu_paint:.0f}, gui --smoke "
        f"{cpu_paint:.0f} ({cpu_paint / bare_cpu_paint:.2f}×); at the first MME shown "
        f"{cpu_mme:.0f} ({cpu_mme / bare_cpu_paint:.2f}× the bare window's first paint)"
    )
    ok = paint <= 2 * bare_paint and mme <= 4 * bare_paint
    print("within targets" if ok else "OUTSIDE targets")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
