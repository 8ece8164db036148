"""``litreview serve``: serves the built site and rebuilds when a watched file changes."""

from __future__ import annotations

import os
import socket
import threading
import time
import urllib.request

from generator.serve import serve, snapshot


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_snapshot_sees_a_change_in_size_or_time(tmp_path):
    (tmp_path / "a.txt").write_text("a")
    before = snapshot([tmp_path])
    assert before == snapshot([tmp_path])
    (tmp_path / "a.txt").write_text("ab")
    assert snapshot([tmp_path]) != before
    assert snapshot([tmp_path / "missing.yml"]) == {}


def test_serves_and_rebuilds_on_change(tmp_path):
    content, out = tmp_path / "content", tmp_path / "site"
    content.mkdir()
    (content / "a.txt").write_text("one")
    builds = []

    def rebuild() -> int:
        out.mkdir(exist_ok=True)
        (out / "index.html").write_text((content / "a.txt").read_text())
        builds.append(time.monotonic())
        return 0

    stop, port = threading.Event(), free_port()
    thread = threading.Thread(target=serve, args=(out, port, [content], rebuild, stop, 0.05), daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}/index.html"
    for _ in range(100):
        try:
            assert urllib.request.urlopen(url).read() == b"one"
            break
        except OSError:
            time.sleep(0.05)
    # Written beside, dated, then renamed in: one change for the watcher to see, not two.
    (tmp_path / "a.txt").write_text("two!")
    os.utime(tmp_path / "a.txt", ns=(1, 1))
    os.replace(tmp_path / "a.txt", content / "a.txt")
    for _ in range(100):
        if len(builds) == 2:
            break
        time.sleep(0.05)
    assert urllib.request.urlopen(url).read() == b"two!"
    stop.set()
    thread.join(timeout=5)
    assert len(builds) == 2 and not thread.is_alive()
