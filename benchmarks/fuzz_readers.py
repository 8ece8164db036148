"""Coverage-guided fuzzing of the read stage (atheris), run as a job, not in every CI run.

Any bytes, under any file name extension, must either give records (and a message
for each record that could not be read) or an ``InputError``; anything else (an
uncaught exception, a hang) is a bug. (The build turns such a bug into a message
naming the file; this finds it.)

    pip install atheris
    python benchmarks/fuzz_readers.py -max_total_time=300 [corpus_dir]
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from generator.diagnostics import InputError
    from generator.model import SourceText
    from generator.pipeline import build_study
    from generator.config import SiteConfig
    from generator.readers import READERS, decode, read_records

SUFFIXES = sorted(READERS)
CONFIG = SiteConfig()


def test_one_input(data: bytes) -> None:
    """Read (and build a study from) one fuzzed file."""
    if not data:
        return
    path = "fuzz" + SUFFIXES[data[0] % len(SUFFIXES)]
    try:
        records, _ = read_records(SourceText(path, decode(path, data[1:])))
    except InputError:
        return
    for index, record in enumerate(records):
        build_study(record, f"fuzz-{index}", CONFIG, {})


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
