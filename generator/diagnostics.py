"""Messages for the user, in compiler style: ``content/x.txt:14:5: error: ...``.

Every stage reports problems as ``Diagnostic`` values instead of raising, so one
broken file never costs the others; ``BuildError`` is raised only when the site
as a whole cannot be built.
"""

from __future__ import annotations

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


class LitreviewError(Exception):
    """Base of the errors litreview raises on purpose."""


class InputError(LitreviewError):
    """One input cannot be used; carries the diagnostics that say why."""

    def __init__(self, *diagnostics: Diagnostic):
        super().__init__("\n".join(map(str, diagnostics)))
        self.diagnostics = diagnostics


class BuildError(LitreviewError):
    """The site cannot be built; the previous site is left in place."""
