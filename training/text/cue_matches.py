"""A batch's cue matches (`CueMatches`, what `cue_scan.scan_cues` finds), and the rules by which
one match overrides another: a denial word inside a non-denial use or a negation of the world,
and any word inside a quoted title, is dropped."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from training.text.lexicon import CUE_KINDS, KIND_COLUMN

__all__ = ["CueMatches", "drop_inside_titles", "drop_used_otherwise", "kind_mask"]


def kind_mask(*names: str) -> np.ndarray:
    """A boolean per kind column, True for the kinds `names`: `mask[columns]` marks the matches
    of those kinds (np.isin costs ten times more on a request's few dozen matches)."""
    mask = np.zeros(len(CUE_KINDS), dtype=bool)
    mask[[KIND_COLUMN[name] for name in names]] = True
    return mask


@dataclass(frozen=True)
class CueMatches:
    """Every cue match in a batch: single-word matches as arrays (row, kind column, start,
    end), the others (multi-word and searched entries) as a list of such tuples."""

    rows: np.ndarray
    columns: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    others: list[tuple[int, int, int, int]]
    # Per text: where each character of the text matched came from (normalise.fold_with_map's map,
    # composed by normalise.single_spaced), None when offsets are the same.
    origins: list[list[int] | None]
    cache: dict = field(default_factory=dict, compare=False, repr=False)  # what `counts` and `matches` computed

    def counts(self) -> np.ndarray:
        """(texts x every kind of CUE_KINDS) match counts, computed once per scan (the cue
        and the speech-act features both need them)."""
        found = self.cache.get("counts")
        if found is None:
            n, n_kinds = len(self.origins), len(CUE_KINDS)
            key = self.rows * n_kinds + self.columns
            if self.others:
                key = np.concatenate((key, [i * n_kinds + col for i, col, _, _ in self.others]))
            found = self.cache["counts"] = np.bincount(key, minlength=n * n_kinds).reshape(n, n_kinds)
        return found

    def matches(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Every match as arrays (row, kind column, start, end), in no particular order."""
        found = self.cache.get("matches")
        if found is None:
            other = np.asarray(self.others, dtype=np.int64).reshape(-1, 4)
            found = self.cache["matches"] = tuple(
                np.concatenate((a, other[:, q]))
                for q, a in enumerate((self.rows, self.columns, self.starts, self.ends))
            )
        return found


# A denial word or a dismissal inside a match of `non_denial_use` ("the bill was rejected", "a
# false alarm", "the fake news law") is not a denial word there; nor is a denial word or
# a negated claim inside a `world_negation` ("the promised rail link never happened", "the
# parade will not take place this year"). They are dropped, so that the cue features, the
# derived acts and the explanations all see only the other use, and "rejected" stops
# counting towards denial in every such use.
_USED_OTHERWISE = (
    (KIND_COLUMN["non_denial_use"], kind_mask("denial_verb", "falsity_word", "dismissal")),
    (KIND_COLUMN["world_negation"], kind_mask("denial_verb", "falsity_word", "negated_claim")),
)
# Inside a quoted title or slogan (text/quotes.py) every match but the quotation itself goes.
_ALL_BUT_QUOTES = np.arange(len(CUE_KINDS)) != KIND_COLUMN["direct_quote"]


def drop_used_otherwise(rows, starts, columns, lengths, others):
    for use, droppable in _USED_OTHERWISE:
        single = np.flatnonzero(columns == use)  # one-word uses ("mythical", "unclear")
        ends = starts[single] + lengths[single]
        uses = [(i, a, b) for i, col, a, b in others if col == use]
        uses += zip(rows[single].tolist(), starts[single].tolist(), ends.tolist(), strict=True)
        spans: dict[int, list[tuple[int, int]]] = {}
        for i, a, b in uses:
            spans.setdefault(i, []).append((a, b))
        rows, starts, columns, lengths, others = _drop_inside(spans, droppable, rows, starts, columns, lengths, others)
    return rows, starts, columns, lengths, others


def _drop_inside(spans: dict, droppable: np.ndarray, rows, starts, columns, lengths, others):
    """The matches without those of a kind `droppable` marks (a mask over the kind columns)
    that lie inside one of `spans` (row -> [(start, end)]) of their row."""
    if not spans:  # the common case: nothing to drop, nothing copied
        return rows, starts, columns, lengths, others

    def inside(i: int, a: int, b: int) -> bool:
        return any(x <= a and b <= y for x, y in spans.get(i, ()))

    keep = np.ones(len(rows), dtype=bool)
    for k in np.flatnonzero(droppable[columns] & np.isin(rows, list(spans))).tolist():
        keep[k] = not inside(int(rows[k]), int(starts[k]), int(starts[k] + lengths[k]))
    others = [m for m in others if not (droppable[m[1]] and m[0] in spans and inside(m[0], m[2], m[3]))]
    return rows[keep], starts[keep], columns[keep], lengths[keep], others


def drop_inside_titles(titles: dict, rows, starts, columns, lengths, others):
    """The matches without those inside a quoted title or slogan of their row, but the quotation itself."""
    return _drop_inside(titles, _ALL_BUT_QUOTES, rows, starts, columns, lengths, others)
