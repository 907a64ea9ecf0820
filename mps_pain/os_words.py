"""The one way the operating system's refusal of a path the user named is said: plain words,
never an errno number, the system's own sentence or a temporary file's name (fuzz review 18: a
backup to a 300-character name exited 3 with "OSError: [Errno 36] File name too long"; a backup
into a locked folder said "[Errno 1] Operation not permitted: '…/.bk.sqlite3.fqb4bpyb.partial'";
``--batch`` alone said "Is a directory")."""

from __future__ import annotations

import errno

__all__ = ["os_error_words"]

_WORDS = {
    errno.ENOENT: "no such file",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EISDIR: "it is a folder, not a file",
    errno.ENAMETOOLONG: "the name is longer than the file system allows",
    errno.EACCES: "no permission",
    errno.EPERM: "the operating system does not permit it (the file or its folder is locked)",
    errno.EROFS: "the disk is read-only",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.ELOOP: "the path goes round in a loop of links",
    errno.EEXIST: "it already exists",
    errno.EIO: "the disk could not be read or written",
    errno.EMFILE: "too many files are open",
    errno.ENXIO: "it is not a file that can be read",
    errno.ETXTBSY: "the file is in use",
    errno.EPIPE: "the program reading it stopped reading",
}


def os_error_words(err: OSError) -> str:
    """Why the system refused, in plain words (its own text, lower-cased, if unlisted)."""
    words = _WORDS.get(err.errno or 0)
    if words is not None:
        return words
    said = (err.strerror or "the operating system refused").strip()
    return said[:1].lower() + said[1:]
