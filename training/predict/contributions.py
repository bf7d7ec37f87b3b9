"""Each sentence's feature contributions to its label, and their top ends.

By the compiled kernel (`_contrib.pyx`) where the install built it (compiled.py), else by
its numpy twin here, with the same answers (tests compare them entry for entry). A
contribution is a feature's value times its weight for the sentence (predict/linear.py).
"""

from __future__ import annotations

import numpy as np

from training.model.fastpath import Block
from training.predict.compiled import kernel
from training.predict.entry_ends import entries_by_row, row_ends
from training.predict.linear import LinearScores

_top_contributions = kernel("_contrib", "top_contributions")

__all__ = ["top_contributions", "top_contributions_numpy"]


def top_contributions(
    linear: LinearScores,
    blocks: list[Block],
    label_of_row: np.ndarray,
    gate: np.ndarray | None,
    is_cue: np.ndarray,
    top_k: int,
) -> list[tuple]:
    """Per row, for its label: (the top_k features for it and against it as (column,
    contribution), the cue columns' contributions, the sum of all contributions).
    `gate`: each row's gate when the model has the user's adapter, else None; `is_cue`:
    a uint8 mask of the cue columns."""
    if _top_contributions is None:
        return top_contributions_numpy(linear, blocks, label_of_row, gate, is_cue, top_k)
    parts = [
        (
            np.ascontiguousarray(b.data, dtype=np.float64),
            np.ascontiguousarray(b.indices, dtype=np.int64),
            np.ascontiguousarray(b.indptr, dtype=np.int64),
            b.offset,
        )
        for b in blocks
    ]
    adapted = gate is not None
    return _top_contributions(
        parts,
        linear.coef_by_column,
        linear.n_labels,
        np.ascontiguousarray(label_of_row, dtype=np.int64),
        is_cue,
        top_k,
        linear.own_by_column if adapted else None,
        np.ascontiguousarray(gate, dtype=np.float64) if adapted else None,
    )


def top_contributions_numpy(
    linear: LinearScores,
    blocks: list[Block],
    label_of_row: np.ndarray,
    gate: np.ndarray | None,
    is_cue: np.ndarray,
    top_k: int,
) -> list[tuple]:
    """`top_contributions` for all rows at once with numpy (per-row numpy calls cost more
    than the arithmetic)."""
    n = blocks[0].n_rows
    rows, places, counts = entries_by_row(blocks)
    idx = np.concatenate([b.indices + b.offset for b in blocks])
    # Each entry's coefficient for its row's label, by one flat take (2-D fancy indexing
    # costs several times more).
    at = label_of_row.take(rows) * linear.coef.shape[1] + idx
    coef = linear.coef_flat.take(at)
    if gate is not None:
        coef = coef + gate.take(rows) * linear.own_flat.take(at)
    contrib = np.concatenate([b.data for b in blocks]) * coef
    if not len(contrib):  # no sentence has a known feature
        return [([], [], {}, 0.0) for _ in range(n)]
    sums = np.bincount(rows, weights=contrib, minlength=n).tolist()
    cue = is_cue.take(idx).astype(bool)
    cue_rows, cue_cols, cue_values = rows[cue].tolist(), idx[cue].tolist(), contrib[cue].tolist()
    # Only each row's top_k largest and smallest are wanted: sort those alone.
    ends = row_ends(rows, places, counts, contrib, top_k)
    if ends is not None:
        idx, rows, contrib = idx[ends], rows[ends], contrib[ends]
    # By row, then contribution descending, then column (blocks may list columns unsorted).
    order = np.lexsort((idx, -contrib, rows))
    bounds = np.searchsorted(rows[order], np.arange(n + 1))
    lo, hi = bounds[:-1, None], bounds[1:, None]
    step = np.arange(top_k)
    # The first and last top_k places of each row (past its ends: -1), as plain lists.
    first = np.where(lo + step < hi, order[np.minimum(lo + step, len(order) - 1)], -1)
    last = np.where(hi - 1 - step >= lo, order[np.maximum(hi - 1 - step, 0)], -1)
    picked = np.concatenate((first, last), axis=1)
    cols = np.where(picked >= 0, idx[picked], -1).tolist()
    values = np.where(picked >= 0, contrib[picked], 0.0).tolist()
    cue_parts: list[dict[int, float]] = [{} for _ in range(n)]
    for r, j, c in zip(cue_rows, cue_cols, cue_values, strict=True):
        cue_parts[r][j] = c
    out = []
    for r in range(n):
        cr, vr = cols[r], values[r]
        towards = [(cr[q], vr[q]) for q in range(top_k) if vr[q] > 0]
        against = [(cr[q], vr[q]) for q in range(top_k, 2 * top_k) if vr[q] < 0]
        out.append((towards, against, cue_parts[r], sums[r]))
    return out
