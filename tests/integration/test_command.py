"""The command as a process: it leaves by ``os._exit`` (``cli.run``), so its output must be flushed first."""

import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ABSTRACT = ("Agent AX-1 in advanced lung cancer\n\nMethods: We enrolled 40 adults and gave agent AX-1 10 mg daily. "
            "Results: The objective response rate was 25% (10 of 40).\n")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    # Both streams to pipes, buffered (PYTHONUNBUFFERED left out), so what is not flushed before leaving is lost.
    env = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


def test_a_build_prints_its_summary_and_exits_0(tmp_path: Path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "ax-1.txt").write_text(ABSTRACT)
    done = run("build", "--config", str(ROOT / "site_config.yml"), cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout.splitlines()[0].startswith("1 files read, 0 skipped; 1 studies, ")
    assert done.stdout.splitlines()[1] == "site built in site/ (open site/index.html)"
    assert done.stderr == ""


def test_a_failed_build_prints_its_error_and_exits_1(tmp_path: Path):
    done = run("build", "--content", "missing", "--config", str(ROOT / "site_config.yml"), cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == "missing: error: content folder not found\n"


def test_build_holds_the_studies_it_read_for_run_to_leave_be_and_check_holds_none(tmp_path: Path):
    from generator.cli import main
    from generator.pipeline import Collection

    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "ax-1.txt").write_text(ABSTRACT)
    common = ["--content", str(tmp_path / "content"), "--config", str(ROOT / "site_config.yml")]
    held: list = []
    assert main(["build", *common, "--out", str(tmp_path / "site")], held) == 0
    assert [type(value) for value in held] == [Collection]
    assert [s.id for s in held[0].studies] == ["ax-1"]
    held = []
    assert main(["check", *common], held) == 0
    assert held == []


def test_serve_lists_no_folder_and_ctrl_c_stops_it_with_exit_0(tmp_path: Path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "ax-1.txt").write_text(ABSTRACT)
    served = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--config", str(ROOT / "site_config.yml"),
                               "--port", "0"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = served.stdout.readline()
        while not line.startswith("serving "):
            line = served.stdout.readline()
        url = line.split(" at ", 1)[1].split(" ", 1)[0]
        assert urllib.request.urlopen(url).status == 200
        with pytest.raises(urllib.error.HTTPError) as listed:
            urllib.request.urlopen(url + "studies/")  # a folder without an index.html
        assert listed.value.code == 404 and b"ax-1" not in listed.value.read()
        served.send_signal(signal.SIGINT)
        assert served.wait(30) == 0
    finally:
        served.kill()
    assert served.stdout.read() == "stopped\n"
    assert served.stderr.read() == ""
