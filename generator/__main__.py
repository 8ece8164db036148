"""``python -m generator`` and the ``litreview`` command: ``cli.run``.

Ctrl+C and SIGTERM are held back while the program loads (a third of a second) and let through once
``cli.main`` is ready for them, where they end the program as they end a build: "interrupted", exit
code 1. Let through as it loads, one lands anywhere: in a class being made, an import's clean-up (the
build then went on), code that ``exec`` ran (Python 3.11 then ends the process by SIGINT however the
exception was caught), or a C extension half set up (a crash)."""

import signal

if hasattr(signal, "pthread_sigmask"):
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})


def launch() -> None:
    from generator.cli import run
    run()


if __name__ == "__main__":
    launch()
