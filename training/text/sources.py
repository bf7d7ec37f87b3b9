"""Who said each sentence: attribution by regular expressions over news English.

`find_sources(text, sentences)` returns one `Source | None` per sentence. It finds a
reporting cue ("said", "told", "according to", ..., or a verb of rebuttal whose object is a
claim: "rejected the allegations") outside quotation marks, takes the
noun phrase that the news register puts next to it ("X said", "..., said X",
"according to X"), and then hands that source to every other sentence of the same
multi-sentence quote (`carried=True`). It is heuristic on purpose: a parser would cost
far more than the classifier itself, and attribution in news copy is formulaic enough
that a few patterns cover most of it (see benchmarks/sources_accuracy.py).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace

from training.text.pronoun_sources import resolve_pronouns
from training.text.sentences import Sentence
from training.text.source_patterns import (
    _ADDED_TO,
    _AFTER_END,
    _ANON_MARK,
    _AUX,
    _BAD_FIRST,
    _BLOCK_PREV,
    _CLAUSE,
    _CUE,
    _DET,
    _GENERIC,
    _HEAD_END,
    _IDIOM,
    _INDEF,
    _INDEF_OK,
    _LEAD,
    _LOOSE_OK,
    _LOOSE_SET,
    _LY_NOUNS,
    _LY_WORD,
    _NOT_SOURCE,
    _NOT_SPEAKER,
    _PEOPLE_PLURAL,
    _PRONOUNS,
    _PUNCT_END,
    _QUANTIFIER,
    _QUOTE,
    _REBUT_OK,
    _REBUT_SET,
    _REL,
    _SKIP_WORD,
    _TIME_LEAD,
    _TIME_NOUN,
)

__all__ = ["Source", "find_sources", "speaker"]

_ASIDE = re.compile(r",\s*(?:who|whom|whose|which)\s[^,]*$")


@dataclass(frozen=True, slots=True)
class Source:
    text: str  # the speaker as written, e.g. "the defence ministry"
    start: int  # offsets into the full submitted text
    end: int
    verb: str  # the reporting verb or phrase as written, e.g. "said", "according to"
    verb_start: int
    verb_end: int
    named: bool  # False for anonymous sources ("officials", "a person close to ...") and pronouns
    carried: bool = False  # taken from another sentence of the same quote
    pronoun: bool = False  # "he", "it", "they": a speaker named elsewhere, if at all (named is False)
    # For a pronoun: the earlier speaker it stands for, as written, and where (pronoun_sources.py).
    refers_to: str | None = None
    refers_start: int | None = None
    refers_end: int | None = None
    refers_named: bool | None = None

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "verb": self.verb,
            "verb_start": self.verb_start,
            "verb_end": self.verb_end,
            "named": self.named,
            "pronoun": self.pronoun,
            "carried": self.carried,
            "refers_to": None
            if self.refers_to is None
            else {
                "text": self.refers_to,
                "start": self.refers_start,
                "end": self.refers_end,
                "named": self.refers_named,
            },
        }


def speaker(source: dict | None) -> tuple[str | None, str | None]:
    """(who spoke, "named" | "anonymous" | "pronoun") of a sentence's `source`, (None, None)
    without one. A pronoun whose speaker was found is that speaker ("she" -> "Marta Kellund")."""
    if not source:
        return None, None
    ref = source.get("refers_to")
    if ref:
        return ref["text"], "named" if ref.get("named") else "anonymous"
    return source.get("text"), "named" if source.get("named") else ("pronoun" if source.get("pronoun") else "anonymous")


def _is_according(cue: re.Match) -> bool:
    return cue.group()[-1] in "oO"  # "according to"; no reporting verb ends in "to"


_WINDOW = 250  # characters scanned around a cue for its noun phrase (12 words at most)


def _skippable(region: str) -> int | None:
    """Where the words to step over at the end of `region` start (see _skip_back), or None."""
    words = region.rsplit(None, 2)
    last = words[-1] if words else ""
    if not last:
        return None
    if _is_adverb(last):
        return len(region) - len(last)  # "Nikol Pashinyan notoriously| said"
    if len(words) >= 2:
        before_last = region.rfind(words[-2], 0, len(region) - len(last))
        if words[-2].lower() in _TIME_LEAD and last.lower() in _TIME_NOUN:
            return before_last  # "officials on Tuesday| said"
        if last.lower() in ("and", "or") and _is_adverb(words[-2]):
            return before_last  # "Halvard Bekk openly and| repeatedly said"
    return None


def _is_adverb(word: str) -> bool:
    return bool(_SKIP_WORD.fullmatch(word) or (_LY_WORD.fullmatch(word) and word not in _LY_NOUNS))


def _skip_back(seg: str, lo: int, end: int) -> int:
    """`end` moved back over the words of _SKIP_WORD, adverbs in -ly and time phrases that
    end seg[lo:end], and the white space before each: "officials have also| said" ->
    "officials| have also said". (A regular expression anchored at the end would try its
    ~40 words at every character.)"""
    while True:
        region = seg[lo:end].rstrip()
        start = _skippable(region)  # where the words to skip start, in region
        if start is None or (start == 0 and lo > 0):
            return end
        end = lo + start - 1 if start else lo  # before the white space ahead of the words


def _is_named(phrase: str, full: str) -> bool:
    """False when the phrase describes a speaker without naming one. `full` is the phrase
    with its dropped relative clause, which may say "who asked not to be named"."""
    if _ANON_MARK.search(full):
        return False
    cores = [_HEAD_END.split(p.strip(), 1)[0].split() for p in phrase.split(",")]
    cores = [c for c in cores if c]
    if not cores:
        return True
    # An apposition headed by a proper noun names the speaker: "a senior official, Lena Varga".
    if any(c[-1][:1].isupper() and c[-1].lower() not in _GENERIC for c in cores[1:]):
        return True
    words = cores[0]
    first, head = words[0].lower(), words[-1]
    if head.lower() in _GENERIC:
        return False
    if first in _INDEF:  # "one mother", "a whistleblower"; but "a police spokeswoman"
        return head[:1].isupper() or bool(_INDEF_OK.fullmatch(head))
    bare = first not in _DET and not first.endswith(("'s", "’s"))
    return not (bare and _PEOPLE_PLURAL.match(head.lower()) and (head.islower() or len(words) == 1))


def _cannot_speak(phrase: str) -> bool:
    """True when the phrase's head noun names events or time, not a speaker."""
    first, _, rest = phrase.partition(" of ")
    head = first.split()[-1].lower() if first.split() else ""
    if head in _QUANTIFIER and rest.split():
        head = rest.split()[-1].lower()
    return head in _NOT_SPEAKER


