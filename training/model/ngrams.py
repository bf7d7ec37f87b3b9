"""The word and character n-gram parts of the fast path (fastpath.py): a fitted word or
char_wb TfidfVectorizer's `transform`, for a whole batch at once, with the same output.

- tokens come from `tokenize.batch_tokens` (bytes.translate for ASCII texts) with their
  look-up done in the same pass; word n-grams are integers made of token ids, found in
  the fitted vocabulary with `searchsorted`; a word's character n-grams are computed once
  per distinct word and gathered with numpy; the n-gram parts read the texts through
  their preprocessor (`normalise.fold_lower`, or lower-casing for models from before it),
  once per batch for both;
- one sort of a part's (row, column) keys counts them (for many words, a sparse product);
- the fitted sublinear tf, idf and l2 norm are applied with numpy.
"""

from __future__ import annotations

import re
import threading
from itertools import repeat

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from training.model.damping import ShortRowDamping, damp_rows
from training.model.fastpath import Block
from training.text.normalise import fold_lower
from training.text.tokenize import SEPARATOR, TOKEN_PATTERN, WORD_TOKEN, WORD_TOKEN_MARKS, ascii_table, batch_tokens

__all__ = ["TfidfPart", "is_plain_tfidf"]

# Word occurrences in a batch from which char n-grams are counted by a sparse product
# rather than gathered and sorted (below it, building the matrices costs more).
_PRODUCT_FROM = 2_000


def is_plain_tfidf(v, analyzer: str) -> bool:
    # Lower-cased, or folded and lower-cased by `fold_lower` (scikit-learn ignores `lowercase` then).
    return (
        isinstance(v, TfidfVectorizer)
        and v.analyzer == analyzer
        and v.tokenizer is None
        and (v.preprocessor is fold_lower or v.preprocessor is None and v.lowercase)
        and v.strip_accents is None
        and v.stop_words is None
        and not v.binary
        and v.norm == "l2"
        and v.use_idf
        and v.input == "content"
        and (analyzer != "word" or v.ngram_range[0] == 1 and v.ngram_range[1] <= 3)
    )


class TfidfPart:
    """A word or char_wb TfidfVectorizer: counts from the part above, then the fitted
    sublinear tf, idf and l2 norm, as TfidfTransformer applies them, and for a word
    vectorizer wrapped in `ShortRowDamping` its rows' factors."""

    def __init__(self, v: TfidfVectorizer | ShortRowDamping):
        # A damped vectorizer (damping.py): the same part, then its rows scaled.
        self.full_at = v.full_at if isinstance(v, ShortRowDamping) else None
        v = v.vectorizer if isinstance(v, ShortRowDamping) else v
        self.ngrams = _WordNgrams(v) if v.analyzer == "word" else _CharWbNgrams(v)
        self.width = len(v.idf_)
        self.idf = np.asarray(v.idf_, dtype=np.float64)
        self.sublinear = bool(v.sublinear_tf)
        self.preprocess = fold_lower if v.preprocessor is fold_lower else str.lower

    def transform(self, lows: list[str], texts: list[str], cue_scan=None) -> Block:
        X = self.ngrams.counts(lows)
        data = X.data
        if self.sublinear:
            np.log(data, out=data)
            data += 1.0
        data *= self.idf[X.indices]
        _l2_normalise_rows(data, X.indptr)
        if self.full_at is not None:
            damp_rows(data, X.indptr, self.full_at)
        return X


