# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled: each row's feature contributions to its label, and their top ends.

The same answer as `contributions.top_contributions_numpy` (tests compare them entry for entry),
in one pass per row instead of some forty numpy calls: for a one-paragraph request those
calls' fixed costs were most of explaining's time. Built when the package is installed
(pyproject.toml, optional); without it, contributions.py uses the numpy version.
"""

from libc.stdint cimport int64_t
from libc.stdlib cimport calloc, free, malloc


cdef inline bint _before_towards(double v, int64_t c, double w, int64_t d) noexcept nogil:
    # Larger contribution first; on a tie, the lower column (the numpy version's lexsort).
    return v > w or (v == w and c < d)


cdef inline bint _before_against(double v, int64_t c, double w, int64_t d) noexcept nogil:
    # Smaller contribution first; on a tie, the higher column (that sort, read from its end).
    return v < w or (v == w and c > d)


cdef inline int _insert(double* vals, int64_t* cols, int n, int k, double v, int64_t c, bint towards) noexcept nogil:
    """Insert (v, c) into the sorted top list of n entries (at most k kept); the new n."""
    cdef int i = n
    if n == k:
        if towards and not _before_towards(v, c, vals[k - 1], cols[k - 1]):
            return n
        if not towards and not _before_against(v, c, vals[k - 1], cols[k - 1]):
            return n
        i = k - 1
    else:
        n += 1
    while i > 0 and ((towards and _before_towards(v, c, vals[i - 1], cols[i - 1]))
                     or (not towards and _before_against(v, c, vals[i - 1], cols[i - 1]))):
        vals[i] = vals[i - 1]
        cols[i] = cols[i - 1]
        i -= 1
    vals[i] = v
    cols[i] = c
    return n


def top_contributions(list blocks, const double[::1] coef_by_column, int64_t n_labels, const int64_t[::1] label_of_row,
                      const unsigned char[::1] is_cue, int k, const double[::1] own_by_column=None,
                      const double[::1] gate_of_row=None):
    """Per row: (its top k (column, contribution) pairs for its label and its bottom k
    against it, each only of that sign; its cue columns' contributions; their sum).
    `blocks`: (data, indices, indptr, offset) per block, float64 / int64 arrays;
    `coef_by_column`: the coefficients column by column (column j, label k at
    j * n_labels + k), the layout scoring has just read: its cache lines are still warm.
    With the user's adapter (model/adapt.py), row r's weight is
    `coef + gate_of_row[r] * own` (`own_by_column` laid out as `coef_by_column`)."""
    cdef Py_ssize_t n = label_of_row.shape[0]
    cdef Py_ssize_t r, e, q
    cdef const double[::1] data
    cdef const int64_t[::1] indices
    cdef const int64_t[::1] indptr
    cdef int64_t offset, col, label
    cdef double v, gate = 0.0
    cdef bint adapted = own_by_column is not None and gate_of_row is not None
    cdef int kk = k if k > 0 else 0
    cdef Py_ssize_t room = n * (kk + 1) + 1
    # Each row's running sum, and its top lists (kk + 1 places a row) with their lengths.
    cdef double* total = <double*> calloc(n + 1, sizeof(double))
    cdef int* nt = <int*> calloc(n + 1, sizeof(int))
    cdef int* na = <int*> calloc(n + 1, sizeof(int))
    cdef double* tv = <double*> malloc(room * sizeof(double))
    cdef int64_t* tc = <int64_t*> malloc(room * sizeof(int64_t))
    cdef double* av = <double*> malloc(room * sizeof(double))
    cdef int64_t* ac = <int64_t*> malloc(room * sizeof(int64_t))
    try:
        if not (total and nt and na and tv and tc and av and ac):
            raise MemoryError()
        cues = [{} for _ in range(n)]
        for block in blocks:  # block by block, each row's entries in order: the numpy version's sums
            data, indices, indptr, offset = block[0], block[1], block[2], block[3]
            for r in range(n):
                label = label_of_row[r]
                if adapted:
                    gate = gate_of_row[r]
                for e in range(indptr[r], indptr[r + 1]):
                    col = indices[e] + offset
                    if adapted:
                        v = data[e] * (coef_by_column[col * n_labels + label] + gate * own_by_column[col * n_labels + label])
                    else:
                        v = data[e] * coef_by_column[col * n_labels + label]
                    total[r] += v
                    if is_cue[col]:
                        cues[r][col] = v
                    if kk == 0:
                        continue
                    if v > 0:
                        nt[r] = _insert(tv + r * (kk + 1), tc + r * (kk + 1), nt[r], kk, v, col, True)
                    elif v < 0:
                        na[r] = _insert(av + r * (kk + 1), ac + r * (kk + 1), na[r], kk, v, col, False)
        return [([(tc[r * (kk + 1) + q], tv[r * (kk + 1) + q]) for q in range(nt[r])],
                 [(ac[r * (kk + 1) + q], av[r * (kk + 1) + q]) for q in range(na[r])], cues[r], total[r])
                for r in range(n)]
    finally:
        free(total); free(nt); free(na); free(tv); free(tc); free(av); free(ac)
