"""Progress on a terminal: the stage, a bar and counts on one line of stderr.

Drawn only once a build has run for two seconds, and never when stderr is not a
terminal or ``CI`` is set, so logs stay clean.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Callable, TextIO

DELAY_S = 2.0
REDRAW_S = 0.1
BAR_WIDTH = 24


def wanted(stream: TextIO, environ: dict | os._Environ = os.environ) -> bool:
    """Whether to draw: a terminal, and not CI."""
    return stream.isatty() and environ.get("CI", "").lower() not in ("1", "true", "yes")


class Progress:
    """One line that says which stage runs and how far it is."""

    def __init__(self, stream: TextIO = sys.stderr, enabled: bool | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.enabled = wanted(stream) if enabled is None else enabled
        self.clock = clock
        self.started = clock()
        self.drawn_at = -1.0
        self.shown = False
        self.name, self.done, self.total = "", 0, 0

    def stage(self, name: str, total: int = 0) -> None:
        """A new stage of ``total`` steps (0 when it has no count)."""
        self.name, self.done, self.total = name, 0, total
        self._draw(force=True)

    def advance(self, steps: int = 1) -> None:
        """``steps`` more steps of the stage done."""
        self.done += steps
        self._draw(force=self.done >= self.total)

    def finish(self) -> None:
        """Clear the line, so the summary prints on a clean one."""
        if self.shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()

    def line(self) -> str:
        """The text of the progress line."""
        if not self.total:
            return f"{self.name}…"
        filled = BAR_WIDTH * self.done // self.total
        return f"{self.name:<10} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {self.done}/{self.total}"

    def _draw(self, force: bool) -> None:
        now = self.clock()
        if not self.enabled or now - self.started < DELAY_S or (not force and now - self.drawn_at < REDRAW_S):
            return
        self.drawn_at = now
        self.shown = True
        self.stream.write("\r\x1b[2K" + self.line())
        self.stream.flush()
