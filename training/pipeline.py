"""The scikit-learn pipeline: word and character n-gram TF-IDF plus named cues, into a
multinomial logistic regression with temperature-scaled probabilities (a linear model,
so every decision score decomposes exactly into feature contributions)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline

from .calibration import CalibratedLogisticRegression
from .cues import CueFeaturizer

__all__ = ["PipelineParams", "build_pipeline"]

TOKEN_PATTERN = r"(?u)\b\w\w+\b|\?|!"  # words, and the question and exclamation marks


@dataclass(frozen=True)
class PipelineParams:
    word_ngrams: tuple[int, int] | None = (1, 2)
    char_ngrams: tuple[int, int] | None = (2, 4)
    cues: bool = True
    cue_scale: float = 1.0
    min_df: int = 1
    C: float = 4.0
    max_iter: int = 3000
    calibration_folds: int = 3

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> PipelineParams:
        d = dict(d)
        for key in ("word_ngrams", "char_ngrams"):
            if d.get(key) is not None:
                d[key] = tuple(d[key])
        return cls(**{k: v for k, v in d.items() if k in cls.__dataclass_fields__})


def build_pipeline(params: PipelineParams | None = None) -> Pipeline:
    """An unfitted pipeline; `params` chooses which feature families it uses."""
    p = params or PipelineParams()
    parts = []
    if p.word_ngrams:
        parts.append(("words", TfidfVectorizer(
            ngram_range=p.word_ngrams, token_pattern=TOKEN_PATTERN, sublinear_tf=True,
            min_df=p.min_df, lowercase=True, dtype=np.float64)))
    if p.char_ngrams:
        parts.append(("chars", TfidfVectorizer(
            analyzer="char_wb", ngram_range=p.char_ngrams, sublinear_tf=True,
            min_df=max(p.min_df, 2), lowercase=True, dtype=np.float64)))
    if p.cues:
        parts.append(("cues", CueFeaturizer(scale=p.cue_scale)))
    if not parts:
        raise ValueError("PipelineParams must enable at least one of word_ngrams, char_ngrams and cues.")
    return Pipeline([
        ("features", FeatureUnion(parts)),
        ("clf", CalibratedLogisticRegression(C=p.C, max_iter=p.max_iter, calibration_folds=p.calibration_folds)),
    ])
