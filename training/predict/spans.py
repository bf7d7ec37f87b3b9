"""Where a feature occurs in a sentence, in offsets of the submitted text: the spans an
explanation shows for each feature (each feature family's `find` asks a `SpanFinder`).

Word n-grams are found with the compiled kernel (`_spans.pyx`) in ASCII sentences where the
install built it (see compiled.py); elsewhere, or without it, by tokenising the sentence
with the regular expression, its plain-Python twin.
"""

from __future__ import annotations

from training.predict.compiled import kernel
from training.text.cues import find_cues
from training.text.normalise import fold_with_map, original_span
from training.text.sentences import Sentence
from training.text.tokenize import WORD_TOKEN

__all__ = ["SpanFinder"]

_AsciiTokens = kernel("_spans", "AsciiTokens")


class SpanFinder:
    """Where features occur in one sentence, in offsets of the submitted text. Tokens and
    cues are found once per sentence, not once per feature."""

    def __init__(self, s: Sentence, cues: list | None = None):
        self.s = s
        self.cues = find_cues(s.text, offset=s.start) if cues is None else cues
        self._where: dict[str, list[int]] | None = None  # token -> its places in the sentence
        # Word and char n-grams are searched in the folded, lower-cased sentence (what the
        # model read); `_origin` maps its offsets back when folding changed the length.
        folded, self._origin = fold_with_map(s.text)
        low = folded.lower()
        self._low = low if len(low) == len(folded) else folded
        self._ascii = self._low.isascii()
        self._tokens = None  # _AsciiTokens of _low, when a word feature is looked for

    def word_spans(self, needle: tuple[str, ...]) -> list[list[int]]:
        """Spans of a word n-gram (its tokens), in the submitted text's offsets."""
        s = self.s
        if self._ascii and _AsciiTokens is not None:  # tokens found once, compared in place (_spans.pyx)
            if self._tokens is None:
                self._tokens = _AsciiTokens(self._low)
            return self._mapped(self._tokens.find(needle, s.start))
        if self._where is None:
            self._tokenise()
        at = self._where.get(needle[0])
        if not at:
            return []
        b, bounds, n = s.start, self._bounds, len(needle)
        if n == 1:
            return self._mapped([[b + bounds[i][0], b + bounds[i][1]] for i in at])
        words = self._words
        return self._mapped([[b + bounds[i][0], b + bounds[i + n - 1][1]] for i in at if words[i : i + n] == needle])

    def char_spans(self, needle: str) -> list[list[int]]:
        """Spans of a character n-gram (without its padding spaces)."""
        low, start = self._low, self.s.start
        out, pos = [], (low.find(needle) if needle else -1)
        while pos >= 0:
            out.append([start + pos, start + pos + len(needle)])
            pos = low.find(needle, pos + 1)
        return self._mapped(out)

    def _mapped(self, found: list[list[int]]) -> list[list[int]]:
        """Spans found in the folded sentence, moved into the original text."""
        if self._origin is None:
            return found
        b = self.s.start
        return [[b + x, b + y] for x, y in (original_span(self._origin, a - b, e - b) for a, e in found)]

    def _tokenise(self) -> None:
        found = list(WORD_TOKEN.finditer(self._low))
        self._bounds = [m.span() for m in found]
        self._words = tuple(m.group().lower() for m in found)
        self._where = where = {}
        for i, w in enumerate(self._words):
            if w in where:
                where[w].append(i)
            else:
                where[w] = [i]
