"""Named linguistic cues: the lexicon (lexicon.py) matched fast (cue_scan.py), and a scikit-learn
transformer.

Each cue kind is a list of entries (regular expressions over words, matched case
insensitively on word boundaries, in the folded text: normalise.py). `find_cues(text)`
says which entry fired where, with spans into the original text; `CueFeaturizer` turns
the counts per kind into model features named `cue:<kind>`.

The transformer stores only cue *names* as parameters and resolves them against
`CUE_KINDS` at fit time, so a pickled pipeline needs nothing but this module, importable
as `training.text.cues` (renaming it means retraining).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin

from training.text.cue_scan import matched_entry, scan_cues
from training.text.lexicon import CUE_FAMILY, CUE_KINDS, KIND_COLUMN, CueKind
from training.text.normalise import original_span

__all__ = [
    "CUE_FAMILY",
    "CUE_KINDS",
    "Cue",
    "CueFeaturizer",
    "CueKind",
    "find_cues",
    "find_cues_many",
    "kind_counts",
    "scan_cues",
]  # scan_cues (cue_scan.py) also for training.cues, the pickles' path


@dataclass(frozen=True, slots=True)
class Cue:
    kind: str
    entry: str  # the lexicon entry that fired
    start: int
    end: int
    text: str


def kind_counts(texts: list[str], kinds: tuple[str, ...], scanned=None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rows, columns, counts) of the cue kinds `kinds` in `texts`, without building
    the matches one by one: what `find_cues` finds, counted. `scanned` is what
    `scan_cues(texts)` gave, when the caller needs the matches too."""
    scan, _ = scanned or scan_cues(texts)
    sub = scan.counts()[:, [KIND_COLUMN[k] for k in kinds]]
    r, c = np.nonzero(sub)
    return r, c, sub[r, c]


def find_cues_many(texts: list[str], offsets: list[int] | None = None, scanned=None) -> list[list[Cue]]:
    """Every cue in each of `texts`, ordered by position, spans (into `texts`, not their
    folded forms) shifted by `offsets` (`scanned`: as in `kind_counts`)."""
    scan, lows = scanned or scan_cues(texts)
    names = list(CUE_KINDS)
    per_text: list[list[tuple[int, int, int]]] = [[] for _ in texts]
    for i, col, a, b in zip(
        scan.rows.tolist(), scan.columns.tolist(), scan.starts.tolist(), scan.ends.tolist(), strict=True
    ):
        per_text[i].append((a, b, col))
    for i, col, a, b in scan.others:
        per_text[i].append((a, b, col))
    out = []
    for i, found in enumerate(per_text):
        text, low, origin, off = texts[i], lows[i], scan.origins[i], offsets[i] if offsets else 0
        found.sort(key=lambda m: (m[0], m[1], names[m[2]]))
        cues = []
        for a, b, col in found:
            oa, ob = original_span(origin, a, b)
            cues.append(Cue(names[col], matched_entry(names[col], low, a, b), oa + off, ob + off, text[oa:ob]))
        out.append(cues)
    return out


def find_cues(text: str, kinds: tuple[str, ...] | None = None, offset: int = 0) -> list[Cue]:
    """Every cue in `text`, ordered by position; spans are shifted by `offset`."""
    found = find_cues_many([text], [offset])[0]
    return found if kinds is None else [c for c in found if c.kind in kinds]


def cue_counts(texts, kinds: tuple[str, ...]) -> sp.csr_matrix:
    """A sparse matrix of log(1 + count) of each cue kind in each text: the matches of
    `find_cues`, counted."""
    texts = list(texts)
    r, c, n = kind_counts(texts, kinds)
    return sp.csr_matrix((np.log1p(n.astype(np.float64)), (r, c)), shape=(len(texts), len(kinds)), dtype=np.float64)


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
        kinds = CUE_FAMILY if self.kinds is None else tuple(self.kinds)
        unknown = [k for k in kinds if k not in CUE_KINDS]
        if unknown:
            raise ValueError(
                f"The 'kinds' parameter of CueFeaturizer must name cue kinds from {sorted(CUE_KINDS)}. "
                f"Got {unknown} instead."
            )
        if not isinstance(self.scale, (int, float)) or self.scale <= 0:
            raise ValueError(
                f"The 'scale' parameter of CueFeaturizer must be a positive number. Got {self.scale!r} instead."
            )
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
