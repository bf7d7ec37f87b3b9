"""Named linguistic cues: one readable lexicon table and a scikit-learn transformer.

Each cue kind is a list of entries (regular expressions over words, matched case
insensitively on word boundaries). `find_cues(text)` says which entry fired where;
`CueFeaturizer` turns the counts per kind into model features named `cue:<kind>`.

The transformer stores only cue *names* as parameters and resolves them against
`CUE_KINDS` at fit time, so a pickled pipeline needs nothing but this module, importable
as `training.cues` (renaming it means retraining).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin

__all__ = ["CUE_KINDS", "Cue", "CueFeaturizer", "CueKind", "find_cues"]


@dataclass(frozen=True)
class CueKind:
    name: str
    description: str
    entries: tuple[str, ...]
    bounded: bool = True  # wrap entries in word boundaries


def _kind(name: str, description: str, entries: str, bounded: bool = True) -> CueKind:
    # Entries are separated by a "|" with white space around it; a "|" inside a group is not.
    return CueKind(name, description, tuple(e.strip() for e in re.split(r"\s\|\s", entries) if e.strip()), bounded)


# The lexicon. Entries are separated by " | "; "\w*" lets an entry cover inflections.
CUE_KINDS: dict[str, CueKind] = {k.name: k for k in [
    _kind("negation", "a word that negates", r"""
        not | n't | no | never | nothing | none | nobody | neither | nor | without | cannot
        | nowhere | no one | not a single"""),
    _kind("denial_verb", "a verb of denying, refuting or dismissing", r"""
        den(y|ies|ied|ying|ial|ials) | reject\w* | refut\w* | dismiss\w* | disput\w* | rebut\w*
        | rebuff\w* | contest\w* | debunk\w* | disavow\w* | repudiat\w* | push\w* back
        | hit back | brushed (off|aside) | shot down | slamm\w* | laughed off | scoff\w*
        | correct(ed|ing)? the record | set the record straight | retract\w*"""),
    _kind("falsity_word", "a word that calls a claim false or groundless", r"""
        false\w* | untrue | baseless | unfounded | groundless | fabricat\w* | fake\w* | hoax\w*
        | lie | lies | lied | lying | smear\w* | nonsense | rubbish | myth\w* | misinformation
        | disinformation | debunked | bogus | made up | made-up | fiction | fictitious
        | categorically | conspiracy theor\w* | misleading | inaccurate | wrong | incorrect
        | distort\w* | not true | never happened | did not happen | didn't happen
        | no evidence | no proof | no basis | no truth | not the case | absurd | ridiculous"""),
    _kind("hedge", "a word that weakens certainty", r"""
        may | might | could | reportedly | allegedly | alleged | possibly | perhaps | apparently
        | appears? to | seem(s|ed)? to | likely | unlikely | expected to | rumou?r\w* | unconfirmed
        | suggest\w* | probably | presumably | supposedly | it is unclear | unclear whether
        | estimated | roughly | about to"""),
    _kind("rhetorical_question", "a question, or a sentence framed as one", r"""
        \? | ^\s*(why|who|how come|what|where|when|whose|which|is|are|was|were|did|does|do|has|have|had|can|could|should|would|will|isn't|aren't|wasn't|didn't|doesn't|don't|hasn't|haven't|won't)\b[^.!]*$""",
        bounded=False),
    _kind("insinuation_phrase", "a phrase that suggests without saying", r"""
        coinciden\w* | raises? (serious |troubling |uncomfortable )?questions | questions remain
        | makes? you (wonder|think) | just asking | curious\w* | convenient\w* | funny how
        | interesting(ly)? | one wonders | some (will |might |may )?wonder | connect the dots
        | people are (saying|asking|talking) | (something|anything|what are they) (to )?hid\w*
        | nothing to see | hardly a | dark side | behind closed doors | cozy | cosy | close ties
        | ties to | who benefits | follow the money | strange\w* | odd\w* | suspicious\w* | timing
        | so-called | remains? to be (seen|explained) | needs? to be explained | worth asking
        | worth noting | happens to | happened to | just happens | of all people | make of that
        | draw (your|their) own conclusions | read between | whisper\w* | quietly | mysterious\w*
        | unexplained | shadowy | murky | questionable | eyebrows | either .{1,80} or
        | what did .{1,40} know | how much did | did anyone | isn't it | wasn't it | i wonder
        | wonder(s|ing)? (if|whether|why) | hint\w* | impl(y|ied|ies) | insinuat\w* | innuendo"""),
    _kind("attribution_verb", "a verb or phrase reporting who said it", r"""
        said | says | say | told | tells | stated | states | announced | announces | claim\w*
        | added | according to | wrote | writes | reported | reports | confirm\w* | insist\w*
        | argued | argues | noted | explained | tweeted | posted | declared | testified
        | acknowledged | admitted | warned | asked | asks | replied | responded | in a statement"""),
    _kind("anonymous_source", "a source that is not named", r"""
        unnamed | anonymous\w* | anonymity | sources? (say|said|says|told|close|familiar)\w*
        | (a|one|two|three|several) (senior |former |government |military |defence |defense )?(source|official|insider|person|people|aide|diplomat)s?
        | people familiar with | person familiar with | insiders? | whistleblower\w*
        | some (say|believe|claim) | critics (say|said) | observers | it is said | we are told
        | word is | i heard | i'm hearing | hearing that"""),
    _kind("certainty_booster", "a word that strengthens certainty", r"""
        clearly | definitely | certainly | undoubtedly | undeniabl\w* | officially | in fact
        | actually | indeed | of course | absolutely | beyond (any )?doubt | without doubt
        | obviously | plainly | proven | confirmed | fact | facts | known | always"""),
    _kind("evidence_word", "a word that points at evidence", r"""
        evidence | data | records? | documents? | study | studies | report | figures | proof
        | analysis | statistics | investigation | audit\w* | show(s|ed|n)? | footage | video
        | photos? | receipts | sources? | link | verified | fact-check\w*"""),
    _kind("direct_quote", "a quotation", r"""
        "[^"]{2,}" | \u201c[^\u201d]{2,}\u201d | \u2018[^\u2019]{4,}\u2019""", bounded=False),
    _kind("non_answer", "a refusal to answer", r"""
        (declin|refus)\w* to (comment|confirm|say|answer|discuss|respond|elaborate|address)\w*
        | no comment | did not (respond|reply|return) | didn't (respond|reply) | could not be reached
        | not immediately (respond|available|return)\w* | would not (say|comment|confirm)
        | wouldn't (say|comment|confirm) | no response"""),
    _kind("sarcasm_marker", "a marker of sarcasm or irony", r"""
        yeah,? right | sure,? (jan|buddy|thing) | lol | lmao | rofl | haha\w* | oh (great|sure|yes|wow)
        | what a (surprise|shock|coincidence) | totally | /s | riiight | nice try | good one
        | and pigs (can |might )?fly | sure he (did|does|is)"""),
]}