def _ok_phrase(phrase: str) -> bool:
    words = phrase.split()
    if not 1 <= len(words) <= 12 or not any(c.isalpha() for c in phrase):
        return False
    low = [w.lower().strip(",") for w in words]
    return low[0] not in _BAD_FIRST and _AUX.isdisjoint(low)


def _trim(seg: str, a: int, b: int) -> tuple[int, int]:
    """Shrink [a, b) of seg past white space, commas and dashes at both ends."""
    while a < b and seg[a] in " \t\n,-—–'’":
        a += 1
    while b > a and seg[b - 1] in " \t\n,-—–.":
        b -= 1
    return a, b


def _tight(seg: str, a: int, b: int) -> tuple[int, int]:
    """Cut a relative clause or aside off the phrase: "officials who spoke ..." -> "officials"."""
    m = _REL.search(seg, a, b)
    return _trim(seg, a, m.start() if m else b)


def _looks_clause(part: str) -> bool:
    """True when words after a comma read as a clause ("the plant closed") not an apposition."""
    words = part.lower().split()
    if _AUX & set(words):
        return True
    return any(w.endswith("ed") and len(w) > 4 and (i == 0 or words[i - 1] not in _DET) for i, w in enumerate(words))


def _before(seg: str, vs: int) -> tuple[int, int, int] | None:
    """The subject of a verb at vs ("X said"): (start, end, end of the untrimmed phrase)."""
    end, lo = vs, max(0, vs - _WINDOW)  # a subject is a few words: never scan back further
    end = _skip_back(seg, lo, end)
    region = seg[lo:end].rstrip()
    closed = region.endswith(",")  # "Lena Varga, the director, said": an apposition just closed
    end = lo + len(region) - closed
    start = lo
    # "Meridian Housing Trust, which owns the building, said": the clause before the verb is an
    # aside about the speaker, who stands before it; its "which" or "since" starts no clause.
    aside = _ASIDE.search(seg, lo, end) if closed else None
    for m in _CLAUSE.finditer(seg, lo, aside.start() if aside else end):
        start = m.end()
    # "The vote was delayed and officials said": "and" joins clauses, not two speakers.
    base = start
    for m in re.finditer(r"\s(?:and|but)\s", seg[base:end]):
        if _looks_clause(seg[start : base + m.start()]):
            start = base + m.end()
    last_comma = seg.rfind(",", start, end)
    if last_comma >= 0 and not closed:
        start = last_comma + 1  # "The plant closed in May, the ministry said"
    elif last_comma >= 0 and (comma := seg.rfind(",", start, last_comma)) >= 0:
        start = comma + 1  # "In May, Lena Varga, the director, said"
    if start == lo > 0:
        return None  # no clause start within the window: not a subject
    lead = len(seg[start:end]) - len(seg[start:end].lstrip())
    if m := _LEAD.match(seg, start + lead, end):
        start = m.end()
    a, b = _tight(seg, start, end)
    return (a, b, end) if b > a and _ok_phrase(seg[a:b]) else None


