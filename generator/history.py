"""When each content file was added: from the content folder's git history, in one ``git log`` call.

No git, or a folder outside a work tree, gives no dates and no error: a sidecar's
``added:`` date is the other source. Dates come from commits, never from the
clock, so a rebuild gives the same bytes.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

COMMIT_MARK = "\x00"


def added_dates(content: Path) -> dict[str, str]:
    """``{path relative to content: YYYY-MM-DD}`` of the commit that first added each file."""
    try:
        done = subprocess.run(
            ["git", "-C", str(content), "-c", "core.quotePath=false", "log", "--diff-filter=A", "--relative",
             "--name-only", "--format=%x00%cs", "--", "."],
            capture_output=True, text=True, encoding="utf-8", timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return {}
    if done.returncode != 0:
        return {}
    dates: dict[str, str] = {}
    date = ""
    for line in done.stdout.splitlines():
        if line.startswith(COMMIT_MARK):
            date = line[1:]
        elif line:
            dates[line] = date  # newest first, so the last one seen is when the file was added
    return dates
