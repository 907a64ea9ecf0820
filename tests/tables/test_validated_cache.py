"""The validated-tables cache (``mps_pain/tables/cache.py``): used only for the very bytes and
code it was written for, and any doubt about the file means the full, strict load. Real files in
a temporary cache folder (``MPS_PAIN_CACHE_DIR``), the shipped table file copied beside it."""

from __future__ import annotations

import hashlib
import pickle
import stat
import sys
from pathlib import Path

import pytest
from platformdirs import user_cache_dir

from mps_pain.errors import TableValidationError
from mps_pain.paths import default_tables_path
from mps_pain.tables.cache import (
    CACHE_ENV,
    cache_dir,
    cache_key,
    cache_path,
    read_cached,
    write_cached,
)
from mps_pain.tables.data_identity import data_identity
from mps_pain.tables.index import TableIndex
from mps_pain.tables.loader import get_tables, load_tables


@pytest.fixture
def table_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    copy = tmp_path / "conversion_tables.yaml"
    copy.write_bytes(default_tables_path().read_bytes())
    return copy


def _shipped_version() -> str:
    return load_tables(default_tables_path()).version


def _key(file: Path) -> str:
    return cache_key(hashlib.sha256(file.read_bytes()).hexdigest())


def _plant(file: Path, key: str) -> None:
    """Store the file's tables with another version under ``key`` (to see whether it is used)."""
    full = load_tables(file)
    write_cached(key, full.tables.model_copy(update={"version": "planted"}))


def _same(a: TableIndex, b: TableIndex) -> None:
    assert a.tables == b.tables
    assert (a.version, a.sha256, a.modified_path) == (b.version, b.sha256, b.modified_path)


def test_a_full_load_is_stored_privately_and_the_next_load_reads_it(table_file: Path) -> None:
    full = load_tables(table_file)
    assert not cache_path().exists()  # only the cached load writes
    first = load_tables(table_file, cached=True)
    assert stat.S_IMODE(cache_path().stat().st_mode) == 0o600
    assert stat.S_IMODE(cache_path().parent.stat().st_mode) == 0o700
    assert read_cached(_key(table_file)) == full.tables
    _same(load_tables(table_file, cached=True), full)
    _same(first, full)


def test_tables_stored_under_the_right_key_are_used(table_file: Path) -> None:
    """The control of the tests below: a planted entry under the right key is what is read."""
    _plant(table_file, _key(table_file))
    assert load_tables(table_file, cached=True).version == "planted"


def test_another_package_version_is_another_key(table_file: Path) -> None:
    digest = hashlib.sha256(table_file.read_bytes()).hexdigest()
    _plant(table_file, cache_key(digest, version="0.0.0-another"))
    assert load_tables(table_file, cached=True).version == _shipped_version()
    assert read_cached(_key(table_file)) is not None  # the full load wrote its own entry


def test_one_changed_byte_of_the_yaml_is_a_full_load_of_the_new_bytes(table_file: Path) -> None:
    _plant(table_file, _key(table_file))
    text, version = table_file.read_bytes(), _shipped_version()
    changed = version[:-1] + ("2" if version.endswith("1") else "1")  # one byte
    line = f'version: "{version}"'.encode()
    assert line in text
    table_file.write_bytes(text.replace(line, f'version: "{changed}"'.encode(), 1))
    loaded = load_tables(table_file, cached=True)
    assert loaded.version == changed
    # the hash a result carries is the data's identity over the new bytes (session 17)
    digest = hashlib.sha256(table_file.read_bytes()).hexdigest()
    assert loaded.sha256 == data_identity(digest, str(table_file)).sha256
    assert loaded.sha256 != get_tables().sha256
    assert loaded.modified_path == str(table_file.resolve())


def test_a_changed_yaml_that_fails_its_checks_is_refused_despite_the_cache(
    table_file: Path,
) -> None:
    load_tables(table_file, cached=True)
    line = f'version: "{_shipped_version()}"'.encode()
    table_file.write_bytes(table_file.read_bytes().replace(line, b"version: [2026]", 1))
    with pytest.raises(TableValidationError):
        load_tables(table_file, cached=True)


def _damaged(table_file: Path, damage: str) -> None:
    load_tables(table_file, cached=True)
    data = cache_path().read_bytes()
    if damage == "truncated":
        cache_path().write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        cache_path().write_bytes(b"\x80\x05garbage" * 100)
    elif damage == "empty":
        cache_path().write_bytes(b"")
    elif damage == "one byte":
        # a byte of the pickled tables (past the header): a number could change silently
        at = len(data) - 200
        cache_path().write_bytes(data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :])
    elif damage == "writable by others":
        _plant(table_file, _key(table_file))
        cache_path().chmod(0o666)


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty", "one byte"])
def test_a_damaged_file_is_ignored_and_written_again(table_file: Path, damage: str) -> None:
    _damaged(table_file, damage)
    assert read_cached(_key(table_file)) is None
    _same(load_tables(table_file, cached=True), load_tables(table_file))
    assert read_cached(_key(table_file)) is not None


def test_a_file_others_may_write_is_not_used(table_file: Path) -> None:
    _damaged(table_file, "writable by others")
    assert load_tables(table_file, cached=True).version == _shipped_version()


class _Touch:
    """A pickle that would create a file when loaded (what a foreign cache file could do)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[Path]]:
        return (Path.touch, (self.marker,))


@pytest.mark.parametrize("foreign", ["callable", "another class of ours"])
def test_a_foreign_pickle_with_a_valid_header_runs_nothing_and_is_ignored(
    table_file: Path, tmp_path: Path, foreign: str
) -> None:
    marker = tmp_path / "ran"
    full = load_tables(table_file, cached=True)
    content = _Touch(marker) if foreign == "callable" else full.tables.sources
    payload = pickle.dumps(content, protocol=pickle.HIGHEST_PROTOCOL)
    header = cache_path().read_bytes().split(b"\n", 2)[:2]
    digest = hashlib.sha256(payload).hexdigest().encode()
    cache_path().write_bytes(b"\n".join([*header, digest, payload]))
    assert read_cached(_key(table_file)) is None
    assert not marker.exists()
    _same(load_tables(table_file, cached=True), full)


def test_a_cache_folder_that_cannot_be_made_leaves_the_full_load(
    table_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    _same(load_tables(table_file, cached=True), load_tables(table_file))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG reading is Linux's")
@pytest.mark.parametrize("xdg", [None, "/tmp/xdg-cache", "relative/cache", ""])
def test_the_default_folder_is_the_one_platformdirs_names(
    monkeypatch: pytest.MonkeyPatch, xdg: str | None
) -> None:
    monkeypatch.delenv(CACHE_ENV, raising=False)
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    assert cache_dir() == Path(user_cache_dir("mps-pain", appauthor=False))
