"""From text to labelled sentences with exact explanations.

`Classifier` wraps a fitted pipeline. It transforms all sentences of a request in one
call and predicts and explains from that same matrix (re-transforming to explain nearly
doubles the cost), using the linear model's coefficients directly (linear.py): for label k the
decision score is `x @ coef[k] + intercept[k]`, so each feature's contribution
`x_j * coef[k, j]` is exact and they add up, with the intercept, to the score (with the
user's adapter, a sentence's weights and intercept are its own). The probabilities are `softmax(scores / temperature)` (see model/calibration.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from sklearn.pipeline import Pipeline

from training.model.families import family_of, fast_part_of
from training.model.fastpath import Block, FastFeatures
from training.predict.contributions import top_contributions
from training.predict.linear import LinearScores
from training.predict.spans import SpanFinder
from training.predict.summary import summarise
from training.predict.whatif import WhatIfBudget, WhatIfLimits
from training.text.cue_scan import scan_cues
from training.text.cues import CUE_KINDS, find_cues_many
from training.text.denied_claims import denied_claim
from training.text.language import DEFAULT_LANGUAGE
from training.text.lexicon import readable_entry
from training.text.screen import Screened, screen, skipped_item
from training.text.sentences import Sentence, split_sentences
from training.text.sources import find_sources

__all__ = ["Classifier", "Thresholds"]


@dataclass(frozen=True)
class Thresholds:
    """When a prediction is flagged `uncertain` (see README, "Abstention"). `words_only`: also
    flag a denial or an insinuation that no cue or speech act favours, whose label rests on
    words alone (on text nobody here wrote, most such calls were wrong)."""

    min_confidence: float = 0.5
    min_margin: float = 0.1
    min_known_words: int = 2
    words_only: bool = True


# The uncertain reasons for each combination of (low confidence, small margin, few known words, words only).
_REASON_BITS = (("low_confidence", 8), ("small_margin", 4), ("few_known_words", 2), ("words_only", 1))
_REASONS = [tuple(r for r, bit in _REASON_BITS if code & bit) for code in range(16)]
# The label a sentence takes when nothing marks it as another (GUIDELINES, step 4): it needs no cue.
_DEFAULT_LABEL = "assertion"


def _softmax(scores: np.ndarray) -> np.ndarray:
    z = scores - scores.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class Classifier:
    """Predict and explain with a fitted pipeline (see module docstring)."""

    def __init__(
        self,
        pipeline: Pipeline,
        *,
        model_id: str = "",
        sha256: str = "",
        version: str = "",
        thresholds: Thresholds | None = None,
        languages=(DEFAULT_LANGUAGE,),
    ):
        self.pipeline = pipeline
        self.languages = frozenset(languages)  # the languages it labels; sentences in others are skipped
        self.model_id = model_id
        self.sha256 = sha256
        self.version = version
        self.thresholds = thresholds or Thresholds()
        self.features = pipeline.named_steps["features"]
        self._fast = FastFeatures(self.features, fast_part_of)
        clf = pipeline.named_steps["clf"]
        self.labels: list[str] = [str(c) for c in clf.classes_]
        self.linear = LinearScores(clf)
        self.temperature = float(getattr(clf, "temperature_", 1.0))
        self._columns_by_family()

    def __getstate__(self) -> dict:
        # The families' functions are not pickled (Dask ships a Classifier to its workers):
        # the unpickled copy looks them up again, in its own process's registry.
        return {k: v for k, v in self.__dict__.items() if k not in ("_finder", "_needle")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._columns_by_family()

    def _columns_by_family(self) -> None:
        """What each column is, from the family of the union part it comes from (model/families.py),
        never from the part's name: its family's label, whether it is a known word, the cue
        kind it counts, and what its spans are searched with."""
        owner = {name: family_of(t) for name, t in self.features.transformer_list if t not in ("drop", None)}
        parts = [n.split("__", 1) for n in self.features.get_feature_names_out()]
        family = [owner[part] for part, _ in parts]
        self._name_of = [name for _, name in parts]
        self._family_label = [f.label if f else part for f, (part, _) in zip(family, parts, strict=True)]
        self._unigram_mask = np.array(
            [bool(f and f.is_word(n)) for f, n in zip(family, self._name_of, strict=True)], dtype=np.float64
        )[:, None]
        self._has_words: dict[tuple[int, int], bool] = {}  # per block (offset, width): any word column
        kinds = [f.cue_kind(n) if f else None for f, n in zip(family, self._name_of, strict=True)]
        # A cue's weight is the column that counts its kind: "cue:<kind>", or "act:<kind>" for a speech act.
        self._cue_col = {"cue:" + k: j for j, k in enumerate(kinds) if k is not None}
        self._is_cue_bytes = np.array([k is not None for k in kinds], dtype=np.uint8)
        # The cue columns' weights, and beside them the user's own (model/adapt.py) when the model has them.
        weights = (
            self.linear.coef.T if self.linear.adapter is None else np.hstack([self.linear.coef.T, self.linear.own.T])
        )
        self._cue_coef_t = np.ascontiguousarray(weights * self._is_cue_bytes[:, None])
        self._has_cues: dict[tuple[int, int], bool] = {}  # per block (offset, width): any cue column
        # What each column's spans are searched with: prepared once, not per explanation.
        self._needle = [f.needle(n) if f else None for f, n in zip(family, self._name_of, strict=True)]
        self._finder = [f.find if f else None for f in family]

    # -- scoring ---------------------------------------------------------------------

    def transform(self, texts: list[str]):
        return self._fast.transform(texts)

    def _block_scores(self, blocks: list[Block]) -> tuple[np.ndarray, np.ndarray | None]:
        """(the decision scores, each row's gate or None): linear.py."""
        return self.linear.scores(blocks)

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        """Probabilities for each text scored as one unit (no sentence splitting)."""
        if not texts:
            return np.zeros((0, len(self.labels)))
        return _softmax(self._block_scores(self._fast.blocks(texts))[0] / self.temperature)

    def verdicts(self, texts: list[str]) -> list[tuple]:
        """Per text, scored as one unit (no sentence splitting): (label, confidence,
        probabilities, known words, uncertain reasons), as `classify` gives a sentence."""
        if not texts:
            return []
        blocks = self._fast.blocks(texts)
        return self._verdicts(blocks, *self._block_scores(blocks))

    def abstention_inputs(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Per text, scored as one unit, from one featurisation: how many of its words the model
        knows, and whether its label is a denial or an insinuation that no cue or speech act
        favours over every other label (the `words_only` reason)."""
        if not texts:
            return np.zeros(0, dtype=int), np.zeros(0, dtype=bool)
        blocks = self._fast.blocks(texts)
        return self._known_words(blocks), self._words_only(blocks, *self._block_scores(blocks))

    def _words_only(self, blocks: list[Block], scores: np.ndarray, gate: np.ndarray | None) -> np.ndarray:
        n = blocks[0].n_rows
        if _DEFAULT_LABEL not in self.labels:
            return np.zeros(n, dtype=bool)
        # The cue and speech-act columns' part of each label's score, from the few blocks that
        # hold such columns: the shared weights' part plus, with the user's adapter, its own
        # weights' part times the sentence's gate, as the score itself adds them (linear.py).
        k = len(self.labels)
        cue = np.zeros((n, self._cue_coef_t.shape[1]))
        self._add_products(blocks, self._cue_coef_t, self._has_cues, cue)
        if gate is not None:
            cue = cue[:, :k] + gate[:, None] * cue[:, k:]
        top = scores.argmax(axis=1)
        rows = np.arange(n)
        own = cue[rows, top].copy()
        cue[rows, top] = -np.inf
        return (top != self.labels.index(_DEFAULT_LABEL)) & (own <= cue.max(axis=1))

    def known_word_counts(self, texts: list[str]) -> np.ndarray:
        """How many words of each text the model has a feature for."""
        if not texts:
            return np.zeros(0, dtype=int)
        return self._known_words(self._fast.blocks(texts))

    def _known_words(self, blocks: list[Block]) -> np.ndarray:
        # A column mask over each block's indices, not X[:, cols]: scipy's column slicing
        # costs more than the whole linear model for a one-paragraph request.
        known = np.zeros((blocks[0].n_rows, 1))
        self._add_products(blocks, self._unigram_mask, self._has_words, known, ones=True)
        return known[:, 0].astype(int)

    @staticmethod
    def _add_products(blocks: list[Block], dense: np.ndarray, seen: dict, out: np.ndarray, *, ones=False) -> None:
        """out += each block (or its pattern of ones) @ its rows of `dense`, for the blocks whose
        rows are not all zero. Whether they are is asked once per block and kept in `seen`:
        `any` over a block's width (50,000 columns) on every call cost 25 us, a twentieth of a
        one-paragraph request."""
        for b in blocks:
            part = dense[b.offset : b.offset + b.width]
            has = seen.get((b.offset, b.width))
            if has is None:
                has = seen[(b.offset, b.width)] = bool(part.any())
            if has:
                b.add_product(part, out, ones=ones)

    # -- documents ---------------------------------------------------------------------

    def classify(self, text: str, *, explain: bool | str = True, top_k: int = 5) -> dict:
        return self.classify_many([text], explain=explain, top_k=top_k)[0]

    def classify_many(
        self,
        texts: list[str],
        *,
        explain: bool | str = True,
        top_k: int = 5,
        sources: bool = True,
        what_if: WhatIfLimits | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[dict]:
        """Split every text into sentences and label them all with one model call.

        `sources=False` skips attribution (it costs more than the model; batch scoring
        without explanations does not need it). With `explain="full"`, `what_if` bounds
        the what-if work and `cancelled` can stop it (whatif.py)."""
        budget = WhatIfBudget(what_if, cancelled) if explain == "full" else None
        split = [split_sentences(t) for t in texts]
        # Page furniture and other languages are set aside; the rest is read with URLs and
        # entities folded out (text/screen.py). The one place where a sentence may skip the model.
        screened = screen(split, self.languages)
        scores, verdicts, cues, parts, gates = self._score_screened(screened, explain, top_k)
        out, row = [], 0
        for d, (text, sents) in enumerate(zip(texts, split, strict=True)):
            found = find_sources(text, sents) if sources else [None] * len(sents)
            items = []
            for i, s in enumerate(sents):
                if screened.skipped[d][i] is not None:
                    items.append(skipped_item(i, s, screened.skipped[d][i], screened.languages[d][i], explain))
                    continue
                label, confidence, p, k, reasons = verdicts[row]
                source = found[i]
                item = {
                    "index": i,
                    "start": s.start,
                    "end": s.end,
                    "text": s.text,
                    "label": label,
                    "confidence": confidence,
                    "probabilities": dict(zip(self.labels, p, strict=True)),
                    "uncertain": bool(reasons),
                    "uncertain_reasons": list(reasons),
                    "known_words": k,
                    "source": source.to_dict() if source is not None else None,
                    "skipped": None,
                    "language": screened.languages[d][i],
                }
                if explain:
                    item["explanation"] = self._explain(
                        SpanFinder(s, next(cues)),
                        label,
                        scores[row],
                        *parts[row],
                        gate=None if gates is None else gates[row],
                        what_if=budget,
                    )
                    item["explanation"]["denied"] = denied_claim(text, s.start, s.end) if label == "denial" else None
                items.append(item)
                row += 1
            out.append(self._document(items, screened.document_languages[d]))
        return out

    def _document(self, items: list[dict], language: str) -> dict:
        """One document's result around its sentence items."""
        return {
            "sentences": items,
            "summary": summarise(items, self.labels),
            "model": self.model_info(),
            "language": language,
        }

    def _score_screened(self, screened: Screened, explain: bool | str, top_k: int) -> tuple:
        """For all the sentences `screen` kept, in one model call: (scores, verdicts, and when
        explaining, an iterator over each sentence's cues, each one's contributions, and each
        one's gate when the model has the user's adapter)."""
        flat = screened.texts
        if not flat:
            return np.zeros((0, len(self.labels))), [], None, None, None
        cue_scan = scan_cues(flat) if explain else None  # for the features and the spans
        blocks = self._fast.blocks(flat, cue_scan)
        scores, gate = self._block_scores(blocks)
        verdicts = self._verdicts(blocks, scores, gate)
        if not explain:
            return scores, verdicts, None, None, None
        # The cues of every sentence, in one pass, for their spans; contributions likewise.
        cues = iter(screened.original_cues(find_cues_many(flat, screened.starts, cue_scan)))
        label_index = {lab: k for k, lab in enumerate(self.labels)}
        labels = np.asarray([label_index[v[0]] for v in verdicts])
        parts = top_contributions(self.linear, blocks, labels, gate, self._is_cue_bytes, top_k)
        return scores, verdicts, cues, parts, None if gate is None else gate.tolist()

    def model_info(self) -> dict:
        return {"id": self.model_id, "version": self.version, "sha256": self.sha256}

    def _verdicts(self, blocks: list[Block], scores: np.ndarray, gate: np.ndarray | None) -> list[tuple]:
        """Per row of the blocks, their decision scores and gates (linear.py): (label, confidence, probabilities,
        known words, uncertain reasons), computed for all rows at once (see README, "Abstention")."""
        n = len(scores)
        if not n:
            return []
        probs = _softmax(scores / self.temperature)
        known = self._known_words(blocks)
        order = np.argsort(-probs, axis=1, kind="stable")
        top = probs[np.arange(n), order[:, 0]]
        second = probs[np.arange(n), order[:, 1]] if probs.shape[1] > 1 else np.zeros(n)
        t = self.thresholds
        code = (top < t.min_confidence) * 8 + (top - second < t.min_margin) * 4 + (known < t.min_known_words) * 2
        if t.words_only:  # the cue blocks' scores are computed only when the rule is on
            code += self._words_only(blocks, scores, gate)
        code = code.tolist()
        labels = [self.labels[k] for k in order[:, 0].tolist()]
        return list(zip(labels, top.tolist(), probs.tolist(), known.tolist(), (_REASONS[c] for c in code), strict=True))

    # -- explanation -------------------------------------------------------------------

    def _explain(
        self,
        spans: SpanFinder,
        label: str,
        score_row: np.ndarray,
        towards: list,
        against: list,
        cue_contrib: dict[int, float],
        total: float,
        *,
        gate: float | None,
        what_if: WhatIfBudget | None,
    ) -> dict:
        s = spans.s
        k = self.labels.index(label)
        per_kind: dict[str, int] = {}
        for c in spans.cues:
            per_kind[c.kind] = per_kind.get(c.kind, 0) + 1
        if what_if is not None:
            what_if.start_sentence()
        cue_items = []
        # Helper kinds ("is a", "report") are matched only to derive speech acts: no stance of their own.
        for c in [c for c in spans.cues if CUE_KINDS[c.kind].family != "helper"]:
            j = self._cue_col.get(f"cue:{c.kind}")
            # A kind's feature counts all its matches, so each match gets an equal share.
            weight = cue_contrib.get(j, 0.0) if j is not None else 0.0
            item = {
                "kind": c.kind,
                "entry": readable_entry(c.entry),
                "text": c.text,
                "start": c.start,
                "end": c.end,
                "weight": weight / per_kind[c.kind],
            }
            if what_if is not None:  # within the budget; past it, null (whatif.py)
                item["without"] = self._what_if(s, c) if what_if.take(len(s.text)) else None
            cue_items.append(item)
        return {
            "cues": cue_items,
            "features": {"towards": self._features(spans, towards), "against": self._features(spans, against)},
            "label": label,
            "score": float(score_row[k]),
            "intercept": self.linear.intercept_of(k, gate),
            "contributions_sum": total,
            "adapter_gate": gate,
        }

    def _what_if(self, s: Sentence, cue) -> dict:
        a, b = cue.start - s.start, cue.end - s.start
        reduced = (s.text[:a] + " " + s.text[b:]).strip() or "."
        p = self.predict_proba([reduced])[0]
        return {
            "text": reduced,
            "probabilities": {lab: float(v) for lab, v in zip(self.labels, p, strict=True)},
            "label": self.labels[int(np.argmax(p))],
        }

    def _features(self, spans: SpanFinder, picked: list[tuple[int, float]]) -> list[dict]:
        names, labels, needles, finders = self._name_of, self._family_label, self._needle, self._finder
        return [
            {
                "feature": names[j],
                "family": labels[j],
                "contribution": c,
                "spans": finders[j](spans, needles[j]) if finders[j] is not None else [],
            }
            for j, c in picked
        ]
