"""A build killed at any moment leaves no process behind and the previous site as it was; SIGTERM and
Ctrl+C end it, its workers and its build folder within a second, without a traceback."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD_PREFIX = ".litreview-build-"
# Enough abstracts for files to be read and pages rendered in worker processes (``PARALLEL_MIN_PAGES``).
STUDIES = 520
ABSTRACT = ("Methods: We enrolled {n} adults with advanced cancer and gave agent AX-{i} 10 mg daily. "
            "Results: The objective response rate was {r}% ({x} of {n}). Median overall survival was {m} months "
            "(95% CI, 8.1 to 19.0). Conclusions: Agent AX-{i} is active.")


def write_study(content: Path, i: int, version: int = 0) -> None:
    (content / f"study-{i:03}.txt").write_text(
        f"Agent AX-{i} in advanced cancer: trial {i}.{version}\n\n"
        + ABSTRACT.format(i=i, n=20 + i + version, r=10 + i % 50, x=2 + i % 9, m=6 + i % 12) + "\n")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def in_session(session: int) -> list[int]:
    """The processes of a session (the build was started as its leader)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == session and fields[0] != "Z":
                found.append(int(entry))
    return found


def command(content: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "generator", "build", "--content", str(content), "--out", str(out),
            "--config", str(ROOT / "site_config.yml")]


@pytest.mark.skipif(not Path("/proc/self/stat").exists() or (os.cpu_count() or 1) < 2,
                    reason="needs /proc and more than one core (workers)")
def test_builds_killed_at_random_moments_leave_no_process_and_the_previous_site(tmp_path):
    content, out = tmp_path / "content", tmp_path / "site"
    content.mkdir()
    for i in range(STUDIES):
        write_study(content, i)
    started = time.monotonic()
    subprocess.run(command(content, out), check=True, capture_output=True)
    took = time.monotonic() - started
    chance = random.Random(23)
    for trial, how in enumerate([signal.SIGKILL, signal.SIGTERM, signal.SIGINT] * 3):
        before = snapshot(out)
        folders = {folder.name for folder in tmp_path.glob(f"{BUILD_PREFIX}*")}
        write_study(content, chance.randrange(STUDIES), trial + 1)
        with open(tmp_path / "err", "w+b") as err:
            # Cold builds (workers read the files and render the pages) and cached ones (forked copies only).
            build = subprocess.Popen(command(content, out) + ["--no-cache"] * (trial % 2), stdout=subprocess.DEVNULL,
                                     stderr=err, start_new_session=True)
            # In the first round at any moment of the first half of a build; then at a random moment once it
            # has started a worker or a copy of itself, the moments a process could be left behind.
            wait = chance.uniform(0, took / 2)
            while trial >= 3 and len(in_session(build.pid)) < 2 and build.poll() is None:
                time.sleep(0.005)
            time.sleep(wait / 4 if trial >= 3 else wait)
            if how == signal.SIGINT:
                os.killpg(build.pid, how)  # Ctrl+C reaches the whole group
            else:
                os.kill(build.pid, how)
            signalled = time.monotonic()
            try:
                code = build.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(build.pid, signal.SIGKILL)
                pytest.fail(f"trial {trial}: the build did not end on {how.name}")
            ended = time.monotonic() - signalled
            while in_session(build.pid) and time.monotonic() - signalled < 1:
                time.sleep(0.01)
            left = in_session(build.pid)
            for pid in left:
                os.kill(pid, signal.SIGKILL)
            assert not left, f"trial {trial}: processes left after {how.name}"
            err.seek(0)
            message = err.read().decode()
        finished = code == 0
        assert "Traceback" not in message, message
        if finished:
            continue  # it ended before the signal came
        assert snapshot(out) == before, f"trial {trial}: the previous site changed"
        if how != signal.SIGKILL:
            assert ended < 1, f"trial {trial}: {how.name} took {ended:.2f} s to end the build"
            # SIGTERM before the build set its handler, as Python starts, ends it there: nothing was made yet.
            assert (code, message) == (-signal.SIGTERM, "") or (code == 1 and message.endswith("interrupted\n")), \
                (code, message)
            # Its build folder is gone (one a build killed earlier left goes with the next build that gets so far).
            left = {folder.name: os.listdir(folder) for folder in tmp_path.glob(f"{BUILD_PREFIX}*")
                    if folder.name not in folders}
            assert not left, (trial, how.name, code, left)
    subprocess.run(command(content, out), check=True, capture_output=True)
    subprocess.run(command(content, tmp_path / "cold") + ["--no-cache"], check=True, capture_output=True)
    assert snapshot(out) == snapshot(tmp_path / "cold")
    # What is left beside the site is the site the last build replaced: the killed builds' folders are gone.
    assert [os.listdir(folder) for folder in tmp_path.glob(f"{BUILD_PREFIX}site-*")] == [["previous"]]
    assert not list(tmp_path.glob(".litreview-deleting-*"))



@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_while_the_program_loads_ends_it_once_it_is_ready(tmp_path, how):
    # The signal comes as the program's modules load, here as a dataclass is made (code that ``exec`` runs).
    (tmp_path / "signalled_as_it_loads.py").write_text(
        "import os, sys\n"
        "import generator.__main__\n"
        f"os.kill(os.getpid(), {int(how)})\n"
        "from dataclasses import dataclass\n"
        "@dataclass(frozen=True)\n"
        "class Loaded:\n"
        "    name: str\n"
        "generator.__main__.launch()\n", encoding="utf-8")
    (tmp_path / "content").mkdir()
    write_study(tmp_path / "content", 1)
    done = subprocess.run([sys.executable, "-m", "signalled_as_it_loads", "build", "--content", str(tmp_path / "content"),
                           "--out", str(tmp_path / "site")], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)])})
    assert (done.returncode, done.stdout, done.stderr) == (1, "", "interrupted\n")
    assert not (tmp_path / "site").exists()
