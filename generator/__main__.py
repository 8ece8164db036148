"""``python -m generator`` and the ``litreview`` command: ``cli.run``, loaded so that Ctrl+C while the
program is still loading (a third of a second) ends it as it ends a build, with "interrupted" and no
traceback."""

import sys


def launch() -> None:
    try:
        from generator.cli import run
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(1)
    run()


if __name__ == "__main__":
    launch()
