"""Who said each sentence: attribution by regular expressions over news English.

`find_sources(text, sentences)` returns one `Source | None` per sentence. It finds a
reporting cue ("said", "told", "according to", ...) outside quotation marks, takes the
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

from training.text.sentences import Sentence

__all__ = ["Source", "find_sources"]


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
        }


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


# Verbs that are (nearly) always reporting verbs in news copy.
_STRICT = (
    "said says say told tells wrote writes insisted insists insist claimed claim argued argues argue "
    "warned warns warn denied denies deny announced confirmed tweeted alleged allege asserted "
    "testified declared conceded acknowledged admitted admit countered contended contend stressed "
    "cautioned vowed vows pledged reported described"
)
# Verbs with common non-reporting uses ("added 300 jobs", "posted a loss"): they count only
# when followed by "that", a colon, a quote or the end of the clause, or when inverted.
_LOOSE = (
    "added adds posted noted stated explained maintained suggested replied responded "
    "recalled predicted complained emphasised emphasized asked claims confirms"
)
_LOOSE_SET = _words(_LOOSE)


def _cue_pattern() -> re.Pattern:
    """A reporting verb or "according to" (any case), as whole words. Each alternative
    starts with a plain letter and checks the word boundary after it: then `re` skips to
    the letters that can start a cue instead of trying ~85 alternatives at every
    character, which made the search a third of attribution's time."""
    phrases = [
        "was quoted as saying",
        "were quoted as saying",
        *sorted((_STRICT + " " + _LOOSE).split(), key=len, reverse=True),
    ]
    by_letter: dict[str, list[str]] = {}
    for p in phrases:
        by_letter.setdefault(p[0], []).append(re.escape(p[1:]))
    assert not any(p.endswith("to") for p in phrases)  # _is_according relies on it
    alts = [rf"{c}(?<!\w{c})(?i:ccording\s+to)" for c in "aA"]
    alts += [rf"{c}(?<!\w{c})(?:{'|'.join(rest)})" for c, rest in by_letter.items()]
    return re.compile(rf"(?:{'|'.join(alts)})\b")


_CUE = _cue_pattern()


def _is_according(cue: re.Match) -> bool:
    return cue.group()[-1] in "oO"  # "according to"; no reporting verb ends in "to"


_LOOSE_OK = re.compile(
    r"(?:\s+(?:on|in|at|to|via|with|during)\b[^,.:;\"“”#]{0,40}?)?\s*(?:that\b|[:,.;!?\"“#]|$)"
    r"|\s+(?:a|an|its|his|her|their)\s+(?:statement|message|video|post|note|letter|comment)s?\b"
)

_WINDOW = 250  # characters scanned around a cue for its noun phrase (12 words at most)
_AUX = _words(
    "is was were are be been being am will would can could should may might must shall did does do has have had 's"
)
# A word right before the cue that rules it out: "the said contract", "was told", "would say".
_BLOCK_PREV = _words(
    "the a an this said aforesaid was were is are be been being to not would could "
    "can will should might may must did does do let n't never"
)
# "said goodbye" is not a report of speech.
_IDIOM = _words("goodbye farewell hello grace prayers cheese")
# Words between a subject and its verb: "has also said", "later told".
_SKIP_WORD = re.compile(
    r"(?i:has|have|had|also|later|previously|repeatedly|again|earlier|"
    r"separately|publicly|privately|then|flatly|strongly|firmly|vehemently|angrily|"
    r"quickly|recently|once|reportedly|allegedly|initially|subsequently|now|still|"
    r"further|immediately|simply|openly|already|never|always|often|long|first|"
    r"repeatedly|herself|himself|themselves|itself|only|just|merely|even|yesterday|"
    r"today|tonight)"
)
# Lower-case words in -ly that are nouns, not adverbs: "the family said", "a US ally said".
_LY_WORD = re.compile(r"[a-z]{3,}ly")
_LY_NOUNS = _words(
    "family ally assembly rally daily weekly monthly quarterly fortnightly supply monopoly "
    "anomaly bully homily folly lily belly jelly holly tally elderly melancholy"
)
# A time phrase between a subject and its verb: "officials on Tuesday said", "... this week only said".
_TIME_LEAD = _words("this last next on late early earlier")
_TIME_NOUN = _words(
    "monday tuesday wednesday thursday friday saturday sunday week weekend month year "
    "morning afternoon evening night spring summer autumn winter"
)


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


