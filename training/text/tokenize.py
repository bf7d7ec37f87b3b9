"""Tokens of a whole batch of texts at once, as a regular expression of word characters
would find them, with the row each token came from.

CPython's `re` spends ~40 ns a character; for ASCII texts, `bytes.translate` (every
character that cannot be in a token becomes a space) and `bytes.split` find the same
tokens about five times faster. Other texts go through the regular expression itself.
ASCII tokens come back as `bytes`, the others as `str`: look-up tables keep both keys.
"""

from __future__ import annotations

import re
import string
from itertools import repeat

import numpy as np

__all__ = ["SEPARATOR", "TOKEN_PATTERN", "WORD_TOKEN", "WORD_TOKEN_MARKS", "RowTokens", "ascii_table", "batch_tokens"]

# The model's word tokens, defined once: runs of two or more word characters, and "?" and
# "!" alone. The word n-gram features (scikit-learn's `token_pattern`), their fast path
# (model/ngrams.py) and the explanation spans (predict/spans.py, and the compiled twin in
# predict/_spans.pyx, which tests hold to it) all use it.
TOKEN_PATTERN = r"(?u)\b\w\w+\b|\?|!"
# The same tokens without the boundary checks: scanning left to right, a greedy \w\w+ can
# only start and end where a word does.
WORD_TOKEN = re.compile(r"\w\w+|[?!]")
WORD_TOKEN_MARKS = b"?!"  # the non-word characters that are tokens (for `ascii_table`)

SEPARATOR = b"\x00"  # the token between two texts in the fast path; look-ups must map it to `separator`
_WORD = (string.ascii_letters + string.digits + "_").encode()


def ascii_table(token_chars: bytes) -> bytes:
    """A `bytes.translate` table keeping word characters, `token_chars` and the separator,
    and turning every other byte into a space."""
    keep = set(_WORD) | set(token_chars) | set(SEPARATOR)
    return bytes(b if b in keep else 32 for b in range(256))


class RowTokens:
    """`tokens` in batch order, `ids[i]` what the look-up table gave for each, `rows[i]`
    the text each came from, and with `positions`, `starts[i]`, where it starts in that
    text. Separator tokens may sit between texts: they are not tokens (`is_token`)."""

    __slots__ = ("tokens", "ids", "rows", "is_token", "starts")

    def __init__(
        self, tokens: list, ids: np.ndarray, rows: np.ndarray, is_token: np.ndarray, starts: np.ndarray | None
    ):
        self.tokens, self.ids, self.rows, self.is_token, self.starts = tokens, ids, rows, is_token, starts


def batch_tokens(
    texts: list[str],
    regex: re.Pattern,
    table: bytes | None,
    lookup: dict,
    *,
    missing: int = -1,
    separator: int = -2,
    spaced: bytes = b"",
    positions: bool = False,
) -> RowTokens:
    """The tokens `regex.findall` finds in each of `texts`, for the whole batch, and
    `lookup.get(token, missing)` for each (one pass in C: no Python loop per token).

    `table` (from `ascii_table`) must keep exactly the characters `regex` puts in tokens
    (None: no fast path, every text goes through `regex`);
    `lookup` must map `SEPARATOR` to `separator`, a value no token gets; each character of
    `spaced` is a token of its own (the regex's `[?!]` alternatives). `positions` (not with
    `spaced`) also gives where each token starts in its text."""
    if positions and spaced:
        raise ValueError("batch_tokens: positions cannot be found when characters are spaced out")
    fast = [] if table is None else [i for i, t in enumerate(texts) if t.isascii() and "\x00" not in t]
    parts = []  # per path: (tokens, ids, rows, is_token, starts or None)
    if fast:
        parts.append(_ascii_tokens(texts, fast, table, lookup.get, missing, separator, spaced, positions))
    if len(fast) < len(texts):
        is_fast = set(fast)
        slow = [i for i in range(len(texts)) if i not in is_fast]
        parts.append(_regex_tokens(texts, slow, regex, lookup.get, missing, positions))
    if not parts:  # no texts
        none = np.zeros(0, dtype=np.int64)
        return RowTokens([], none, none, np.zeros(0, dtype=bool), none if positions else None)
    if len(parts) == 1:
        return RowTokens(*parts[0])
    tokens, ids, rows, masks, starts = zip(*parts, strict=True)
    return RowTokens(
        tokens[0] + tokens[1],
        np.concatenate(ids),
        np.concatenate(rows),
        np.concatenate(masks),
        np.concatenate(starts) if positions else None,
    )


def _ascii_tokens(
    texts: list[str], fast: list[int], table: bytes, get, missing: int, separator: int, spaced: bytes, positions: bool
) -> tuple:
    """`batch_tokens`' fast path over the ASCII texts `fast`, joined by separators: one
    `bytes.translate` and one `bytes.split` for all of them."""
    data = b" \x00 ".join(texts[i].encode("ascii") for i in fast)
    for ch in spaced:
        data = data.replace(bytes([ch]), b" %c " % ch)
    kept = data.translate(table)
    toks = kept.split()
    found = np.fromiter(map(get, toks, repeat(missing)), dtype=np.int64, count=len(toks))
    is_sep = found == separator
    row_in_fast = np.cumsum(is_sep)
    starts = None
    if positions:
        # A token starts where a kept byte follows a space (or opens the data).
        is_kept = np.frombuffer(kept, dtype=np.uint8) != 32
        begins = np.flatnonzero(is_kept & np.concatenate(([True], ~is_kept[:-1])))
        text_start = np.zeros(len(fast), dtype=np.int64)  # where each text starts in `data`
        np.cumsum([len(texts[i]) + 3 for i in fast[:-1]], out=text_start[1:])
        starts = begins - text_start[row_in_fast]
    return toks, found, np.asarray(fast, dtype=np.int64)[row_in_fast], ~is_sep, starts


def _regex_tokens(texts: list[str], slow: list[int], regex: re.Pattern, get, missing: int, positions: bool) -> tuple:
    """`batch_tokens`' other path: the texts `slow` through `regex` itself."""
    starts = None
    if positions:
        matched = [[(m.group(), m.start()) for m in regex.finditer(texts[i])] for i in slow]
        toks = [t for ts in matched for t, _ in ts]
        starts = np.asarray([p for ts in matched for _, p in ts], dtype=np.int64)
    else:
        matched = [regex.findall(texts[i]) for i in slow]
        toks = [t for ts in matched for t in ts]
    ids = np.fromiter(map(get, toks, repeat(missing)), dtype=np.int64, count=len(toks))
    rows = np.repeat(np.asarray(slow, dtype=np.int64), [len(ts) for ts in matched])
    return toks, ids, rows, np.ones(len(toks), dtype=bool), starts
