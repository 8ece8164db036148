"""Work on every core: a forked copy's result, its exception, and no copy left behind."""

from __future__ import annotations

import os
import time

import pytest

from generator.diagnostics import BuildError
from generator.workers import forked


def test_a_forked_copy_sees_this_process_and_sends_its_result_back():
    data = list(range(100_000))
    with forked(lambda: (os.getpid(), sum(data))) as result:
        pid, total = result()
    assert pid != os.getpid()
    assert total == sum(data)


def test_a_copy_asked_to_yield_the_cores_runs_that_much_nicer_and_this_process_does_not():
    here = os.nice(0)
    with forked(lambda: os.nice(0), nice=5) as result:
        assert result() == min(here + 5, 19)
    assert os.nice(0) == here


def test_the_copys_exception_is_raised_by_the_call():
    def fail() -> None:
        raise BuildError("refusing to write outside the output folder: ../x")

    with forked(fail) as result, pytest.raises(BuildError, match=r"outside the output folder: \.\./x"):
        result()


def test_a_copy_whose_result_is_not_taken_is_stopped_with_the_block(tmp_path):
    pid_file = tmp_path / "pid"

    def work() -> None:
        pid_file.write_text(str(os.getpid()))
        time.sleep(60)

    started = time.monotonic()
    with forked(work):
        while not pid_file.exists() or not pid_file.read_text():
            time.sleep(0.01)
    assert time.monotonic() - started < 30
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid_file.read_text()), 0)  # ended, and reaped


def test_an_exception_that_does_not_pickle_comes_back_as_its_message():
    class Local(Exception):  # a class pickle cannot find by name
        pass

    def fail() -> None:
        raise Local("no such study")

    with forked(fail) as result, pytest.raises(RuntimeError, match="^Local: no such study$"):
        result()


def test_not_wanted_runs_here_in_the_call():
    with forked(os.getpid, wanted=False) as result:
        assert result() == os.getpid()
