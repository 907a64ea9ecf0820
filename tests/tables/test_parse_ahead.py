"""The tables parsed ahead in a second process (mps_pain/tables/parse_ahead.py, issue 10 §7) are
the tables the loader would have parsed itself: the same values type for type, the same index,
the same refusals; and the parse ahead is used only for the very bytes the loader read. Forking
is tried in fresh single-threaded interpreters only (this test process runs threads)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from mps_pain.paths import default_tables_path
from mps_pain.tables import parse_ahead

REPO = Path(__file__).resolve().parents[2]


def _fresh(script: str, *args: str) -> Any:
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
        timeout=120,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


_SHIPPED = r"""
import hashlib, json, sys
from mps_pain.paths import default_tables_path
from mps_pain.strict_load import loads_yaml
from mps_pain.tables import parse_ahead
from mps_pain.tables.loader import load_tables

def same(a, b):
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b

path = default_tables_path().resolve()
text = path.read_bytes()
started = parse_ahead.start(path)
ahead = parse_ahead.take(path, hashlib.sha256(text).hexdigest())
here = loads_yaml(text, origin=path.name)
parse_ahead.start(path)
by_child = load_tables(path)
taken = [str(p) for p in parse_ahead.taken()]
by_itself = load_tables(path)
print(json.dumps({
    "started": started,
    "same_values": ahead is not None and same(ahead, here),
    "taken": taken,
    "path": str(path),
    "same_tables": by_child.tables == by_itself.tables,
    "same_hash": by_child.sha256 == by_itself.sha256,
    "same_modified": by_child.modified_path == by_itself.modified_path,
    "taken_after": len(parse_ahead.taken()),
}))
"""


def test_the_shipped_tables_parsed_ahead_are_the_tables_parsed_here() -> None:
    report = _fresh(_SHIPPED)
    assert report["started"] is True  # a fresh interpreter on Linux forks
    assert report["same_values"] is True  # marshal carried every value, type for type
    # the direct take, then the loader's: it used the parse ahead …
    assert report["taken"] == [report["path"], report["path"]]
    assert report["same_tables"] and report["same_hash"] and report["same_modified"]
    assert report["taken_after"] == 2  # … and parsed itself when none was started


_REFUSED = r"""
import json, sys
from pathlib import Path
from mps_pain.errors import TableValidationError
from mps_pain.tables import parse_ahead
from mps_pain.tables.loader import load_tables

def refusal(path):
    try:
        load_tables(path)
    except TableValidationError as exc:
        return [str(exc), str(exc.location)]
    return None

path = Path(sys.argv[1])
started = parse_ahead.start(path)
ahead = refusal(path)
print(json.dumps({"started": started, "ahead": ahead, "here": refusal(path),
                  "taken": len(parse_ahead.taken())}))
"""


def test_a_refused_table_file_reads_the_same_refusal(tmp_path: Path) -> None:
    bad = tmp_path / "tables.yaml"
    bad.write_text("version: 1\nversion: 2\n", encoding="utf-8")  # a key written twice
    report = _fresh(_REFUSED, str(bad))
    assert report["started"] is True
    assert report["ahead"] is not None and "twice" in report["ahead"][0]
    assert report["ahead"] == report["here"]
    assert report["taken"] == 0


_OTHER_BYTES = r"""
import json, os, sys
from pathlib import Path
from mps_pain.tables import parse_ahead

path = Path(sys.argv[1]).resolve()
parse_ahead.start(path)
wrong = parse_ahead.take(path, "0" * 64)  # bytes other than the ones the child parsed
parse_ahead.start(path)
parse_ahead.discard()
try:
    os.waitpid(-1, os.WNOHANG)
    children_left = True
except ChildProcessError:
    children_left = False
print(json.dumps({"wrong": wrong, "taken": len(parse_ahead.taken()),
                  "children_left": children_left}))
"""


def test_a_parse_of_other_bytes_is_never_used_and_no_child_is_left(tmp_path: Path) -> None:
    copy = tmp_path / "tables.yaml"
    copy.write_bytes(default_tables_path().read_bytes())
    report = _fresh(_OTHER_BYTES, str(copy))
    assert report == {"wrong": None, "taken": 0, "children_left": False}


def test_nothing_is_forked_while_the_process_runs_threads() -> None:
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert parse_ahead.start(default_tables_path()) is False
    finally:
        stop.set()
        worker.join()
    assert parse_ahead.take(default_tables_path().resolve(), "") is None  # nothing pending
