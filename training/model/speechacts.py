"""Speech-act features: what a negation or a denial word is doing, and who speaks.

The cue features count words ("not", "denied", "false"); on real news that reads
negation as denial. These features say what the words attach to and whose voice they are
in, so the model can learn the speech act rather than the surface:

- the speech-act kinds of `text/speech_lexicon.py` and `text/question_lexicon.py` (matched
  with the other cues by `cue_scan.scan_cues`): `negated_claim`, `negated_wrongdoing`,
  `world_negation`, `non_denial_use`, `denial_reversal`, `repeated_denial`,
  `reported_question`, `presumptive_question`, `information_question` (`claim_noun` is
  matched too, but only to derive others: alone it is a topic word);
- features derived from where the cues stand (`DERIVED`): a denial word or negation
  inside a direct quote (the quoted speaker rejects), a question inside a quote, a
  negation in a sentence that names no claim and uses no denial word, a negation in the
  author's own voice (no quote, no attribution), a negation in reported speech; and what
  a quotation is: a title or name (“Coronation Street”), a term of one to three words
  (a coinage or a scare quote), or quoted speech; and, among the terms, those that no
  words introduce or define (“known as”, “means”): the scare quotes (the “consultation”).

Each feature is `act:<name>`, log(1 + count) times `scale`, as the cue features are. The
values come from one function (`act_values`) for scikit-learn's `transform` and the fast
path alike, and `act_spans` finds, in a sentence's cues, exactly the matches a feature
counted (tests hold the two to each other), so explanations point at them.

The transformer stores only feature *names* (resolved against `ACT_FEATURES` at fit
time): a pickled pipeline needs this module importable as `training.model.speechacts`.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin

from training.text.cue_matches import kind_mask
from training.text.cue_scan import scan_cues
from training.text.cues import CUE_KINDS, Cue
from training.text.lexicon import KIND_COLUMN
from training.text.normalise import original_span
from training.text.quotes import QUOTE_TYPES, quote_type

__all__ = ["ACT_FEATURES", "DERIVED", "SpeechActFeaturizer", "act_spans", "act_values", "quote_type"]

# The speech-act kinds that are features themselves (the "helper" kinds only help derive DERIVED).
LEXICAL = tuple(name for name, kind in CUE_KINDS.items() if kind.family == "act")
DERIVED = {
    "quoted_denial": "a denial word or negation inside a direct quote: the quoted speaker rejects",
    "quoted_question": "a question inside a direct quote: someone else asks it",
    "negation_without_claim": "a negation in a sentence that names no claim and uses no denial word",
    "authorial_negation": "a negation in the author's own voice (no quote, no attribution)",
    "reported_negation": "a negation outside quotes in reported speech (a source or a reporting verb)",
    "unattached_denial_word": "a denial word in the author's voice with no claim to reject (no claim noun, source or quote)",
    "quoted_name": "a quotation right after words that introduce a name or a term (known as, called, the word)",
    "quoted_definition": "a quotation right before words that define it (a “doublet” is, “dry cow” means)",
    "quoted_title": "a quotation that is a title or a name (every word capitalised)",
    "quoted_term": "a quotation of one to three words that is not a title: a term or a scare quote",
    "quoted_speech": "a quotation of four words or more that is not a title: someone's words",
    "scare_quote": "a quotation of one to three words, not a title, that no words introduce or define and no other quotation"
    " stands beside (the “consultation”)",
}


ACT_FEATURES: dict[str, str] = {**{k: CUE_KINDS[k].description for k in LEXICAL}, **DERIVED}

_COL = KIND_COLUMN
_QUOTE = _COL["direct_quote"]
_NEGATION = _COL["negation"]
_QUESTION = _COL["rhetorical_question"]
_REJECTING = ("denial_verb", "falsity_word", "negation", "negated_claim", "self_denial")


_CLAIMING = np.asarray([_COL[k] for k in ("claim_noun", "negated_claim", "denial_verb", "falsity_word")])
_SOURCES = np.asarray([_COL[k] for k in ("attribution_verb", "anonymous_source")])
_DENIAL_WORDS = np.asarray([_COL[k] for k in ("denial_verb", "falsity_word")])
_CLAIM_OR_SPEAKER = np.asarray(
    [
        _COL[k]
        for k in (
            "claim_noun",
            "negated_claim",
            "attribution_verb",
            "anonymous_source",
            "direct_quote",
            "non_denial_use",
        )
    ]
)
_NAMING = _COL["naming_frame"]
_NAME_GAP = 12  # characters between a naming frame's end and the quote it introduces (a space, "the")
_DEFINING = _COL["definition_frame"]
_DEFINITION_GAP = 3  # characters between a quote's end and the words defining it (a space, ", ")
# Quotations at most this many characters apart ("'intrinsic' or 'relational'", "'X', 'Y'") name
# terms side by side: a mention of alternatives, not a scare quote.
_LIST_GAP = 5
# The kinds whose matches inside a quote make the quoted acts; the kinds measured in the original text.
_QUOTABLE = kind_mask(*_REJECTING, "rhetorical_question")
_MENTIONS = kind_mask("naming_frame", "definition_frame", "direct_quote")


def _in_quotes(rows, cols, starts, ends, targets: np.ndarray) -> np.ndarray:
    """A mask over the matches: of a kind `targets` marks (a `kind_mask`) and inside a quote of its row.

    A match is inside some quote exactly when, among its row's quotes that open at or
    before it, the furthest closing one closes at or after its end: one sort and one
    search for the whole batch (a loop over quotes cost a microsecond a sentence)."""
    inside = np.zeros(len(rows), dtype=bool)
    quotes = np.flatnonzero(cols == _QUOTE)
    if not len(quotes):
        return inside
    big = int(max(ends.max(), 1)) + 1  # row * big + offset orders by row, then offset
    order = np.lexsort((starts[quotes], rows[quotes]))
    q_rows, q_key = rows[quotes][order], rows[quotes][order] * big + starts[quotes][order]
    furthest = np.maximum.accumulate(rows[quotes][order] * big + ends[quotes][order])
    candidates = np.flatnonzero(targets[cols])
    at = np.searchsorted(q_key, rows[candidates] * big + starts[candidates], side="right") - 1
    ok = at >= 0
    at = np.where(ok, at, 0)
    ok &= (q_rows[at] == rows[candidates]) & (furthest[at] >= rows[candidates] * big + ends[candidates])
    inside[candidates[ok]] = True
    return inside


def _original(scan, rows, starts, ends, which: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Starts and ends of the matches, those in the mask `which` moved into the original texts
    (moved only in the few texts folding resized)."""
    starts, ends = starts.copy(), ends.copy()
    for k in np.flatnonzero(which).tolist():
        origin = scan.origins[rows[k]]
        if origin is not None:
            starts[k], ends[k] = original_span(origin, int(starts[k]), int(ends[k]))
    return starts, ends