def _after(seg: str, ve: int, *, to_end: bool, strict: bool) -> tuple[int, int, int] | None:
    """The noun phrase after a verb or "according to": "..., said Dr. Lin, the lab's director."

    With `to_end` the phrase may run over commas to the end of the clause; otherwise (and
    whenever that run reads as a clause) it stops at the first comma, keeping an apposition
    closed by a second comma: "According to Varga, the lab's director, the plant ...".
    """
    if not seg[ve : ve + 1].isspace():
        return None
    stop = (_AFTER_END if to_end else _PUNCT_END).search(seg, ve + 1, ve + _WINDOW).start()
    comma = seg.find(",", ve, stop + 1)
    if comma >= 0 and (not to_end or _looks_clause(seg[comma:stop])):
        stop = comma
        m = re.match(r",\s*(?:the|a|an|its|his|her|their)\s[^,;:.\"“#]{1,60},", seg[stop:])
        if m and seg[ve:stop].strip()[:1].isupper() and not _looks_clause(m.group(0)):
            stop += m.end() - 1
    a, b = _tight(seg, ve, stop)
    if b <= a or not _ok_phrase(seg[a:b]) or (strict and _looks_clause(seg[a:b])):
        return None
    return a, b, stop


def _attribute(text: str, mask: str, s: Sentence) -> Source | None:
    """The first attribution found in sentence s, outside quotation marks."""
    seg = mask[s.start : s.end]
    for m in _CUE.finditer(seg):
        found = None
        vs, ve = m.span()
        before = seg[max(0, vs - _WINDOW) : vs].rstrip()  # windows keep long sentences linear
        prev = before.rsplit(None, 1)[-1].lower().strip('"“”#,') if before else ""
        if _is_according(m):
            if _NOT_SOURCE.match(seg, ve + 1) or seg[ve + 1 : ve + 2] in ("", "#", '"', "“"):
                continue
            # "..., according to X." may run to the end; "According to X, ..." stops at a comma.
            found = _after(seg, ve, to_end=before.endswith(",") or bool(re.search(r"\w", before)), strict=False)
        else:
            verb = m.group()
            nxt = seg[ve : ve + 40].split()
            # Passive: "the figures were confirmed by the central bank". Not for a rebuttal verb: a bill,
            # a manuscript or a request "rejected by" someone was voted down or turned away, not answered.
            rebut = verb.lower() in _REBUT_SET  # never inverted ("..., rejected X" is not X's rejection)
            passive = prev in ("was", "were", "been") and not rebut
            by = re.match(r"\s+by\b", seg[ve : ve + 5]) if passive else None
            if by:
                found = _after(seg, ve + by.end(), to_end=True, strict=False)
            elif (
                (prev in _BLOCK_PREV and not before.endswith(","))  # "..., in May, said X": a month, not "may say"
                or prev.endswith(("'s", "’s", "s'"))
                or (nxt and nxt[0].lower().strip(".,") in _AUX | _IDIOM)
                or (rebut and not _REBUT_OK.match(seg, ve))
            ):
                continue  # "the said contract", "was told", "the minister's claims", "said was", "rejected the bill"
            elif before.endswith((",", '"', "”", "—", "–", " -", "...", "…")) and verb != "told" and not rebut:
                # Inverted: '"...," said X.' After a plain comma it may instead close an
                # apposition ("An official, Soren Holm, confirmed the figures").
                pair = _before(seg, vs) if before.endswith(",") else None
                if pair is None or "," not in seg[pair[0] : pair[2]]:
                    found = _after(seg, ve, to_end=True, strict=not before.endswith(('"', "”")))
            if found is None and not by:
                if verb in _LOOSE_SET and (not _LOOSE_OK.match(seg, ve) or _ADDED_TO.match(seg, vs)):
                    continue
                found = _before(seg, vs)
        if found and not _cannot_speak(seg[found[0] : found[1]]):
            a, b, full = found
            o = s.start
            pronoun = seg[a:b].lower() in _PRONOUNS
            return Source(
                text[o + a : o + b],
                o + a,
                o + b,
                text[o + vs : o + ve],
                o + vs,
                o + ve,
                not pronoun and _is_named(seg[a:b], seg[a:full]),
                pronoun=pronoun,
            )
    return None


