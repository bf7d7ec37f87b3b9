"""Bounds on the what-if part of a full explanation (`explain="full"`).

For each cue of a sentence, a full explanation scores the sentence again without that cue
and returns the reduced sentence with its probabilities. That is one model call over the
whole sentence per cue, and each answer repeats the sentence: on a sentence of one cue word
repeated, work and answer grow with the square of its length (100,000 characters kept a
worker busy for 200 s at 2.8 GB). `WhatIfLimits` bounds it per sentence (what-ifs) and per
request (characters scored again); cues past a limit get `without: null`. `cancelled`, when
given, is asked before each what-if, so a caller can stop the work (the service does when
its client has gone).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Cancelled", "WhatIfBudget", "WhatIfLimits"]


class Cancelled(Exception):
    """The caller asked to stop (its client went away); nothing is wrong with the input."""


@dataclass(frozen=True)
class WhatIfLimits:
    per_sentence: int = 10  # what-ifs computed for one sentence (its first cues)
    chars: int = 100_000  # characters scored again for one request, all sentences together

    def __post_init__(self):
        for name, value in (("per_sentence", self.per_sentence), ("chars", self.chars)):
            if not isinstance(value, int) or value < 0:
                raise ValueError(f"WhatIfLimits.{name} must be an integer of at least 0, got {value!r}")


class WhatIfBudget:
    """What is left of the limits while one request is explained."""

    def __init__(self, limits: WhatIfLimits | None = None, cancelled: Callable[[], bool] | None = None):
        self.limits = limits or WhatIfLimits()
        self.chars_left = self.limits.chars
        self.cancelled = cancelled
        self._in_sentence = 0

    def start_sentence(self) -> None:
        self._in_sentence = 0

    def take(self, chars: int) -> bool:
        """Whether a what-if over `chars` characters fits what is left (and count it if so).
        Raises Cancelled when the caller has asked to stop."""
        if self.cancelled is not None and self.cancelled():
            raise Cancelled("the caller stopped the explanation")
        if self._in_sentence >= self.limits.per_sentence or chars > self.chars_left:
            return False
        self._in_sentence += 1
        self.chars_left -= chars
        return True