_FLAGS = re.IGNORECASE | re.UNICODE


def _compile(kind: CueKind) -> tuple[re.Pattern, tuple[tuple[str, re.Pattern], ...]]:
    # One boundary assertion around the whole alternation, not one per entry: the regex
    # engine then tests the boundary once per position, which made cue features ~9x faster.
    def wrap(e: str) -> str:
        return rf"(?<![\w'])(?:{e})(?![\w'])" if kind.bounded else f"(?:{e})"

    combined = re.compile(wrap("|".join(kind.entries)), _FLAGS | re.MULTILINE)
    each = tuple((e, re.compile(wrap(e), _FLAGS | re.MULTILINE)) for e in kind.entries)
    return combined, each


_COMPILED = {name: _compile(kind) for name, kind in CUE_KINDS.items()}


@dataclass(frozen=True, slots=True)
class Cue:
    kind: str
    entry: str  # the lexicon entry that fired
    start: int
    end: int
    text: str


def find_cues(text: str, kinds: tuple[str, ...] | None = None, offset: int = 0) -> list[Cue]:
    """Every cue in `text`, ordered by position; spans are shifted by `offset`."""
    found: list[Cue] = []
    for name in kinds or tuple(CUE_KINDS):
        combined, each = _COMPILED[name]
        for m in combined.finditer(text):
            if m.end() == m.start():
                continue
            matched = m.group(0)
            entry = next((e for e, rx in each if rx.fullmatch(text, m.start(), m.end())), "")
            found.append(Cue(name, entry, m.start() + offset, m.end() + offset, matched))
    found.sort(key=lambda c: (c.start, c.end, c.kind))
    return found


def cue_counts(texts, kinds: tuple[str, ...]) -> sp.csr_matrix:
    """A sparse matrix of log(1 + count) of each cue kind in each text."""
    patterns = [_COMPILED[k][0] for k in kinds]
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    n = 0
    for i, text in enumerate(texts):
        n += 1
        for j, rx in enumerate(patterns):
            c = len(rx.findall(text))
            if c:
                rows.append(i)
                cols.append(j)
                vals.append(np.log1p(c))
    return sp.csr_matrix((vals, (rows, cols)), shape=(n, len(kinds)), dtype=np.float64)


class CueFeaturizer(TransformerMixin, BaseEstimator):
    """Counts of named cue kinds as features (`cue:<kind>`), scaled by `scale`.

    Parameters
    ----------
    kinds : tuple of str or None
        Names from `CUE_KINDS`; None means all of them.
    scale : float
        Multiplies every feature, to balance the cues against TF-IDF columns.
    """

    def __init__(self, kinds: tuple[str, ...] | None = None, scale: float = 1.0):
        self.kinds = kinds
        self.scale = scale

    def fit(self, X, y=None):
        kinds = tuple(CUE_KINDS) if self.kinds is None else tuple(self.kinds)
        unknown = [k for k in kinds if k not in CUE_KINDS]
        if unknown:
            raise ValueError(
                f"The 'kinds' parameter of CueFeaturizer must name cue kinds from {sorted(CUE_KINDS)}. "
                f"Got {unknown} instead."
            )
        if not isinstance(self.scale, (int, float)) or self.scale <= 0:
            raise ValueError(f"The 'scale' parameter of CueFeaturizer must be a positive number. Got {self.scale!r} instead.")
        self.kinds_ = kinds
        return self

    def transform(self, X):
        if not hasattr(self, "kinds_"):
            from sklearn.exceptions import NotFittedError

            raise NotFittedError("This CueFeaturizer instance is not fitted yet. Call 'fit' first.")
        if isinstance(X, str):
            raise ValueError("CueFeaturizer expects an iterable of strings, got a single string.")
        return cue_counts(X, self.kinds_) * float(self.scale)

    def get_feature_names_out(self, input_features=None):
        return np.asarray([f"cue:{k}" for k in self.kinds_], dtype=object)
