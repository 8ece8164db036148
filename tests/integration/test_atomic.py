"""Nothing half-built: a failed build keeps the previous site byte for byte, a killed one leaves no partial site."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.cli import main

ROOT = Path(__file__).resolve().parents[2]
BUILD_PREFIX = ".litreview-build-"
ABSTRACT = ("Methods: We enrolled {n} adults with advanced {c} cancer and gave agent {k} 10 mg daily. "
            "Results: The objective response rate was {r}% ({x} of {n}). Median overall survival was {m} months "
            "(95% CI, 8.1 to 19.0). Grade 3 toxicity occurred in {t}%. Conclusions: Agent {k} is active.")


def write_corpus(folder: Path, count: int) -> None:
    """``count`` made-up abstracts, each a different study."""
    folder.mkdir(parents=True)
    for i in range(count):
        text = ABSTRACT.format(n=20 + i, c=("lung", "kidney", "skin")[i % 3], k=f"AX-{i}", r=10 + i % 50,
                               x=2 + i % 9, m=6 + i % 12, t=5 + i % 20)
        (folder / f"study-{i:03}.txt").write_text(f"Agent AX-{i} in advanced cancer: trial {i}\n\n{text}\n")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build(content: Path, out: Path, *extra: str) -> int:
    return main(["build", "--content", str(content), "--out", str(out), "--config", str(ROOT / "site_config.yml"),
                 *extra])


def test_failed_strict_build_leaves_previous_site(tmp_path: Path, capsys):
    content, out = tmp_path / "content", tmp_path / "site"
    write_corpus(content, 3)
    assert build(content, out) == 0
    before = snapshot(out)
    (content / "broken.txt").write_bytes(b"")
    (content / "study-000.yml").write_text("titel: typo\n")
    assert build(content, out, "--strict") == 1
    err = capsys.readouterr().err.splitlines()
    assert err[:2] == [f"{content.as_posix()}/broken.txt: error: file is empty",
                       f"{content.as_posix()}/study-000.yml:1:1: error: unknown field 'titel'; did you mean 'title'?"]
    assert snapshot(out) == before
    assert not list(tmp_path.glob(f"{BUILD_PREFIX}*"))


def test_failed_config_leaves_previous_site(tmp_path: Path, capsys):
    content, out, config = tmp_path / "content", tmp_path / "site", tmp_path / "site_config.yml"
    write_corpus(content, 2)
    assert build(content, out) == 0
    before = snapshot(out)
    config.write_text("title: [unclosed\n")
    assert main(["build", "--content", str(content), "--out", str(out), "--config", str(config)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{config.as_posix()}:2:1: error: invalid YAML: expected ',' or ']', but got '<stream end>'"]
    assert snapshot(out) == before


def test_killed_build_leaves_no_partial_site(tmp_path: Path):
    content, out = tmp_path / "content", tmp_path / "site"
    write_corpus(content, 50)
    command = [sys.executable, "-m", "generator", "build", "--content", str(content), "--out", str(out),
               "--config", str(ROOT / "site_config.yml")]
    assert subprocess.run(command, capture_output=True, check=False, cwd=tmp_path).returncode == 0
    before = snapshot(out)
    (content / "study-000.txt").write_text("Agent AX-0 changed\n\n" + ABSTRACT.format(
        n=99, c="lung", k="AX-0", r=40, x=9, m=9, t=9) + "\n")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp_path)
    deadline = time.monotonic() + 60
    # Kill it once the new site is being written beside the old one: the moment a half-built site could leak.
    while not list(tmp_path.glob(f"{BUILD_PREFIX}*/site/studies")) and process.poll() is None:
        if time.monotonic() > deadline:
            pytest.fail("the build never started writing")
        time.sleep(0.002)
    process.send_signal(signal.SIGKILL)
    process.wait()
    if process.returncode != -signal.SIGKILL:
        pytest.skip("the build finished before it could be killed")
    assert snapshot(out) == before
    assert not any(BUILD_PREFIX in p.name for p in out.rglob("*"))
    leftovers = list(tmp_path.glob(f"{BUILD_PREFIX}*"))
    assert leftovers, "a killed build leaves its work folder beside the site, never inside it"
    assert subprocess.run(command, capture_output=True, check=False, cwd=tmp_path).returncode == 0
    # The killed build's folder is gone; the one left holds the site this build replaced, for the next to delete.
    [left] = tmp_path.glob(f"{BUILD_PREFIX}*")
    assert left not in leftovers and snapshot(left / "previous") == before
    assert snapshot(out) != before
    assert "Agent AX-0 changed" in (out / "studies" / "study-000.html").read_text(encoding="utf-8")
    assert os.listdir(out)


def test_the_replaced_site_is_kept_beside_until_the_next_build_deletes_it(tmp_path: Path):
    content, out = tmp_path / "content", tmp_path / "site"
    write_corpus(content, 2)
    sites, folders = [], []
    for build_number in range(3):
        (content / "study-000.txt").write_text(f"Agent AX-{build_number}\n\n" + ABSTRACT.format(
            n=10 + build_number, c="lung", k="AX", r=40, x=9, m=9, t=9) + "\n")
        assert build(content, out) == 0
        sites.append(snapshot(out))
        folders += [p.name for p in tmp_path.glob(f"{BUILD_PREFIX}*")]
        assert len(folders) == build_number + 1, "one folder beside the site, each build's own"
    assert len(set(folders)) == 3
    assert snapshot(tmp_path / folders[-1] / "previous") == sites[1] != sites[2]


def test_a_site_moved_aside_by_a_build_killed_while_swapping_is_put_back_even_by_a_failed_build(tmp_path: Path):
    """Where the system cannot exchange two folders in one step, the site is swapped by two renames: a build
    killed between them leaves no site at ``out`` and the previous one in its folder. The next build puts it
    back before anything else, even one that then fails, and deletes nothing that holds the only copy."""
    content, out = tmp_path / "content", tmp_path / "site"
    write_corpus(content, 2)
    assert build(content, out) == 0
    before = snapshot(out)
    killed = tmp_path / f"{BUILD_PREFIX}site-killed"
    (killed / "site").mkdir(parents=True)  # the new site, as far as it got
    out.rename(killed / "previous")
    (content / "study-000.yml").write_text("titel: typo\n")
    assert build(content, out, "--strict") == 1
    assert snapshot(out) == before
    assert not killed.exists()


def test_the_new_site_is_exchanged_with_the_old_in_one_step(tmp_path: Path, monkeypatch):
    """At no instant is there no site at ``out``: where the system can, ``out`` itself is never renamed."""
    from generator import site as site_module

    content, out = tmp_path / "content", tmp_path / "site"
    write_corpus(content, 2)
    assert build(content, out) == 0
    renames = []
    rename = Path.rename
    monkeypatch.setattr(Path, "rename", lambda self, target: renames.append((self.name, Path(target).name))
                        or rename(self, target))
    (content / "study-000.txt").write_text("Agent AX-0 changed\n\n" + ABSTRACT.format(
        n=99, c="lung", k="AX-0", r=40, x=9, m=9, t=9) + "\n")
    assert build(content, out) == 0
    assert renames == [("site", "previous")]  # out itself was never renamed: exchanged with the new site
    assert "Agent AX-0 changed" in (out / "studies" / "study-000.html").read_text(encoding="utf-8")
    monkeypatch.setattr(site_module, "_exchange", lambda a, b: False)
    renames.clear()
    assert build(content, out) == 0
    assert renames == [("site", "previous"), ("site", "site")]  # out aside, then the new site in


@pytest.mark.parametrize("swapped", [False, True], ids=["before the swap", "after the swap"])
def test_ctrl_c_says_whether_the_new_site_is_in_place(tmp_path: Path, monkeypatch, capsys, swapped):
    """Interrupted before its site is swapped in, a build leaves the previous one and says so (exit 1); once the
    new site is in place, only its tidying is left: the build says the site is complete (exit 0)."""
    from generator import site as site_module

    content, out = tmp_path / "content", tmp_path / "site"
    write_corpus(content, 2)
    assert build(content, out) == 0
    before = snapshot(out)
    (content / "study-000.txt").write_text("Agent AX-0 changed\n\n" + ABSTRACT.format(
        n=99, c="lung", k="AX-0", r=40, x=9, m=9, t=9) + "\n")
    swap_in = site_module.swap_in

    def interrupted(*args):
        if swapped:
            swap_in(*args)
        raise KeyboardInterrupt

    monkeypatch.setattr(site_module, "swap_in", interrupted)
    capsys.readouterr()
    code = build(content, out)
    err = capsys.readouterr().err
    if swapped:
        assert (code, err) == (0, f"interrupted once the new site was in place: {out.as_posix()}/ is complete\n")
        assert "Agent AX-0 changed" in (out / "studies" / "study-000.html").read_text(encoding="utf-8")
    else:
        assert (code, err) == (1, "interrupted\n")
        assert snapshot(out) == before
