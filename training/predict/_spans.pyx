# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled: where a word n-gram occurs in an ASCII sentence, for its explanation.

The tokens of TOKEN_PATTERN in ASCII text are plain runs of two or more word characters
(letters, digits, "_"), and "?" and "!" each alone: `AsciiTokens` finds them once per
sentence, and `find` compares a feature's tokens with them in place. The same spans as
`SpanFinder`'s tokenising with the regular expression in spans.py (tests compare
them); built when the package is installed (pyproject.toml, optional), else that runs.
"""

from cpython.unicode cimport PyUnicode_1BYTE_DATA, PyUnicode_GET_LENGTH
from libc.stdlib cimport free, malloc
from libc.string cimport memcmp


cdef inline bint _word(unsigned char c) noexcept nogil:
    return (97 <= c <= 122) or (65 <= c <= 90) or (48 <= c <= 57) or c == 95


cdef class AsciiTokens:
    """The tokens of an ASCII text, as (start, end) offsets into it."""

    cdef str text  # holds the buffer `data` points into
    cdef const unsigned char* data
    cdef Py_ssize_t n
    cdef Py_ssize_t* starts
    cdef Py_ssize_t* ends

    def __cinit__(self, str text):
        if not text.isascii():
            raise ValueError("AsciiTokens: expected an ASCII text, got one with other characters")
        cdef Py_ssize_t length = PyUnicode_GET_LENGTH(text)
        cdef Py_ssize_t i = 0, j
        cdef unsigned char c
        self.text = text
        self.data = PyUnicode_1BYTE_DATA(text)
        self.n = 0
        self.starts = <Py_ssize_t*> malloc((length + 1) * sizeof(Py_ssize_t))
        self.ends = <Py_ssize_t*> malloc((length + 1) * sizeof(Py_ssize_t))
        if self.starts == NULL or self.ends == NULL:
            raise MemoryError()
        while i < length:
            c = self.data[i]
            if _word(c):
                j = i + 1
                while j < length and _word(self.data[j]):
                    j += 1
                if j - i >= 2:  # one-character words are not tokens
                    self.starts[self.n], self.ends[self.n] = i, j
                    self.n += 1
                i = j
            else:
                if c == 63 or c == 33:  # "?", "!"
                    self.starts[self.n], self.ends[self.n] = i, i + 1
                    self.n += 1
                i += 1

    def __dealloc__(self):
        free(self.starts)
        free(self.ends)

    def find(self, tuple needle, Py_ssize_t base):
        """[[base + start, base + end], ...] of each place where the tokens `needle` (a
        lower-cased n-gram, as the text should be) follow each other; places may overlap."""
        cdef Py_ssize_t k = len(needle), i, q, a, size
        if k == 0:
            return []
        for token in needle:
            if not isinstance(token, str) or not (<str> token).isascii():
                return []  # not a token an ASCII text can hold
        cdef const unsigned char** want = <const unsigned char**> malloc(k * sizeof(unsigned char*))
        cdef Py_ssize_t* sizes = <Py_ssize_t*> malloc(k * sizeof(Py_ssize_t))
        try:
            if want == NULL or sizes == NULL:
                raise MemoryError()
            for q in range(k):
                want[q] = PyUnicode_1BYTE_DATA(needle[q])  # `needle` holds them for the call
                sizes[q] = PyUnicode_GET_LENGTH(needle[q])
            out = []
            for i in range(self.n - k + 1):
                for q in range(k):
                    a = self.starts[i + q]
                    size = self.ends[i + q] - a
                    if size != sizes[q] or memcmp(self.data + a, want[q], size) != 0:
                        break
                else:
                    out.append([base + self.starts[i], base + self.ends[i + k - 1]])
            return out
        finally:
            free(want)
            free(sizes)
