"""A copy of data/ that ``data_dir()`` returns for one test (session 17, the data's identity).

It uses the override in mps_pain/paths.py: ``data_dir()`` is the package's ``_data`` folder when
there is one, so the package folder is pointed at a folder holding the copy. Every cache of a
data file is cleared on the way in and on the way out."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mps_pain import paths
from mps_pain.domain import form_inference
from mps_pain.fhir.terminology import get_terminology
from mps_pain.tables import data_identity
from mps_pain.tables.loader import get_tables

__all__ = ["RULE_FILES", "SHIPPED", "append_a_line", "clear_data_caches", "use_data_copy"]

SHIPPED = paths.data_dir()
RULE_FILES = ("form_inference.yaml", "fhir_terminology.yaml")


def clear_data_caches() -> None:
    """Forget every data file read: the next use reads ``data_dir()`` again."""
    for cached in (
        get_tables,
        form_inference._rule_file,
        get_terminology,
        data_identity._read,
        data_identity._digest,
    ):
        cached.cache_clear()


def use_data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Copy the rule files and their record; ``data_dir()`` returns the copy until the test
    ends (call ``clear_data_caches`` after the monkeypatch is undone: see ``data_copy``)."""
    folder = tmp_path / "_data"
    folder.mkdir()
    names = (data_identity.TABLES_FILE, *RULE_FILES, data_identity.IDENTITY_FILE)
    for name in names:
        shutil.copyfile(SHIPPED / name, folder / name)
    monkeypatch.setattr(paths, "_PACKAGE", tmp_path)
    monkeypatch.delenv(paths.TABLES_ENV, raising=False)
    clear_data_caches()
    return folder


def append_a_line(file: Path) -> None:
    """A reviewed edit that changes the bytes and nothing else."""
    with file.open("a", encoding="utf-8") as stream:
        stream.write("\n# one reviewed line more\n")