class _WordNgrams:
    """Word 1..3-grams. Every token that occurs in a vocabulary term gets an id; an n-gram
    is then an integer (its token ids in base T), found in the sorted n-gram keys."""

    def __init__(self, v: TfidfVectorizer):
        self.max_n = v.ngram_range[1]
        self.width = len(v.idf_)
        terms = list(v.vocabulary_.items())
        self.token_id: dict = {}
        for term, _ in terms:
            for tok in term.split(" "):
                self.token_id.setdefault(tok, len(self.token_id))
        if v.token_pattern == TOKEN_PATTERN:
            # The same tokens, found faster (see text/tokenize.py); "?" and "!" need ids even when
            # not in the vocabulary, as they stand between the words around them.
            self.token = WORD_TOKEN
            self.table = ascii_table(WORD_TOKEN_MARKS)
            for tok in ("?", "!"):
                self.token_id.setdefault(tok, len(self.token_id))
        else:
            self.token, self.table = re.compile(v.token_pattern), None
        self.base = max(len(self.token_id), 1)
        self.token_id.update({t.encode(): i for t, i in list(self.token_id.items()) if t.isascii()})
        self.token_id[SEPARATOR] = -2
        self.unigram_col = np.full(self.base, -1, dtype=np.int64)
        keys: dict[int, list[tuple[int, int]]] = {n: [] for n in range(2, self.max_n + 1)}
        for term, col in terms:
            ids = [self.token_id[t] for t in term.split(" ")]
            if len(ids) == 1:
                self.unigram_col[ids[0]] = col
            else:
                keys[len(ids)].append((self._key(ids), col))
        self.ngram_keys = {}
        for n, pairs in keys.items():
            pairs.sort()
            self.ngram_keys[n] = (
                np.asarray([k for k, _ in pairs], dtype=np.int64),
                np.asarray([c for _, c in pairs], dtype=np.int64),
            )

    def _key(self, ids: list[int]) -> int:
        key = 0
        for i in ids:
            key = key * self.base + i
        return key

    def counts(self, lows: list[str]) -> Block:
        rows, cols = self._occurrences(lows)
        return _count(rows, cols, len(lows), self.width)

    def _occurrences(self, lows: list[str]) -> tuple[np.ndarray, np.ndarray]:
        found = batch_tokens(lows, self.token, self.table, self.token_id, spaced=b"?!" if self.table else b"")
        ids, rows = found.ids, found.rows
        if self.table is not None:
            # The ASCII fast path splits out one-letter words too; the regex keeps words of two
            # characters or more, and "?" and "!" (ids >= 0). Separators go as well.
            lengths = np.fromiter(map(len, found.tokens), dtype=np.int64, count=len(ids))
            keep = found.is_token & ((lengths >= 2) | (ids >= 0))
            ids, rows = ids[keep], rows[keep]
        known = ids >= 0
        uni = np.where(known, self.unigram_col[np.where(known, ids, 0)], -1)
        out_rows, out_cols = [rows[uni >= 0]], [uni[uni >= 0]]
        for n in range(2, self.max_n + 1):
            if len(ids) < n:
                break
            m = len(ids) - n + 1
            ok = rows[:m] == rows[n - 1 :]  # the n-gram does not cross into the next text
            key = np.zeros(m, dtype=np.int64)
            for q in range(n):
                ok &= known[q : q + m]
                key = key * self.base + ids[q : q + m]
            sorted_keys, cols = self.ngram_keys[n]
            if not len(sorted_keys):
                continue
            where = np.flatnonzero(ok)
            pos = np.searchsorted(sorted_keys, key[where]).clip(max=len(sorted_keys) - 1)
            hit = sorted_keys[pos] == key[where]
            out_rows.append(rows[where[hit]])
            out_cols.append(cols[pos[hit]])
        return np.concatenate(out_rows), np.concatenate(out_cols)


