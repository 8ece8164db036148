"""What the integration tests share."""

from __future__ import annotations

import os
import shutil

import pytest


@pytest.fixture
def unprivileged() -> list[str]:
    """A prefix to run a command without the powers that let root read and write any file (none where not root);
    skips where they cannot be dropped."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("root, and no setpriv to drop the power to read and write any file")
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--inh-caps", "-all", "--"]
