"""``litreview serve``: build, serve the site on localhost, and rebuild when the content changes.

The watcher polls modification times (no extra dependency, works on every file
system); a rebuild goes through the build cache, so only the files that changed
are read and extracted again.
"""

from __future__ import annotations

import functools
import http
import http.server
import threading
import time
from pathlib import Path
from typing import Callable

POLL_S = 1.0


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site's files without a log line per request, and no listing of a folder: one without an
    ``index.html`` is not found."""

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass

    def list_directory(self, path):
        self.send_error(http.HTTPStatus.NOT_FOUND, "File not found")
        return None


def snapshot(paths: list[Path]) -> dict[str, tuple[int, int]]:
    """Modification time and size of every file under ``paths`` (folders are walked)."""
    state = {}
    for root in paths:
        for path in sorted(root.rglob("*")) if root.is_dir() else [root]:
            try:
                stat = path.stat()
            except OSError:
                continue
            if path.is_file():
                state[path.as_posix()] = (stat.st_mtime_ns, stat.st_size)
    return state


def serve(out: Path, port: int, watched: list[Path], rebuild: Callable[[], int],
          stop: threading.Event | None = None, poll_s: float = POLL_S) -> int:
    """Build, then serve ``out`` on 127.0.0.1:``port`` and rebuild whenever a watched file changes, until
    ``stop`` is set or Ctrl+C: either is the way to stop it, and returns 0."""
    try:
        return _serve(out, port, watched, rebuild, stop or threading.Event(), poll_s)
    except KeyboardInterrupt:
        print("stopped", flush=True)
        return 0


def _serve(out: Path, port: int, watched: list[Path], rebuild: Callable[[], int], stop: threading.Event,
           poll_s: float) -> int:
    # Taken before the first build, so a file saved during it or just after is not missed.
    seen = snapshot(watched)
    rebuild()
    handler = functools.partial(QuietHandler, directory=str(out.resolve()))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"serving {out.as_posix()}/ at http://127.0.0.1:{server.server_address[1]}/ "
          f"(rebuilt when {', '.join(p.as_posix() for p in watched)} change; Ctrl+C stops)", flush=True)
    try:
        while not stop.wait(poll_s):
            now = snapshot(watched)
            if now != seen:
                seen = now
                started = time.monotonic()
                code = rebuild()
                print(f"rebuilt in {time.monotonic() - started:.1f} s" if code == 0 else "rebuild failed", flush=True)
    finally:
        server.shutdown()
        server.server_close()
    return 0