class _CharWbNgrams:
    """Character n-grams within word boundaries. A word's n-grams depend on the word alone,
    so its vocabulary columns are computed once per distinct word and kept in growing
    arrays, from which a batch's occurrences are gathered with numpy."""

    def __init__(self, v: TfidfVectorizer, max_words: int = 300_000):
        self.v = v
        self.vocab = v.vocabulary_
        self.width = len(v.idf_)
        self.max_words = max_words
        # The cache grows in place: two threads adding words at once (a Dask worker's
        # threads, the service's big-request thread beside its event loop) must take turns.
        self._lock = threading.Lock()
        self._reset()

    def __getstate__(self) -> dict:  # a lock does not pickle; the cache is rebuilt where it lands
        return {"v": self.v, "max_words": self.max_words}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["v"], state["max_words"])

    def _reset(self) -> None:
        self.word_index: dict[str, int] = {"\x00": -2}  # the separator between texts
        self.starts = np.zeros(1024, dtype=np.int64)
        self.lengths = np.zeros(1024, dtype=np.int64)
        self.columns = np.zeros(16 * 1024, dtype=np.int64)
        self.used = 0

    def _add(self, word: str) -> int:
        get = self.vocab.get
        cols = [j for j in (get(g) for g in self.v._char_wb_ngrams(word)) if j is not None]
        k = len(self.word_index) - 1
        if k == len(self.starts):
            self.starts, self.lengths = np.resize(self.starts, 2 * k), np.resize(self.lengths, 2 * k)
        if self.used + len(cols) > len(self.columns):
            self.columns = np.resize(self.columns, max(2 * len(self.columns), self.used + len(cols)))
        self.columns[self.used : self.used + len(cols)] = cols
        self.starts[k], self.lengths[k] = self.used, len(cols)
        self.used += len(cols)
        self.word_index[word] = k
        return k

    def counts(self, lows: list[str]) -> Block:
        with self._lock:
            return self._counts(lows)

    def _counts(self, lows: list[str]) -> Block:
        joined = " \x00 ".join(lows)
        if joined.count("\x00") != len(lows) - 1:  # a text holds the separator itself: the slow way
            return self._counts_one_by_one(lows)
        flat = joined.split()  # one split for the batch; a "\x00" word ends a text
        if len(self.word_index) + len(flat) > self.max_words:
            self._reset()  # bounded memory on endless streams of new words
        get = self.word_index.get
        index = np.fromiter(map(get, flat, repeat(-1)), dtype=np.int64, count=len(flat))
        for i in np.flatnonzero(index == -1).tolist():
            found = get(flat[i])
            index[i] = found if found is not None else self._add(flat[i])
        is_word = index != -2
        rows = np.cumsum(~is_word)[is_word]
        index = index[is_word]
        if len(index) < _PRODUCT_FROM:
            lengths = self.lengths[index]
            cols = _ragged_gather(self.starts[index], lengths, self.columns)
            return _count(np.repeat(rows, lengths), cols, len(lows), self.width)
        # Many words: (texts x distinct words) @ (distinct words x columns), a sparse
        # product that sums repeated n-grams without sorting them (2x faster here).
        distinct, local = np.unique(index, return_inverse=True)
        indptr = np.zeros(len(lows) + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=len(lows)), out=indptr[1:])
        texts_words = sp.csr_matrix((np.ones(len(index)), local.ravel(), indptr), shape=(len(lows), len(distinct)))
        lengths = self.lengths[distinct]
        word_ptr = np.zeros(len(distinct) + 1, dtype=np.int64)
        np.cumsum(lengths, out=word_ptr[1:])
        cols = _ragged_gather(self.starts[distinct], lengths, self.columns)
        words_cols = sp.csr_matrix((np.ones(len(cols)), cols, word_ptr), shape=(len(distinct), self.width))
        X = texts_words @ words_cols
        return Block(X.data, X.indices.astype(np.int64), X.indptr.astype(np.int64), self.width)

    def _counts_one_by_one(self, lows: list[str]) -> Block:
        get = self.vocab.get
        rows, cols = [], []
        for i, low in enumerate(lows):
            for g in self.v._char_wb_ngrams(low):
                j = get(g)
                if j is not None:
                    rows.append(i)
                    cols.append(j)
        return _count(np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64), len(lows), self.width)


def _count(rows: np.ndarray, cols: np.ndarray, n_rows: int, width: int) -> Block:
    """The (n_rows x width) counts of the (row, column) occurrences, columns sorted."""
    key = np.sort(rows * width + cols)
    first = np.concatenate(([True], key[1:] != key[:-1])) if len(key) else np.zeros(0, dtype=bool)
    starts = np.flatnonzero(first)
    unique = key[starts]
    counts = np.diff(np.append(starts, len(key))).astype(np.float64)
    r = unique // width
    indptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(r, minlength=n_rows), out=indptr[1:])
    return Block(counts, unique - r * width, indptr, width)


def _l2_normalise_rows(data: np.ndarray, indptr: np.ndarray) -> None:
    """Divide each CSR row's values by their l2 norm, in place (empty rows stay empty)."""
    lengths = np.diff(indptr)
    nonempty = lengths > 0
    norms = np.ones(len(lengths))
    if nonempty.any():
        # reduceat needs start indices inside `data`: take only rows that have values.
        norms[nonempty] = np.sqrt(np.add.reduceat(data * data, indptr[:-1][nonempty]))
    norms[norms == 0] = 1.0
    data /= np.repeat(norms, lengths)


def _ragged_gather(starts: np.ndarray, lengths: np.ndarray, values: np.ndarray) -> np.ndarray:
    """values[starts[0]:starts[0]+lengths[0]] + values[starts[1]:...] + ..., concatenated."""
    total = int(lengths.sum())
    if total == 0:
        return values[:0]
    ends = np.cumsum(lengths)
    step = np.ones(total, dtype=np.int64)
    nonempty = lengths > 0
    # Where each range begins in the output, jump from the previous range's end to its start.
    first = (ends - lengths)[nonempty]
    step[first] = starts[nonempty] - np.concatenate(([0], (starts + lengths - 1)[nonempty][:-1]))
    step[0] = starts[nonempty][0]
    return values[np.cumsum(step)]
