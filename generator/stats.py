"""Small statistics for the comparison pages: the Wilson score interval of a proportion.

Used only to show the uncertainty of a single study's proportion when its abstract
gives the denominator but no interval; studies are never pooled.
"""

from __future__ import annotations

import math

# The 97.5th percentile of the standard normal, for a two-sided 95% interval.
Z_95 = 1.959963984540054


def wilson_interval(successes: int, total: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval of ``successes / total`` as proportions in [0, 1]."""
    if total <= 0:
        raise ValueError(f"total must be positive, got {total}")
    if not 0 <= successes <= total:
        raise ValueError(f"successes must be between 0 and {total}, got {successes}")
    share = successes / total
    z2 = z * z
    denominator = 1 + z2 / total
    centre = (share + z2 / (2 * total)) / denominator
    half = z * math.sqrt(share * (1 - share) / total + z2 / (4 * total * total)) / denominator
    # At 0 and n the exact bounds are 0 and 1; floating point lands a hair inside them.
    low = 0.0 if successes == 0 else centre - half
    high = 1.0 if successes == total else centre + half
    return low, high


def wilson_percent(successes: int, total: int, digits: int = 1) -> tuple[float, float]:
    """The Wilson 95% interval in percent, rounded to ``digits`` decimals."""
    low, high = wilson_interval(successes, total)
    return round(100 * low, digits), round(100 * high, digits)
