"""What a quotation is, and the cue matches a title's words make.

A quotation is a title or a name (“Coronation Street”), a term of one to three words (a
coinage or a scare quote), or quoted speech: `quote_type` tells them apart by their words
as written (a title by its capitals). The speech-act features count each type
(model/speechacts.py).

The words of a title or a slogan are a name, not anyone's stance: the book “The Mysterious
William Shakespeare” insinuates nothing, the report “Who Is Watching?” asks nothing, and the
banner “No Farmers, No Food” denies nothing. `title_spans` finds such quotations, and
`cue_scan.scan_cues` drops the cue matches inside them, so that no feature counts them. Quoted
speech in a headline is capitalised like a title (`"Never Happened," Says Brisenne`): the comma
or full stop it ends with inside the marks tells it apart, and its cues stay.
"""

from __future__ import annotations

import re

import numpy as np

from training.text.lexicon import KIND_COLUMN

__all__ = ["QUOTE_TYPES", "quote_type", "title_spans"]

QUOTE_TYPES = ("quoted_title", "quoted_term", "quoted_speech")
_WORD = re.compile(r"[^\W_][\w'-]*")
_MINOR = frozenset("a an the of and in on at to for by with or from de la le du von van".split())
# Quote marks, then what ends quoted speech inside them (`“Not a Cent,”`).
_MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb "
_SPEECH_END = (",", ".")
_QUOTE = KIND_COLUMN["direct_quote"]
_SPEECH_VERB = KIND_COLUMN["attribution_verb"]
_SPEECH_GAP = 3  # characters between a speech verb and the quote it introduces (`said "`, `says: “`)


def quote_type(quoted: str) -> str | None:
    """What a quotation (its text as written, marks included) is: one of `QUOTE_TYPES`,
    or None when it holds no word."""
    if quoted.count(" ") > 10:  # too long for a title or a term
        return "quoted_speech"
    words = _WORD.findall(quoted)
    n = len(words)
    if not n:
        return None
    if (
        n <= 8
        and (words[0][0].isupper() or words[0][0].isdigit())
        and all(w[0].isupper() or w[0].isdigit() or w.lower() in _MINOR for w in words[1:])
    ):
        return "quoted_title"
    return "quoted_term" if n <= 3 else "quoted_speech"


def _is_named_title(quoted: str) -> bool:
    """A title or slogan of two words or more, not shouted (all capitals) and not speech."""
    inner = quoted.strip(_MARKS)
    if not (inner[:1].isupper() or inner[:1].isdigit()) or " " not in inner or inner.endswith(_SPEECH_END):
        return False  # most quotations, told apart without the regex
    words = _WORD.findall(quoted)
    return len(words) >= 2 and quote_type(quoted) == "quoted_title" and any(not w.isupper() for w in words)


def title_spans(texts, rows, starts, columns, lengths, others) -> dict[int, list[tuple[int, int]]]:
    """Where the named titles are (row -> [(start, end)]), among the matches as
    `cue_scan.scan_cues` holds them (single-word arrays and `others`; `texts` as written,
    offsets into them). A quotation a speech verb introduces (`Trump said "Fake News"`) is
    someone's words, not a title."""
    named = [(i, a, b) for i, col, a, b in others if col == _QUOTE and _is_named_title(texts[i][a:b])]
    if not named:  # the common case
        return {}
    verbs = np.flatnonzero(columns == _SPEECH_VERB)
    spoken = set(zip(rows[verbs].tolist(), (starts[verbs] + lengths[verbs]).tolist(), strict=True))
    spoken.update((i, b) for i, col, _, b in others if col == _SPEECH_VERB)
    titles: dict[int, list[tuple[int, int]]] = {}
    for i, a, b in named:
        if not any((i, a - gap) in spoken for gap in range(_SPEECH_GAP + 1)):
            titles.setdefault(i, []).append((a, b))
    return titles
