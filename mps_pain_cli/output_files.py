"""The one way a command writes a file the user named: never over the records database or its
working files (``own_files``, fuzz review 17, D2), private to its owner, and over an existing
file only with ``--force``."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from mps_pain.errors import InputError
from mps_pain.input_files import refuse_special_file
from mps_pain.persistence.own_files import refuse_records_file
from mps_pain_cli.common import refused_path

__all__ = ["write_private"]


def write_private(path: Path, text: str, *, force: bool, database: Any) -> None:
    """Write ``text`` to a new file readable by its owner only (0600 whatever the umask);
    an existing file is replaced (atomically) only with ``--force``; the files of the records
    ``database`` (open, so its file is known) never; a pipe or a device never, even with
    ``--force`` (fuzz re-check 18c, N5: a FIFO waited forever; ``--force`` replaced the device)."""

    refuse_special_file(path, location="--output", output=True)
    refuse_records_file(path, database.records_file, location="--output")
    data = text.encode("utf-8")
    try:
        if not force:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            with os.fdopen(fd, "wb") as file:
                file.write(data)
            os.chmod(path, 0o600)
            return
        fd, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(data)
            os.replace(partial, path)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
    except FileExistsError:
        raise InputError(
            f"{path} already exists; nothing was written (use --force to replace it)",
            location="--output",
        ) from None
    except OSError as err:
        raise refused_path(
            err, path, location="--output", doing="write", then="nothing was written"
        ) from None