def _framed_quotes(rows, cols, starts, ends, frame_col: int, gap: int, *, frame_after: bool) -> np.ndarray:
    """A mask over the matches (`starts`, `ends`: in the original text, as `act_spans` sees
    them): quotes with a match of `frame_col` in their row at most `gap` characters before
    the quote opens, or, with `frame_after`, after it closes. The nearest frame on that side
    is found by one search for every quote."""
    framed = np.zeros(len(rows), dtype=bool)
    frames, quotes = np.flatnonzero(cols == frame_col), np.flatnonzero(cols == _QUOTE)
    if not len(frames) or not len(quotes):
        return framed
    frame_at, quote_at = (starts[frames], ends[quotes]) if frame_after else (ends[frames], starts[quotes])
    big = int(max(frame_at.max(), quote_at.max(), 1)) + 1
    key = np.sort(rows[frames] * big + frame_at)
    quote_key = rows[quotes] * big + quote_at
    if frame_after:  # the first frame that starts at or after the quote's end
        at = np.searchsorted(key, quote_key, side="left")
        ok = at < len(key)
        distance = key[np.where(ok, at, 0)] - quote_key
    else:  # the last frame that ends at or before the quote's start
        at = np.searchsorted(key, quote_key, side="right") - 1
        ok = at >= 0
        distance = quote_key - key[np.where(ok, at, 0)]
    framed[quotes[ok & (distance <= gap)]] = True  # same row: a distance within `gap` < big
    return framed


def _listed_quotes(rows, cols, starts, ends) -> np.ndarray:
    """A mask over the matches (`starts`, `ends`: in the original text): quotes that end at most
    `_LIST_GAP` characters before another quote of their row starts, or start as soon after one
    ends (`_beside`, as `_framed`)."""
    listed = np.zeros(len(rows), dtype=bool)
    quotes = np.flatnonzero(cols == _QUOTE)
    if len(quotes) < 2:
        return listed
    q_starts, q_ends = starts[quotes], ends[quotes]
    by_row: dict[int, list[int]] = {}
    for k, r in enumerate(rows[quotes].tolist()):
        by_row.setdefault(r, []).append(k)
    for ks in (ks for ks in by_row.values() if len(ks) > 1):  # rows with two quotes or more: few
        for k in ks:
            listed[quotes[k]] = any(_beside(q_starts[k], q_ends[k], q_starts[o], q_ends[o]) for o in ks)
    return listed


