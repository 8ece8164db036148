"""Extraction quality: ``litreview eval --exhaustive`` over gold files and their content.

usage: python benchmarks/extraction_eval.py [GOLD.yml CONTENT_DIR ...] [--corpus DIR ...]

Without pairs, scores the seeds (tests/gold/seeds.yml over content/) and the annotated set
(tests/annotated/gold.yml over tests/annotated/content/). ``--corpus DIR`` adds a corpus in
the shape of ../shared/corpus/pages-33 (DIR/gold_scored.yml over DIR/raw/). For each, prints
the breakdown ``litreview eval --exhaustive`` prints: fields, required findings fully right,
with an attribute wrong, under another kind or not found, the share of the fully right shown
as certain, and value precision of what is shown as certain. The figures go into
benchmarks/RESULTS.md with each change that moves them.
"""

from __future__ import annotations

import argparse
import contextlib
import io
from pathlib import Path

from generator.cli import main as litreview

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SETS = ((ROOT / "tests" / "gold" / "seeds.yml", ROOT / "content"),
                (ROOT / "tests" / "annotated" / "gold.yml", ROOT / "tests" / "annotated" / "content"))


def score(gold: Path, content: Path) -> str:
    """What ``litreview eval GOLD --content CONTENT --exhaustive`` prints (the review's site_config.yml)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        litreview(["eval", str(gold), "--content", str(content), "--exhaustive",
                   "--config", str(ROOT / "site_config.yml")])
    return out.getvalue().rstrip("\n")


def shown(path: Path) -> str:
    """A path as the report names it: relative to the repository when inside it."""
    path = path.resolve()
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.as_posix()


def main() -> None:
    """Score each set and print its breakdown under its name."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", nargs="*", type=Path, metavar="GOLD.yml CONTENT_DIR")
    parser.add_argument("--corpus", type=Path, action="append", default=[],
                        help="a corpus folder holding gold_scored.yml and raw/")
    args = parser.parse_args()
    if len(args.pairs) % 2:
        parser.error("give each gold file with its content folder")
    sets = list(zip(args.pairs[::2], args.pairs[1::2])) or list(DEFAULT_SETS)
    sets += [(corpus / "gold_scored.yml", corpus / "raw") for corpus in args.corpus]
    for gold, content in sets:
        print(f"## {shown(gold)} over {shown(content)}/\n{score(gold, content)}\n")


if __name__ == "__main__":
    main()
