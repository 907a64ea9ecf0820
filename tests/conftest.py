"""Shared fixtures and test-run settings. Qt runs offscreen; tables come from files, never mocks.

Hypothesis profiles (pick one with ``--hypothesis-profile=NAME``):

- ``default``: a few hundred examples per property, no deadline (the machine is shared, so a
  deadline would make the run flaky); what ``python -m pytest -q`` uses.
- ``ci-long``: the long campaign that ``.ci/run`` runs as its own step together with the tests
  marked ``slow`` (crash loops, fuzzing over thousands of documents).

A property keeps out of ``max_examples`` unless it is expensive per example (a database round
trip), so the profile decides how long a campaign is.
"""

from __future__ import annotations

import gc
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest


def _cache_compiled_code_outside_the_checkout() -> None:
    """With ``PYTHONDONTWRITEBYTECODE`` set (this checkout's shells set it, to keep ``.pyc``
    files out of the tree), every test process recompiled our modules and pytest re-rewrote
    every test file's assertions: 3.7 of 7.7 s of CPU per worker's collection. The run keeps
    the tree clean and still caches the compiled code, under the user's cache folder
    (``sys.pycache_prefix``, which pytest's assertion rewriter honours too), for this process
    and the CLI and app processes the tests start. A prefix chosen by the caller wins; without
    the variable nothing changes (Python writes ``__pycache__`` as usual)."""
    if not sys.dont_write_bytecode or sys.pycache_prefix or os.environ.get("PYTHONPYCACHEPREFIX"):
        return
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    prefix = os.path.join(base, "mps_pain", "pycache")
    try:
        os.makedirs(prefix, mode=0o700, exist_ok=True)
    except OSError:
        return  # no writable cache folder: compile every time, as before
    sys.pycache_prefix = prefix
    sys.dont_write_bytecode = False
    os.environ["PYTHONPYCACHEPREFIX"] = prefix
    del os.environ["PYTHONDONTWRITEBYTECODE"]


_cache_compiled_code_outside_the_checkout()  # before the imports below, so they are cached

from hypothesis import HealthCheck, settings  # noqa: E402

from mps_pain.tables.index import TableIndex  # noqa: E402
from mps_pain.tables.loader import get_tables, load_tables  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# tmp_path on a RAM disk when the machine has one: the records databases sync every commit to
# disk (synchronous=FULL) and the app's settings sync on close, so on a disk the tests would
# mostly wait for fsync (a fresh records file: 41 ms of CPU, 180 ms of wall time). pytest reads
# this variable when the first temporary folder is made; a value set by the caller wins.
if "PYTEST_DEBUG_TEMPROOT" not in os.environ and os.access("/dev/shm", os.W_OK | os.X_OK):
    os.environ["PYTEST_DEBUG_TEMPROOT"] = "/dev/shm"

settings.register_profile(
    "default", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci-long", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


# The young generation is collected after this many new container objects instead of Python's
# 700: a UI test makes and drops thousands (widget wrappers, pydantic models, SQL rows), and each
# young pass also moved survivors on to older passes that walk them again. Garbage is collected
# in fewer passes: tests/ui in one process spent 2.5 s of CPU in the collector (2,052 young,
# 186 middle, 17 full passes, counted with gc.callbacks) and 1.3 s with it (426, 38, 4); the
# price is cycles that reach the oldest generation waiting longer (~80,000 more objects alive at
# the end of tests/ui). tests/rotation: unchanged within noise.
YOUNG_GENERATION_THRESHOLD = 10_000

AT_COLLECTION: dict[str, tuple[str, ...]] = {}
"""What collecting the suite loaded, looked at by tests/test_collector_settings.py: the FHIR
model modules (``fhir_models``), which each worker would otherwise build whether or not it runs
a FHIR test (~680 pydantic classes, 1.9 s of CPU per process)."""


def pytest_collection_finish(session: pytest.Session) -> None:
    """Everything alive once the suite is collected (modules, tables, strategies, Qt) lives to
    the end of the run: frozen (``gc.freeze``), the cyclic collector's full passes no longer
    walk it again and again (on 410 tests of rotation, practice, UI and records: 1.8 s of 28 s
    of CPU in the collector, 1.2 s frozen). Garbage made by the tests is collected as before,
    the young generation less often (``YOUNG_GENERATION_THRESHOLD``)."""
    AT_COLLECTION["fhir_models"] = tuple(m for m in sys.modules if m.startswith("fhir.resources"))
    gc.collect()
    gc.freeze()
    middle, old = gc.get_threshold()[1:]
    gc.set_threshold(YOUNG_GENERATION_THRESHOLD, middle, old)


FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def small_tables() -> TableIndex:
    """A made-up table: tests of arithmetic and validation use it, not clinical values."""
    return load_tables(FIXTURES / "small_tables.yaml")


@pytest.fixture(scope="session")
def small_tables_text() -> str:
    return (FIXTURES / "small_tables.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def tables() -> TableIndex:
    """The shipped clinical tables (data/conversion_tables.yaml)."""
    return get_tables()


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty records database at the newest schema, closed (its WAL checkpointed). Tests copy
    it (``records_copy``) instead of migrating a new file each (41 ms of CPU apiece); creating
    and migrating files is tested on its own (``tests/persistence/test_sqlite_file.py``,
    ``test_migrations.py``, ``test_records_hardening.py``)."""
    # start-up seam: only tests that use a records file load SQLAlchemy and alembic
    from mps_pain.persistence.database import Database

    path = tmp_path_factory.mktemp("migrated") / "records.sqlite3"
    Database.open(f"sqlite:///{path}").close()
    return path


@pytest.fixture(scope="session")
def examples_sqlite(
    tmp_path_factory: pytest.TempPathFactory, migrated_sqlite: Path
) -> Callable[[str | None], Path]:
    """``template(user)``: a closed records database holding the five published example
    patients, imported (``PatientService.import_examples``) by ``user`` (None: the service's
    own default) into a copy of ``migrated_sqlite``, made once per session and user. Tests copy
    it (``records_copy``) instead of importing the five cases at each of ~20 uses.
    Importing them into a live database stays tested where it is the subject (test_audit_trail,
    test_sqlite_file, test_records_hardening, test_import_hardening)."""
    made: dict[str | None, Path] = {}

    def template(user: str | None = None) -> Path:
        if user not in made:
            # start-up seam: only tests that use a records file load SQLAlchemy and alembic
            from mps_pain.persistence.database import Database
            from mps_pain.services.patient_service import PatientService

            path = tmp_path_factory.mktemp("examples") / "records.sqlite3"
            database = Database.open(records_copy(migrated_sqlite, path))
            PatientService(database, user=user).import_examples()
            database.close()
            made[user] = path
        return made[user]

    return template


def records_copy(template: Path, target: Path) -> str:
    """The URL of a copy of ``template`` at ``target``, readable by its owner only."""
    shutil.copyfile(template, target)
    os.chmod(target, 0o600)
    return f"sqlite:///{target}"
