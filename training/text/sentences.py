"""Sentence splitting with exact character offsets.

`split_sentences(text)` returns sentences such that `text[s.start:s.end] == s.text`, in
order and never overlapping. It is a regular-expression splitter with an abbreviation
list: pysbd-level rules cost ~100x more time, and splitting must never be the bottleneck
(see docs/BENCHMARKS.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from training.text.normalise import fold_with_map, original_span

__all__ = ["Sentence", "split_sentences"]


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


# Titles never end a sentence: "Gen. Okafor", "Dr. Lin".
_TITLES = frozenset(
    "mr mrs ms dr prof gen col lt sgt capt cmdr adm maj sen rep gov pres st mt jr sr rev "
    "hon fr gov supt insp det cpl pvt messrs mme mlle no nos vs v fig approx dept est "
    "p pp para paras art sec ch vol incl cf ed eds ref tel ext "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# Abbreviations that may end a sentence; they do only when a typical sentence opener
# follows ("...in the U.S. The next day" ends, "the U.S. Army" does not).
_MAY_END = frozenset("inc ltd co corp plc etc am pm bros llc al".split())
_OPENERS = frozenset(
    "the a an he she it they we i you this that these those his her its their our my "
    "in on at but and so yet if when while after before as there here what why how who "
    "where which meanwhile however officials police critics according last on".split()
)

# A candidate end: terminal punctuation, optional closing quotes or brackets, then
# whitespace or the end of the text. Line breaks are handled separately.
# (One mark, then any more: a leading character class lets `re` skip to the marks.)
# (The Arabic question mark and full stop end sentences too.)
_END = re.compile(r"[.!?\u2026\u061f\u06d4][.!?\u2026\u061f\u06d4]*[\"'\u201d\u2019\u00bb)\]]*(?=\s|$)")
_BREAK = re.compile(r"\n\s*")
_NOT_IN_WORD = frozenset("\"'([\u201c\u2018")
_DOTTED = re.compile(r"(?:[A-Za-z]{1,3}\.)+[A-Za-z]{1,3}")
_NEXT_WORD = re.compile(r"\s*[\"'(\[\u201c\u2018]*(\S+)")
_NEXT_CHAR = re.compile(r"\s*[\"'(\[\u201c\u2018]*(\S)")  # the next word's first character


def _word_before(text: str, dot: int) -> str:
    """The word that ends at `dot` (or at a line break just before it), at most 20
    characters back: no white space, opening quote or bracket in it."""
    lo = max(0, dot - 20)
    end = dot - 1 if dot > lo and text[dot - 1] == "\n" else dot
    start = end
    while start > lo and text[start - 1] not in _NOT_IN_WORD and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


def _is_abbreviation_end(text: str, dot: int) -> bool:
    """True when the full stop at `dot` closes an abbreviation that does not end the sentence."""
    word = _word_before(text, dot)
    if not word:
        return False
    key = word.replace(".", "").lower()
    if key in _TITLES and "." not in word:
        return True
    if len(key) == 1 and key.isalpha() and word.isupper():
        return True  # an initial: "J. Smith"
    dotted = "." in word and _DOTTED.fullmatch(word) is not None  # "U.S", "a.m", "e.g", not "1.2bn"
    if dotted or key in _MAY_END:
        after = text[dot + 1 : dot + 4].lstrip()
        if not dotted and after[:1] in '"\u201c' and after[1:2].isupper():
            return False  # a quotation opens a sentence: "... Borex Ltd. “Is that so?”"
        nxt = _NEXT_WORD.match(text, dot + 1)
        opener = (nxt.group(1) if nxt else "").strip("\"'()[]\u201c\u2018,").lower()
        return opener not in _OPENERS
    return False


def _ends_sentence(text: str, m: re.Match) -> bool:
    punct = m.group(0)
    after = m.end()
    nxt = _NEXT_CHAR.match(text, after)
    if nxt is None:
        return True  # end of text
    first = nxt.group(1)
    if punct.startswith("."):
        if len(punct.rstrip("\"'\u201d\u2019\u00bb)]")) == 1 and _is_abbreviation_end(text, m.start()):
            return False
    # "...and then" or "?" inside a quote followed by lowercase: the sentence goes on.
    if first.islower():
        return False
    return True


def _boundaries(text: str) -> list[int]:
    cuts: list[int] = []
    for m in _END.finditer(text):
        if _ends_sentence(text, m):
            cuts.append(m.end())
    for m in _BREAK.finditer(text):
        nxt = m.end()
        # A single line break followed by lowercase is a wrapped line, not a boundary.
        if "\n" in m.group(0)[1:] or "\n\n" in m.group(0) or nxt >= len(text) or not text[nxt].islower():
            cuts.append(m.start())
    return sorted(set(cuts))


def split_sentences(text: str) -> list[Sentence]:
    """Split `text` into sentences, each with its exact span in `text`.

    The rules run on the folded text (normalise.py: full-width "？", „quotes“, no-break
    spaces and zero-width characters read as their plain forms); the spans are mapped
    back, so `text[s.start:s.end] == s.text` still holds."""
    folded, origin = fold_with_map(text)
    sentences: list[Sentence] = []
    start = 0
    for cut in [*_boundaries(folded), len(folded)]:
        if cut <= start:
            continue
        chunk = folded[start:cut]
        stripped_left = len(chunk) - len(chunk.lstrip())
        s, e = start + stripped_left, start + len(chunk.rstrip())
        if e > s:
            a, b = original_span(origin, s, e)
            sentences.append(Sentence(a, b, text[a:b]))
        start = cut
    return sentences