# Where a clause starts, scanning back from the verb: quotes (masked), punctuation, conjunctions.
_CLAUSE = re.compile(
    r"[\"“”#;:()\[\]—–]|\s-\s|\b(?i:that|which|what|how|why|whether|where|when|while|"
    r"because|although|though|but|as|if|after|before|since|than|so|then|yet)\s"
)
_LEAD = re.compile(
    r"(?i:(?:and|but|yet|so|still|however|meanwhile|now|later|earlier|separately|instead|also|"
    r"indeed|finally|previously|(?:on|last|this|late on|early on) (?:monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|week|month|year|night|morning))\s+)+"
)
# A relative clause or aside that is not part of the tight noun phrase.
_REL = re.compile(
    r",?\s+(?:who|whom|whose|which|speaking|writing|citing|adding)\b|,\s*[a-z]+(?:ed|ing)\b"
    r"|,\s*(?:\d|aged\b|in\s|on\s|at\s|however\b|meanwhile\b|though\b|too\b)"
)
# Where a noun phrase that follows its verb ("..., said X in a statement.") ends.
_AFTER_END = re.compile(
    r"\s+(?i:in (?:a|an|his|her|their|its)\s|(?:late |early )?on (?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|social media|twitter|x\b|facebook|telegram|instagram|linkedin|youtube|tiktok|substack|"
    r"bluesky|threads|his|her|their|its|television|tv|radio|air)|at (?:a|an|the) (?:news|press|briefing|conference|rally|hearing|meeting|"
    r"summit|event)|during|after|before|when|while|as|last|this|earlier|yesterday|today|citing|told|that)\b"
    r"|,\s*(?:adding|who|which|whose|speaking|citing|according|referring|before|after|as|when|while|"
    r"in|on|but|and)\b|[;:\"“”#(]|[.!?]+\s*$|\s*$"
)
_PUNCT_END = re.compile(r"[,;:\"“”#(]|[.!?]+\s*$|\s*$")
# "according to plan" is not attribution.
_NOT_SOURCE = re.compile(
    r"(?i:plan|schedule|tradition|custom|need|size|age|type|taste|rank|"
    r"(?:the|our|their|its|his|her) (?:plan|schedule|rules?|law|terms|script|"
    r"agreement|contract|budget|timetable|manual|recipe|instructions|book|data))\b"
)

# Anonymity: explicit markers, or a generic head noun with no name attached.
_ANON_MARK = re.compile(
    r"(?i)\b(?:unnamed|anonymous\w*|anonymity|unidentified|to be (?:named|identified)|"
    r"not authori[sz]ed|familiar with|close to|briefed on|with (?:direct )?knowledge of|"
    r"knowledgeable)\b"
)
_GENERIC = _words(
    "source sources official officials people person persons insider insiders critic critics "
    "observer observers analyst analysts expert experts diplomat diplomats aide aides someone "
    "somebody witness witnesses resident residents employee employees staff staffer staffers"
)
# Bare plurals of people ("engineers warned") are unnamed groups too.
_PEOPLE_PLURAL = re.compile(r"[a-z-]+(?:ers|ors|ists|ians|ents|ants|ees|ics|ives|ans)$")
# "a police spokeswoman", "a statement from the ministry": an indefinite voice of a named body.
_INDEF_OK = re.compile(
    r"(?i)spokes\w*|statement|report|document|memo|letter|study|survey|filing|post|"
    r"video|message|email|analysis|audit|poll|release|transcript|recording|court"
)
_INDEF = _words("a an one two three four five several some many other another few")
_DET = _INDEF | _words("the his her its their our my this that these those")
_HEAD_END = re.compile(
    r"\s+(?:of|in|at|for|from|with|on|to|who|which|that|close|familiar|briefed|"
    r"speaking|under|inside|within|across|by|involved|aware|knowledgeable|released|"
    r"published|seen)\b"
)


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


_BAD_FIRST = _words("who which that what to of in on at for by with from about whether if")
_PRONOUNS = _words("i you he she it we they")
# "added to the confusion" increases something; it reports nothing.
_ADDED_TO = re.compile(r"(?i:add(?:ed|s)\s+to)\b")
# Heads of phrases that name what happened, not who spoke: "Two developments this week
# confirmed the trend". A quantifier hands the head to the noun after "of".
_NOT_SPEAKER = _words(
    "development developments event events change changes move moves incident incidents "
    "thing things factor factors trend trends sign signs step steps measure measures "
    "day days week weeks month months year years"
)
_QUANTIFIER = _words("couple number lot lots handful series pair range host string few dozen dozens")


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
    for m in _CLAUSE.finditer(seg, lo, end):
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
            by = re.match(r"\s+by\b", seg[ve : ve + 5]) if prev in ("was", "were", "been") else None
            if by:  # passive: "the figures were confirmed by the central bank"
                found = _after(seg, ve + by.end(), to_end=True, strict=False)
            elif (
                prev in _BLOCK_PREV
                or prev.endswith(("'s", "’s", "s'"))
                or (nxt and nxt[0].lower().strip(".,") in _AUX | _IDIOM)
            ):
                continue  # "the said contract", "was told", "the minister's claims", "said was"
            elif before.endswith((",", '"', "”", "—", "–", " -", "...", "…")) and verb != "told":
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


# Quotations: curly pairs and straight pairs; an unclosed quote runs to the paragraph end.
# Either closing mark ends either opening one: mixed marks are a common copy-editing slip.
_QUOTE = re.compile(r"[“\"](?:[^“”\"\n]|\n(?!\s*\n))*[”\"]?")


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
    return out
