"""Extraction speed on one core: abstracts per second over the seeds and the annotated set.

usage: python benchmarks/extract_speed.py [--repeat N]

Reads every abstract once (readers and sections are not timed), then times
``extract_study`` alone over N passes and prints abstracts/second. Target: >= 500/s.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from generator.config import SiteConfig
from generator.extract.study import extract_study
from generator.parsing import build_sections
from generator.pipeline import content_files, read_study_records
from generator.prose import is_prose

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = (ROOT / "content", ROOT / "tests" / "annotated" / "content")


def load() -> list:
    """Every (record, sections) pair of the benchmark folders."""
    items = []
    for folder in FOLDERS:
        for rel in content_files(folder)[0]:
            if rel.lower().endswith((".yml", ".yaml")) or is_prose(rel):
                continue
            records, _ = read_study_records(folder, folder / rel)
            for record in records:
                items.append((record, build_sections(record.blocks)))
    return items


def main() -> None:
    """Run the benchmark and print the rate."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    items = load()
    config = SiteConfig()
    extract_study(*items[0], config)  # compile patterns outside the timing
    begin = time.perf_counter()
    for _ in range(args.repeat):
        for record, sections in items:
            extract_study(record, sections, config)
    elapsed = time.perf_counter() - begin
    count = args.repeat * len(items)
    chars = sum(len(s.text) for _, sections in items for s in sections) * args.repeat
    print(f"{count} abstracts in {elapsed:.2f}s: {count / elapsed:.0f} abstracts/s, "
          f"{chars / elapsed / 1e6:.2f} MB/s (target >= 500 abstracts/s)")


if __name__ == "__main__":
    main()