def _quotes(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text with quote interiors masked by '#', and each quote's (start, end)."""
    if '"' not in text and "“" not in text:  # most sentences hold no quote: nothing to mask
        return text, []
    chars, spans = list(text), []
    for m in _QUOTE.finditer(text):
        a, b = m.span()
        inner_end = b - 1 if b - a > 1 and text[b - 1] in '"”' else b
        chars[a + 1 : inner_end] = "#" * (inner_end - a - 1)
        spans.append((a, b))
    return "".join(chars), spans


def find_sources(text: str, sentences: list[Sentence]) -> list[Source | None]:
    """One source (or None) per sentence, in order; offsets are into `text`."""
    mask, spans = _quotes(text)
    out = [_attribute(text, mask, s) for s in sentences]
    own = list(out)
    starts, ends = [s.start for s in sentences], [s.end for s in sentences]
    # The sentences each quote touches (sentences are sorted, so bisect keeps this linear).
    touched = [range(bisect_right(ends, qa), bisect_left(starts, qb)) for qa, qb in spans]
    quoted = {i for r in touched for i in r}
    for (qa, qb), inside in zip(spans, touched, strict=True):
        if not inside:
            continue
        donors = [i for i in inside if own[i] is not None]
        if donors:  # prefer the sentence that closes the quote: '"A. B," she said.'
            donor = own[donors[-1]] if donors[-1] == inside[-1] else own[donors[0]]
        else:
            # A quote filling whole sentences right after an attributed quote continues it,
            # as news copy does: '"A," she said. "B."'
            prev, first, last = inside[0] - 1, sentences[inside[0]], sentences[inside[-1]]
            whole = first.start == qa and qb >= last.start + len(last.text.rstrip('.!?"”'))
            if not (whole and prev in quoted and out[prev] is not None):
                continue
            donor = out[prev]
        for i in inside:
            if out[i] is None:
                out[i] = replace(donor, carried=True)
    return resolve_pronouns(text, sentences, out)
