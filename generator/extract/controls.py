"""The words that name a control arm, shared by the arm rules and the forest plots (which orient a ratio by
its comparator): a module of its own, so a build that reads no file does not load the arm rules for them."""

from __future__ import annotations

import re

CONTROL_NAME_RE = re.compile(r"placebo|observation|control|standard|usual\scare|supportive\scare|surgery\salone",
                             re.IGNORECASE)
