"""Text normalisation: typographic punctuation and Unicode look-alikes folded to their
plain forms, for matching and featurising, with spans that still point into the
original text.

Published text writes "haven’t", “quoted”, a dash — like this, "wait…", non-breaking
spaces and zero-width characters; the cue lexicon and the training rows mostly write
the plain forms. `fold(text)` maps each character through one table (`FOLD`):

- apostrophes and single quotes (’ ‘ ‚ ‛ ′ ʼ ‹ ›) become ', double quotes (“ ” „ ‟ ″ « »)
  become ", dashes and minus signs (‐ ‑ ‒ – — ― −) become -, every other space (no-break,
  narrow, thin, ideographic...) a plain space, line and paragraph separators a line
  break, full-width ASCII (Ａ, ！, ＂...) its ASCII letter: one character for one, so
  offsets in the folded text are offsets in the original;
- the ellipsis … becomes "...", ligatures (ﬁ ﬂ...) their letters, ‼ ⁇ ⁈ ⁉ two marks, and
  zero-width and other invisible characters (U+200B, U+200D, U+FEFF, the soft hyphen,
  bidirectional marks) disappear. These change the length: `fold_with_map` then also
  returns where each folded character came from, and `original_span` maps a span back.

Every replacement is ASCII or white space, which the table leaves alone: folding twice
gives what folding once gives. An ASCII text is returned as it is (one O(1) check), so
the fold costs nothing on most input.

`fold_lower` is the word and character n-gram vectorisers' `preprocessor`: pickled
pipelines name it, so it must stay importable as `training.text.normalise.fold_lower`.
"""

from __future__ import annotations

import re

__all__ = ["FOLD", "fold", "fold_lower", "fold_many", "fold_with_map", "original_span", "single_spaced"]


def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    for chars, plain in (
        ("\u2018\u2019\u201a\u201b\u2032\u2035\u02bc\u02bb\u02b9\u2039\u203a\u00b4", "'"),
        ("\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb\u301d\u301e\u301f", '"'),
        ("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63", "-"),
        ("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000", " "),
        ("\u2028\u2029\u0085", "\n"),
        ("\u2024\ufe52", "."),
        ("\ufe50", ","),
        ("\ufe56", "?"),
        ("\ufe57", "!"),
        ("\u2044", "/"),
    ):
        table.update((ord(c), plain) for c in chars)
    table.update((c, chr(c - 0xFEE0)) for c in range(0xFF01, 0xFF5F))  # full-width ASCII
    # Longer or shorter than the character they replace: offsets then need a map.
    table.update(
        {
            0x2026: "...",
            0x2025: "..",
            0x203C: "!!",
            0x2047: "??",
            0x2048: "?!",
            0x2049: "!?",
            0xFB00: "ff",
            0xFB01: "fi",
            0xFB02: "fl",
            0xFB03: "ffi",
            0xFB04: "ffl",
        }
    )
    table.update(
        (ord(c), "")
        for c in "\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e"
        "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    )
    return table


FOLD: dict[int, str] = _table()
# Any character the table folds. Most non-ASCII text (accents, other scripts, emoji) holds
# none: one regex search then answers, where `str.translate` with a dict costs ~15 µs
# for a paragraph.
_FOLDABLE = re.compile("[" + "".join(re.escape(chr(c)) for c in FOLD) + "]")
_FOLDED = {chr(c): s for c, s in FOLD.items()}


def _replace(m: re.Match) -> str:
    return _FOLDED[m.group()]


def fold(text: str) -> str:
    """`text` with typographic punctuation and look-alikes folded (see the module docstring)."""
    return text if text.isascii() else _FOLDABLE.sub(_replace, text)


def fold_lower(text: str) -> str:
    """`fold(text).lower()`: the n-gram vectorisers' preprocessor (it replaces their
    lower-casing, which scikit-learn skips when a preprocessor is given)."""
    return fold(text).lower()


def fold_with_map(text: str) -> tuple[str, list[int] | None]:
    """(the folded text, None) when every offset is unchanged; else (the folded text,
    `origin`), where `origin[i]` is the offset in `text` of the character that folded
    character i came from, and `origin[len(folded)] == len(text)`."""
    if text.isascii():
        return text, None
    hits = [(m.start(), _FOLDED[m.group()]) for m in _FOLDABLE.finditer(text)]
    if not hits:
        return text, None
    parts: list[str] = []
    last = 0
    for at, plain in hits:
        parts += (text[last:at], plain)
        last = at + 1
    parts.append(text[last:])
    folded = "".join(parts)
    if len(folded) == len(text) and all(len(plain) == 1 for _, plain in hits):
        return folded, None
    origin: list[int] = []
    last = 0
    for at, plain in hits:
        origin += range(last, at)
        origin += [at] * len(plain)
        last = at + 1
    origin += range(last, len(text) + 1)
    return folded, origin


def fold_many(texts: list[str]) -> tuple[list[str], list[list[int] | None]]:
    """`fold_with_map` of each text: (folded texts, their origin maps)."""
    if all(map(str.isascii, texts)):  # most batches: nothing to fold
        return list(texts), [None] * len(texts)
    folded, maps = [], []
    for t in texts:
        f, m = fold_with_map(t)
        folded.append(f)
        maps.append(m)
    return folded, maps


# White space that is not one plain space between words: a line break, a tab, or a run.
_LOOSE_SPACE = re.compile(r"[^\S ]\s*| \s+")


def single_spaced(texts: list[str], origins: list[list[int] | None]) -> tuple[list[str], list[list[int] | None]]:
    """The (folded) `texts` with every run of white space made one plain space, as the lexicon
    writes its entries: text wrapped at a line's end or spaced twice ("did not\nhappen",
    "denied  the report") is matched as if spaced once. `origins` (from `fold_many`) are
    carried over, so spans still point into the original text. The n-gram features split on
    any white space and need none of this."""
    joined = "".join(texts)
    if joined.isprintable() and "  " not in joined:  # no line break, tab or double space: most batches
        return texts, origins
    out_texts, out_origins = list(texts), list(origins)
    for i, text in enumerate(texts):
        if text.isprintable() and "  " not in text:  # no line break, tab or double space: most texts
            continue
        base = origins[i] if origins[i] is not None else range(len(text) + 1)
        parts: list[str] = []
        origin: list[int] = []
        pos = 0
        for m in _LOOSE_SPACE.finditer(text):
            parts += (text[pos : m.start()], " ")
            origin += base[pos : m.start()]
            origin.append(base[m.start()])
            pos = m.end()
        parts.append(text[pos:])
        origin += base[pos:]
        out_texts[i], out_origins[i] = "".join(parts), origin
    return out_texts, out_origins


def original_span(origin: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """The span of the original text that folded text[start:end] came from (the whole of
    every character it touches; a deleted character inside the span stays inside)."""
    if origin is None:
        return start, end
    if end <= start:
        return origin[start], origin[start]
    return origin[start], origin[end - 1] + 1