def _beside(start: int, end: int, other_start: int, other_end: int) -> bool:
    """Whether one quotation ends at most `_LIST_GAP` characters before the other starts, either way."""
    return 0 <= other_start - end <= _LIST_GAP or 0 <= start - other_end <= _LIST_GAP


def _quote_counts(texts: list[str], rows, cols, starts, ends, framed: np.ndarray) -> np.ndarray:
    """(texts x (QUOTE_TYPES, scare quotes)) counts of the quotations of each type (read in
    the original text, where `starts` and `ends` point: a title is told by its capitals, which
    matching lower-cased), and of the terms among them that no frame (`framed`, a mask over the
    matches) names or defines."""
    out = np.zeros((len(texts), len(QUOTE_TYPES) + 1), dtype=np.int64)
    for q in np.flatnonzero(cols == _QUOTE).tolist():
        r = int(rows[q])
        kind = quote_type(texts[r][int(starts[q]) : int(ends[q])])
        if kind is not None:
            out[r, QUOTE_TYPES.index(kind)] += 1
            if kind == "quoted_term" and not framed[q]:
                out[r, -1] += 1
    return out


def _derived_counts(texts: list[str], scan) -> np.ndarray:
    """(texts x DERIVED) counts, in DERIVED's order."""
    n = len(texts)
    counts = scan.counts()
    rows, cols, starts, ends = scan.matches()
    quoted = _in_quotes(rows, cols, starts, ends, _QUOTABLE)
    is_question = cols == _QUESTION
    quoted_reject = np.bincount(rows[quoted & ~is_question], minlength=n)
    quoted_question = np.bincount(rows[quoted & is_question], minlength=n)
    negation = counts[:, _NEGATION]
    quoted_negation = np.bincount(rows[quoted & (cols == _NEGATION)], minlength=n)
    outside = negation - quoted_negation
    no_claim = counts[:, _CLAIMING].sum(axis=1) == 0
    sourced = counts[:, _SOURCES].sum(axis=1) > 0
    has_quote = counts[:, _QUOTE] > 0
    # Frames and quotes are measured apart in the original text, as `act_spans` sees them.
    mentions = _MENTIONS[cols]
    o_starts, o_ends = _original(scan, rows, starts, ends, mentions)
    named = _framed_quotes(rows, cols, o_starts, o_ends, _NAMING, _NAME_GAP, frame_after=False)
    defined = _framed_quotes(rows, cols, o_starts, o_ends, _DEFINING, _DEFINITION_GAP, frame_after=True)
    listed = _listed_quotes(rows, cols, o_starts, o_ends)
    return np.column_stack(
        (
            quoted_reject,
            quoted_question,
            np.where(no_claim, negation, 0),
            np.where(~sourced & ~has_quote, negation, 0),
            np.where(sourced, outside, 0),
            np.where(counts[:, _CLAIM_OR_SPEAKER].sum(axis=1) == 0, counts[:, _DENIAL_WORDS].sum(axis=1), 0),
            np.bincount(rows[named], minlength=n),
            np.bincount(rows[defined], minlength=n),
            _quote_counts(texts, rows, cols, o_starts, o_ends, named | defined | listed),
        )
    )


