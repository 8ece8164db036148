"""One input's failure is that input's alone: unreadable files and folders, loops of links, names that are not
UTF-8, absurd numbers and huge files each get an error naming them, and the build goes on with the rest."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main

ROOT = Path(__file__).resolve().parents[2]
HUGE = "9" * 5000
ABSTRACT = ("Methods: We treated {n} patients with drug Q 200 mg twice daily in a single-arm phase II trial. "
            "Results: The objective response rate was 25% (12 of {n}).")


def write(content: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(text)


def build(tmp_path: Path, capsys, config: Path = ROOT / "site_config.yml") -> tuple[int, list[str]]:
    capsys.readouterr()
    code = main(["build", "--content", str(tmp_path / "content"), "--out", str(tmp_path / "site"),
                 "--config", str(config)])
    return code, capsys.readouterr().err.splitlines()


def test_loops_of_links_absurd_numbers_and_huge_files_are_errors_naming_them(tmp_path, capsys):
    content = tmp_path / "content"
    write(content, {
        "good.txt": "Good study\n\n" + ABSTRACT.format(n=40),
        "sidecar.txt": "Sidecar study\n\n" + ABSTRACT.format(n=41),
        "sidecar.yml": f"year: {HUGE}\n",
        "front.md": f"---\ntitle: Front study\nyear: {HUGE}\n---\n\n" + ABSTRACT.format(n=42),
        "long-year.md": "---\ntitle: Long year\nyear: 99999999999999999999\n---\n\n" + ABSTRACT.format(n=43),
        "far-year.md": "---\ntitle: Far year\nyear: 99999\n---\n\n" + ABSTRACT.format(n=44),
        "no-date.md": "---\ntitle: No date\nadded: 2020-02-30\n---\n\n" + ABSTRACT.format(n=45),
        "deep.txt": "Deep study\n\n" + ABSTRACT.format(n=47),
        "deep.yml": "title: " + "[" * 5000 + "]" * 5000 + "\n",
    })
    (content / os.fsdecode(b"bad\xffname.txt")).write_text("Bad name\n\n" + ABSTRACT.format(n=46))
    os.symlink("loop-b.txt", content / "loop-a.txt")
    os.symlink("loop-a.txt", content / "loop-b.txt")
    (content / "pages").mkdir()
    for huge in (content / "huge.txt", content / "pages" / "huge.md"):
        with open(huge, "wb") as handle:
            handle.truncate(200 * 1024 * 1024)  # sparse: no disk, and never read whole
    code, err = build(tmp_path, capsys)
    c = content.as_posix()
    assert err == [
        f"{c}/bad\ufffdname.txt: error: its name is not UTF-8 text, which a site cannot show; rename it",
        f"{c}/loop-a.txt: error: cannot be read: Too many levels of symbolic links",
        f"{c}/loop-b.txt: error: cannot be read: Too many levels of symbolic links",
        f"{c}/pages/huge.md: error: file is 209,715,200 bytes; the limit is 5,242,880 bytes; page left out",
        f"{c}/deep.yml:1:57: error: invalid YAML: lists or mappings nested more than 50 deep",
        f"{c}/far-year.md:3: error: front matter 'year' must be a whole number like 2017 (1800-2100), found 99999",
        f"{c}/front.md:3:7: error: invalid YAML in front matter: a whole number of 5,000 characters; at most 18 "
        f"digits are read",
        f"{c}/huge.txt: error: file is 209,715,200 bytes; the limit is 5,242,880 bytes",
        f"{c}/long-year.md:3:7: error: invalid YAML in front matter: a whole number of 20 characters; at most 18 "
        f"digits are read",
        f"{c}/no-date.md:3:8: error: added: expected a date like 2024-05-31, found timestamp '2020-02-30'",
        f"{c}/sidecar.yml:1:7: error: year: expected a whole number like 2017, found int "
        f"'{'9' * 40}... (5,000 characters)'",
    ]
    assert code == 0 and (tmp_path / "site" / "studies" / "good.html").is_file()


def test_a_huge_integer_in_the_config_is_an_error_at_its_place(tmp_path, capsys):
    (tmp_path / "content").mkdir()
    config = tmp_path / "site_config.yml"
    config.write_text(f"title: T\ncomparisons:\n  min_studies: {HUGE}\n")
    code, err = build(tmp_path, capsys, config)
    assert (code, err) == (1, [f"{config.as_posix()}:3:16: error: comparisons.min_studies: expected a whole number "
                               f"of at least 1, found int '{'9' * 40}... (5,000 characters)'"])


def test_unreadable_files_sidecars_and_folders_are_errors_naming_them(tmp_path, unprivileged):
    content = tmp_path / "content"
    write(content, {
        "good.txt": "Good study\n\n" + ABSTRACT.format(n=40),
        "locked.txt": "Locked study\n\n" + ABSTRACT.format(n=41),
        "side.txt": "Side study\n\n" + ABSTRACT.format(n=42),
        "side.yml": "title: Side\n",
        "closed/inside.txt": "Inside study\n\n" + ABSTRACT.format(n=43),
    })
    locked = (content / "locked.txt", content / "side.yml", content / "closed")
    for path in locked:
        path.chmod(0)
    try:
        done = subprocess.run(unprivileged + [
            sys.executable, "-m", "generator", "build", "--content", "content", "--out", "site",
            "--config", str(ROOT / "site_config.yml")], cwd=tmp_path, capture_output=True, text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    finally:
        for path in locked:
            path.chmod(0o755)
    assert done.stderr.splitlines() == [
        "content/closed: error: folder cannot be read: Permission denied",
        "content/locked.txt: error: cannot be read: Permission denied",
        "content/side.yml: error: cannot be read: Permission denied",
    ]
    assert done.returncode == 0 and done.stdout.startswith("1 files read, 2 skipped (2 with errors)")


def test_a_fault_laying_out_one_study_page_costs_that_page_its_key_numbers_alone(tmp_path, capsys, monkeypatch):
    import generator.render.study as study_pages
    write(tmp_path / "content", {"good.txt": "Good study\n\n" + ABSTRACT.format(n=40),
                                 "odd.txt": "Odd study\n\n" + ABSTRACT.format(n=41),
                                 "none.txt": "No numbers\n\nMethods: We treated patients with drug Q in a trial. "
                                             "Results: The response was good."})
    real = study_pages.marked_sections

    def marked_sections(study, numbers):
        if study.title == "Odd study" and numbers:
            raise KeyError("anchor")
        return real(study, numbers)

    monkeypatch.setattr(study_pages, "marked_sections", marked_sections)
    message = (f"{(tmp_path / 'content').as_posix()}/odd.txt: error: the page of study odd could not be laid out "
               f"with its key numbers (KeyError: 'anchor'); it is published without them; please report this with "
               f"the file")
    for _ in range(2):  # and again in the next build, which does not keep the page
        code, err = build(tmp_path, capsys)
        assert (code, err) == (0, [message])
        odd = (tmp_path / "site" / "studies" / "odd.html").read_text()
        good = (tmp_path / "site" / "studies" / "good.html").read_text()
        assert "could not be laid out with its key numbers" in odd and "Odd study" in odd and "<mark" not in odd
        assert "<mark" in good
        assert "No key number was read" in (tmp_path / "site" / "studies" / "none.html").read_text()
    capsys.readouterr()
    assert main(["build", "--strict", "--content", str(tmp_path / "content"), "--out", str(tmp_path / "site"),
                 "--config", str(ROOT / "site_config.yml")]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"error: build failed (--strict): 3 files read, 0 skipped; 3 studies, 6 findings; 1 errors, 0 warnings; "
        f"the site was built in {(tmp_path / 'site').as_posix()}/ all the same")
