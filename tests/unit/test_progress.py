"""The progress line: drawn on a terminal only after two seconds, never in CI or a pipe."""

from __future__ import annotations

import io

import pytest

from generator.progress import Progress, wanted


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("stream, environ, expected", [
    (Terminal(), {}, True),
    (Terminal(), {"CI": "true"}, False),
    (Terminal(), {"CI": "1"}, False),
    (io.StringIO(), {}, False),
])
def test_wanted(stream, environ, expected):
    assert wanted(stream, environ) is expected


def test_nothing_is_drawn_in_the_first_two_seconds():
    now = [0.0]
    out = Terminal()
    progress = Progress(out, enabled=True, clock=lambda: now[0])
    progress.stage("reading", 10)
    progress.advance(10)
    progress.finish()
    assert out.getvalue() == ""


def test_a_long_build_shows_stage_bar_and_counts_then_clears():
    now = [0.0]
    out = Terminal()
    progress = Progress(out, enabled=True, clock=lambda: now[0])
    progress.stage("reading", 4)
    now[0] = 2.5
    progress.advance()
    progress.advance()  # within 0.1 s of the last draw: not redrawn
    now[0] = 3.0
    progress.advance(2)
    progress.stage("rendering")
    progress.finish()
    assert out.getvalue().split("\r\x1b[2K")[1:] == [
        "reading    [######..................] 1/4",
        "reading    [########################] 4/4",
        "rendering…",
        "",
    ]
