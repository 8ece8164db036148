"""When each content file was added: from the content folder's git history, in one ``git log`` call,
else as the build that first saw it recorded it.

A sidecar's ``added:`` date comes first. No git, or a folder outside a work tree, gives
no dates from history and no error: a file is then dated by its modification date (UTC)
when a build first sees it, and that date is recorded in the site (``RECORD``), so later
builds date it the same even if the file is touched. Dates never come from the clock, so
a rebuild gives the same bytes.
"""

from __future__ import annotations

import json
import os
import subprocess
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Mapping

COMMIT_MARK = "\x00"
# In the built site: each content file's date of addition, for the next build (``recorded_dates``).
RECORD = "data/added.json"


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


def recorded_dates(site: Path) -> dict[str, str]:
    """``{content path: YYYY-MM-DD}`` as the build of ``site`` recorded them (``RECORD``); none if it has none."""
    try:
        found = json.loads((site / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(found, dict):
        return {}
    return {rel: date for rel, date in found.items() if isinstance(rel, str) and isinstance(date, str)}


def modified_date(content: Path, rel: str) -> str | None:
    """The day (UTC) a content file was last modified, or None if it cannot be read."""
    try:
        return datetime.fromtimestamp(os.stat(content / rel).st_mtime, timezone.utc).strftime("%Y-%m-%d")
    except (OSError, ValueError, OverflowError):
        return None


def dates_of_addition(content: Path, sources: Iterable[str], recorded: Mapping[str, str]) -> dict[str, str]:
    """Each of these content files' date of addition: from git history, else as ``recorded``, else its
    modification date (none for a file that cannot be read)."""
    history = added_dates(content)
    dates = {rel: history.get(rel) or recorded.get(rel) or modified_date(content, rel) for rel in sources}
    return {rel: date for rel, date in dates.items() if date}