def act_values(texts: list[str], features: tuple[str, ...], scanned=None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rows, columns, log(1 + count)) of the speech-act `features` in `texts`, by row
    then column. `scanned`: `scan_cues(texts)`, when the caller has it."""
    scan, _ = scanned or scan_cues(texts)
    lexical_at, lexical_from, derived_at, derived_from = _columns(tuple(features))
    table = np.zeros((len(texts), len(features)), dtype=np.int64)
    if len(lexical_at):
        table[:, lexical_at] = scan.counts()[:, lexical_from]
    if len(derived_at):
        table[:, derived_at] = _derived_counts(texts, scan)[:, derived_from]
    r, c = np.nonzero(table)
    return r, c, np.log1p(table[r, c].astype(np.float64))


@lru_cache(maxsize=16)
def _columns(features: tuple[str, ...]) -> tuple[np.ndarray, ...]:
    """Where `act_values` puts each feature (its column among `features`) and where it takes it
    from (a kind's column in the scan's counts, or a DERIVED one's in `_derived_counts`): worked
    out once per feature list, not per call."""
    lexical = [f for f in features if f not in DERIVED]
    derived = [f for f in features if f in DERIVED]
    order = list(DERIVED)
    return tuple(
        np.asarray(cols, dtype=np.intp)
        for cols in (
            [features.index(f) for f in lexical],
            [_COL[f] for f in lexical],
            [features.index(f) for f in derived],
            [order.index(f) for f in derived],
        )
    )


def act_spans(feature: str, cues: list[Cue]) -> list[list[int]]:
    """The spans, among one sentence's `cues`, of the matches `feature` counts."""
    if feature not in DERIVED:
        return [[c.start, c.end] for c in cues if c.kind == feature]
    quotes = [(c.start, c.end) for c in cues if c.kind == "direct_quote"]

    def quoted(c: Cue) -> bool:
        return any(a <= c.start and c.end <= b for a, b in quotes)

    kinds = {c.kind for c in cues}
    negations = [c for c in cues if c.kind == "negation"]
    if feature == "quoted_denial":
        picked = [c for c in cues if c.kind in _REJECTING and quoted(c)]
    elif feature == "quoted_question":
        picked = [c for c in cues if c.kind == "rhetorical_question" and quoted(c)]
    elif feature == "negation_without_claim":
        claiming = {"claim_noun", "negated_claim", "denial_verb", "falsity_word"}
        picked = negations if not kinds & claiming else []
    elif feature == "authorial_negation":
        picked = negations if not kinds & {"attribution_verb", "anonymous_source", "direct_quote"} else []
    elif feature == "reported_negation":
        picked = [c for c in negations if not quoted(c)] if kinds & {"attribution_verb", "anonymous_source"} else []
    elif feature == "unattached_denial_word":
        attached = {
            "claim_noun",
            "negated_claim",
            "attribution_verb",
            "anonymous_source",
            "direct_quote",
            "non_denial_use",
        }
        picked = [c for c in cues if c.kind in ("denial_verb", "falsity_word")] if not kinds & attached else []
    elif feature in ("quoted_name", "quoted_definition", "scare_quote"):
        named, defined, listed = _framed(cues)
        if feature == "quoted_name":
            picked = named
        elif feature == "quoted_definition":
            picked = defined
        else:
            framed = named + defined + listed
            picked = [
                c for c in cues if c.kind == "direct_quote" and quote_type(c.text) == "quoted_term" and c not in framed
            ]
    else:  # a quote type
        picked = [c for c in cues if c.kind == "direct_quote" and quote_type(c.text) == feature]
    return [[c.start, c.end] for c in picked]


def _framed(cues: list[Cue]) -> tuple[list[Cue], list[Cue], list[Cue]]:
    """The quotes among `cues` that words introduce as a name, those that words define, and
    those listed beside another quote."""
    names = [c.end for c in cues if c.kind == "naming_frame"]
    definitions = [c.start for c in cues if c.kind == "definition_frame"]
    quotes = [c for c in cues if c.kind == "direct_quote"]
    named = [c for c in quotes if any(0 <= c.start - e <= _NAME_GAP for e in names)]
    defined = [c for c in quotes if any(0 <= s - c.end <= _DEFINITION_GAP for s in definitions)]
    listed = [c for c in quotes if any(_beside(c.start, c.end, o.start, o.end) for o in quotes)]
    return named, defined, listed


class SpeechActFeaturizer(TransformerMixin, BaseEstimator):
    """Speech-act features (`act:<name>`), scaled by `scale`.

    Parameters
    ----------
    features : tuple of str or None
        Names from `ACT_FEATURES`; None means all of them.
    scale : float
        Multiplies every feature, to balance them against the other families.
    """

    def __init__(self, features: tuple[str, ...] | None = None, scale: float = 1.0):
        self.features = features
        self.scale = scale

    def fit(self, X, y=None):
        features = tuple(ACT_FEATURES) if self.features is None else tuple(self.features)
        unknown = [f for f in features if f not in ACT_FEATURES]
        if unknown:
            raise ValueError(
                f"The 'features' parameter of SpeechActFeaturizer must name features from "
                f"{sorted(ACT_FEATURES)}. Got {unknown} instead."
            )
        if not isinstance(self.scale, (int, float)) or self.scale <= 0:
            raise ValueError(
                f"The 'scale' parameter of SpeechActFeaturizer must be a positive number. Got {self.scale!r} instead."
            )
        self.features_ = features
        return self

    def transform(self, X):
        if not hasattr(self, "features_"):
            from sklearn.exceptions import NotFittedError

            raise NotFittedError("This SpeechActFeaturizer instance is not fitted yet. Call 'fit' first.")
        if isinstance(X, str):
            raise ValueError("SpeechActFeaturizer expects an iterable of strings, got a single string.")
        texts = list(X)
        r, c, v = act_values(texts, self.features_)
        return sp.csr_matrix((v * float(self.scale), (r, c)), shape=(len(texts), len(self.features_)))

    def get_feature_names_out(self, input_features=None):
        return np.asarray([f"act:{f}" for f in self.features_], dtype=object)
