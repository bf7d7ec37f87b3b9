"""The Wilson score interval of a share: the corpus report's intervals, so a share from 5
sentences and one from 5,000 are told apart (Wilson, 1927; it stays inside 0-1 and keeps
its coverage near 95% for small counts and extreme shares, where the normal interval fails)."""

from __future__ import annotations

import math

__all__ = ["Z", "wilson", "wilson_low"]

Z = 1.959963984540054  # two-sided 95%


def wilson(k: int, n: int, z: float = Z) -> tuple[float, float]:
    """The Wilson score interval of the share k/n (0 to 1 when n is 0)."""
    if n <= 0:
        return 0.0, 1.0
    p = k / n
    d = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / d
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return (0.0 if k <= 0 else centre - half), (1.0 if k >= n else centre + half)  # exact ends, no rounding dust


def wilson_low(k, n, z: float = Z):
    """`wilson(k, n)[0]` over numpy arrays."""
    import numpy as np

    n = np.maximum(n, 1).astype(float)
    p = k / n
    d = 1 + z * z / n
    low = ((p + z * z / (2 * n)) - z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))) / d
    return np.where(k <= 0, 0.0, low)
