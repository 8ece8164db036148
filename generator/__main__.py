"""``python -m generator``: the same as the ``litreview`` command."""

from generator.cli import run

run()
