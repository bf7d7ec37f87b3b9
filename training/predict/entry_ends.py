"""Which entries of a request's sparse blocks can be each row's top contributions, for the
numpy twin of the contributions kernel (`top_contributions_numpy` in contributions.py).
Kept apart from classify.py for its size; these run once a request, never per sentence.
"""

from __future__ import annotations

import numpy as np

from training.model.fastpath import Block

__all__ = ["entries_by_row", "row_ends"]


def entries_by_row(blocks: list[Block]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For the blocks' entries, concatenated: each one's row, its place among its row's
    entries (all blocks together), and each row's number of entries."""
    n = blocks[0].n_rows
    counts = np.zeros(n, dtype=np.int64)
    rows, places = [], []
    for b in blocks:
        per_row = np.diff(b.indptr)
        rows.append(np.repeat(np.arange(n), per_row))
        # An entry's place: its index in the block, less where its row starts in the block,
        # plus its row's entries in earlier blocks.
        places.append(np.arange(len(b.data)) - np.repeat(b.indptr[:-1] - counts, per_row))
        counts += per_row
    return np.concatenate(rows), np.concatenate(places), counts


def row_ends(rows: np.ndarray, places: np.ndarray, counts: np.ndarray, values: np.ndarray, k: int) -> np.ndarray | None:
    """A mask of the positive entries at or above their row's k-th largest value and the
    negative ones at or below its k-th smallest (ties included, so sorting only these gives
    each row's top_k towards and against exactly as sorting all would), or None when that
    would keep (nearly) everything. Sorting all of a request's entries (~200 a sentence:
    char n-grams) cost more than the rest of its explanation. `places`, `counts`: see
    entries_by_row."""
    n_rows, width = len(counts), int(counts.max()) if len(counts) else 0
    if k < 1 or width <= 2 * k or n_rows * width > 4 * len(values) + 4096:  # short rows, or one long row among short
        return None
    # The rows laid out in a table padded with zeros (a row with fewer than k positive
    # entries then has a k-th largest <= 0: all of them are kept).
    table = np.zeros((n_rows, width))
    np.put(table, rows * width + places, values)
    ends = np.partition(table, (k - 1, width - k), axis=1)
    bottom, top = ends[:, k - 1].take(rows), ends[:, width - k].take(rows)
    return ((values > 0) & (values >= top)) | ((values < 0) & (values <= bottom))
