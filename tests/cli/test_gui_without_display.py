"""Fuzz review 19, D4: `gui` with no display aborted (exit 134, SIGABRT) after Qt's own
messages, the last advising "Reinstalling the application may fix this problem". Now it exits
1 with one line saying there is no display and how to run it: before Qt when no display is
named, and in place of Qt's fatal message when a named display cannot be reached."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.cli_runner import REPO
from ui.display_check import no_display_reason


def _gui(env_changes: dict[str, str | None]) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(name, None)
    env.update({k: v for k, v in env_changes.items() if v is not None})
    return subprocess.run(
        [sys.executable, "-m", "mps_pain_cli", "gui", "--smoke"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        ({}, "no graphical display"),
        ({"DISPLAY": ":97"}, "could not be opened"),  # named, nothing listening
    ],
)
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland variables")
def test_no_display_is_one_line_and_exit_1(changes: dict[str, str | None], said: str) -> None:
    done = _gui(changes)
    assert done.returncode == 1, (done.returncode, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert said in lines[0]
    assert "xvfb-run" in lines[0] and "QT_QPA_PLATFORM=offscreen" in lines[0]
    assert "Reinstall" not in done.stderr and "Traceback" not in done.stderr


def test_the_reason_is_asked_only_where_a_variable_names_the_display() -> None:
    assert no_display_reason({}, "linux") is not None
    assert no_display_reason({"DISPLAY": " "}, "linux") is not None
    assert no_display_reason({"DISPLAY": ":0"}, "linux") is None
    assert no_display_reason({"WAYLAND_DISPLAY": "wayland-0"}, "freebsd14") is None
    assert no_display_reason({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert no_display_reason({}, "darwin") is None
    assert no_display_reason({}, "win32") is None
