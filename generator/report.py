"""``litreview check``: a per-study report of what was read and what is missing.

Stub: to be written (issue #3).
"""

from __future__ import annotations

from generator.model import Study


def check_report(studies: tuple[Study, ...]) -> str:
    """The report ``litreview check`` prints: one block per study."""
    return "\n".join(f"{s.source}: {s.id}: {s.extraction.design}, N={s.extraction.n_total}, "
                     f"{len(s.extraction.findings)} findings" for s in studies)
