"""A faster `transform` for the fitted feature union, with the same output.

scikit-learn's TfidfVectorizer builds every document's n-grams as Python strings, counts
them in a dict per document and assembles a sparse matrix per part, which the feature
union then stacks: about 200 µs a sentence for our three parts. Here a whole batch is
featurised at once, each part into a `Block` (the arrays of a CSR matrix): the word and
character n-gram parts in ngrams.py; cue kinds and speech acts (`CuePart`, `ActPart`,
here) from one `cue_scan.scan_cues` of the batch; a part's FeatureUnion weight
(`PipelineParams.ngram_weight`) multiplies its block.

Blocks stay plain arrays and are scored with scipy's CSR kernel directly: building scipy
matrices costs more than featurising a one-paragraph request. The result equals
`union.transform(texts)` to floating-point rounding (tests check 1e-12 on awkward texts,
both paths). Which part featurises which transformer is the feature families' business
(families.py); a union with a transformer no family speeds up goes through
`union.transform`: exact but slow.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import scipy.sparse as sp
from sklearn.pipeline import FeatureUnion

from training.model.speechacts import SpeechActFeaturizer, act_values
from training.text.cue_scan import scan_cues
from training.text.cues import CueFeaturizer, kind_counts

__all__ = ["ActPart", "Block", "CuePart", "FastFeatures"]


def _scipy_kernel():
    """scipy's CSR-times-dense kernel (private, unchanged for a decade), if it is there
    and gives the public product's answer; else None and the public path is used."""
    try:
        from scipy.sparse._sparsetools import csr_matvecs

        indptr, indices, data = np.array([0, 2, 3]), np.array([0, 2, 1]), np.array([1.0, 2.0, 3.0])
        dense, out = np.arange(6.0).reshape(3, 2), np.zeros((2, 2))
        csr_matvecs(2, 3, 2, indptr, indices, data, dense.ravel(), out.ravel())
        expected = sp.csr_matrix((data, indices, indptr), shape=(2, 3)) @ dense
        return csr_matvecs if np.array_equal(out, expected) else None
    except Exception:  # noqa: BLE001 - any failure means: use the public path
        return None


_csr_matvecs = _scipy_kernel()


@dataclass(frozen=True, slots=True)
class Block:
    """One part's features for a batch, as the arrays of a CSR matrix, and where its
    columns start in the union. Building a scipy matrix checks its arrays, ~50 µs a time:
    more than featurising a one-paragraph request, so blocks stay plain arrays."""

    data: np.ndarray
    indices: np.ndarray
    indptr: np.ndarray
    width: int
    offset: int = 0

    @property
    def n_rows(self) -> int:
        return len(self.indptr) - 1

    def csr(self) -> sp.csr_matrix:
        return sp.csr_matrix((self.data, self.indices, self.indptr), shape=(self.n_rows, self.width))

    def add_product(self, dense: np.ndarray, out: np.ndarray, *, ones: bool = False) -> None:
        """out += (this block, or its pattern of ones with `ones`) @ dense, for a dense
        (width x k) C-ordered array and out (n_rows x k). This is scipy's own CSR kernel,
        called directly: through `csr_matrix` the same product costs ~15x more on a
        one-paragraph request (format checks, index dtype checks, a new result)."""
        data = np.ones(len(self.data)) if ones else self.data
        if _csr_matvecs is None:
            out += sp.csr_matrix((data, self.indices, self.indptr), shape=(self.n_rows, self.width)) @ dense
            return
        if not (out.flags.c_contiguous and out.dtype == np.float64):
            raise ValueError("add_product writes in place: `out` must be a C-ordered float64 array")
        k = dense.shape[1] if dense.ndim == 2 else 1
        indices = self.indices if self.indices.dtype == self.indptr.dtype else self.indices.astype(self.indptr.dtype)
        _csr_matvecs(
            self.n_rows,
            self.width,
            k,
            self.indptr,
            indices,
            data,
            np.ascontiguousarray(dense, dtype=np.float64).ravel(),
            out.reshape(-1),
        )


class CuePart:
    preprocess = None  # reads the texts as they are (scan_cues folds them)

    def __init__(self, t: CueFeaturizer):
        self.kinds, self.scale = t.kinds_, float(t.scale)
        self.width = len(self.kinds)

    def transform(self, lows: list[str], texts: list[str], cue_scan=None) -> Block:
        r, c, n = kind_counts(texts, self.kinds, cue_scan)  # np.nonzero order: by row, then column
        indptr = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum(np.bincount(r, minlength=len(texts)), out=indptr[1:])
        return Block(np.log1p(n.astype(np.float64)) * self.scale, c, indptr, len(self.kinds))


class ActPart:
    preprocess = None

    def __init__(self, t: SpeechActFeaturizer):
        self.features, self.scale = t.features_, float(t.scale)
        self.width = len(self.features)

    def transform(self, lows: list[str], texts: list[str], cue_scan=None) -> Block:
        r, c, v = act_values(texts, self.features, cue_scan)  # by row, then column
        indptr = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum(np.bincount(r, minlength=len(texts)), out=indptr[1:])
        return Block(v * self.scale, c, indptr, len(self.features))


class FastFeatures:
    """The feature union's blocks, each equal to its part's `transform` (see the module
    docstring). `blocks(texts)` gives them apart, with their first column in the union:
    a linear model can score each block against its slice of coefficients, with no
    stacking; `transform(texts)` stacks them into one scipy matrix."""

    def __init__(self, union: FeatureUnion, part_of: Callable[[object], object | None]):
        """`part_of(transformer)`: its fast part, or None when there is none
        (families.fast_part_of); then the whole union goes through `union.transform`."""
        self.union = union
        self.parts: list = []
        offset = 0
        weights = union.transformer_weights or {}
        for name, t in ((name, t) for name, t in union.transformer_list if t not in ("drop", None)):
            part = part_of(t)
            if part is None:
                self.parts = []  # not ours to speed up: union.transform does it
                break
            # FeatureUnion multiplies a part's output by its weight, when it has one.
            self.parts.append((part, offset, weights.get(name)))
            offset += part.width
        self.scans = any(part.preprocess is None for part, _, _ in self.parts)
        self.width = offset

    def blocks(self, texts: list[str], cue_scan=None) -> list[Block]:
        """`cue_scan`: `scan_cues(texts)`, when the caller has it already."""
        if not self.parts:
            X = sp.csr_matrix(self.union.transform(texts))
            return [Block(X.data, X.indices, X.indptr, X.shape[1])]
        if cue_scan is None and self.scans:
            cue_scan = scan_cues(texts)  # one scan for the cue and the speech-act parts
        prepared: dict = {}  # each preprocessing once, for the parts that share it
        out = []
        for part, offset, weight in self.parts:
            how = part.preprocess
            if how is not None and how not in prepared:
                prepared[how] = [how(t) for t in texts]
            block = part.transform(prepared.get(how), texts, cue_scan)
            if weight is not None:
                np.multiply(block.data, weight, out=block.data)
            out.append(replace(block, offset=offset))
        return out

    def transform(self, texts: list[str]) -> sp.csr_matrix:
        blocks = [b.csr() for b in self.blocks(texts)]
        return sp.hstack(blocks, format="csr") if len(blocks) > 1 else blocks[0]
