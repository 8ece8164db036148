"""Messages for the user, in compiler style: ``content/x.txt:14:5: error: ...``.

Every stage reports problems as ``Diagnostic`` values instead of raising, so one
broken file never costs the others; ``BuildError`` is raised only when the site
as a whole cannot be built.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Diagnostic:
    """A problem found in an input, with where it is."""

    path: str
    message: str
    severity: str = "error"  # "error" or "warning"
    line: int | None = None
    col: int | None = None

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        return f"{where}: {self.severity}: {self.message}"


def error(path: str, message: str, line: int | None = None, col: int | None = None) -> Diagnostic:
    """An error at ``path`` (and line, where known)."""
    return Diagnostic(path, message, "error", line, col)


def warning(path: str, message: str, line: int | None = None, col: int | None = None) -> Diagnostic:
    """A warning at ``path`` (and line, where known)."""
    return Diagnostic(path, message, "warning", line, col)


def unforeseen(rel: str, line: int | None, doing: str, exc: Exception) -> Diagnostic:
    """An error nobody foresaw, as a message naming the file (and record) it happened in."""
    where = "this record" if line is not None else "this file"
    detail = " ".join(str(exc).split())[:200]
    return error(rel, f"{where} was skipped: litreview failed while {doing} ({type(exc).__name__}: {detail}); "
                      f"please report this with the file", line)


class LitreviewError(Exception):
    """Base of the errors litreview raises on purpose."""


class InputError(LitreviewError):
    """One input cannot be used; carries the diagnostics that say why."""

    def __init__(self, *diagnostics: Diagnostic):
        super().__init__("\n".join(map(str, diagnostics)))
        self.diagnostics = diagnostics


def read_input(path: str | os.PathLike, shown: str, limit: int | None = None) -> bytes:
    """The bytes of an input file, its size checked before it is read: a file larger than ``limit`` bytes,
    or one that cannot be read (permissions, a loop of links), is an ``InputError`` naming it (``shown``)."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if limit is None:
                return handle.read()
            # What its size says, and on to the limit only if it grew as it was read: a read of the limit's size
            # made a buffer of that size (5 MB for a pasted page) for every file.
            data = handle.read(size + 1) if size <= limit else b""
            if len(data) > size:
                data += handle.read(limit + 1 - len(data))
    except OSError as exc:
        raise InputError(error(shown, f"cannot be read: {exc.strerror}")) from None
    if size > limit or len(data) > limit:  # a file that grew as it was read, or one without a size (a pipe)
        raise InputError(error(shown, f"file is {max(size, len(data)):,} bytes; the limit is {limit:,} bytes"))
    return data


class BuildError(LitreviewError):
    """The site cannot be built; the previous site is left in place."""
