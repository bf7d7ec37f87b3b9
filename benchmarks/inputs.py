"""What the benchmark scripts read and score: the rows of labels/, the evaluation files (the
held-out file and the external ones), a synthetic corpus recombined from labels/train, and
the default model trained for a run."""

from __future__ import annotations

import hashlib
import json
import os
import random
from collections.abc import Iterator
from pathlib import Path

from benchmarks.report import ROOT, log

EXTERNAL = ROOT.parent / "shared" / "data" / "external"  # read at run time only, never copied here
# Our own news-like prose with the label mix of news (GUIDELINES 6.3, 7.14): never trained on.
NEWS_PROBE = ROOT / "labels" / "test_news_probe.jsonl"
# Fourteen whole articles written apart from the training rows (GUIDELINES 6.3): never trained on.
NEWS_ARTICLES = ROOT / "labels" / "test_news_articles.jsonl"
# Twelve more, written after session 20's changes and kept blind: scored, its wrong calls unread (GUIDELINES 6.3).
NEWS_ARTICLES_B = ROOT / "labels" / "test_news_articles_b.jsonl"
# Twelve more (session 21), the development file whose wrong calls are read while b stays blind.
NEWS_ARTICLES_C = ROOT / "labels" / "test_news_articles_c.jsonl"
TRAIN = ROOT / "labels" / "train"
BATCH = 256  # documents per model call: the default of `stance score`


def label_rows(folder: Path = TRAIN, *, recursive: bool = False) -> Iterator[dict]:
    """Every row of the JSONL label files in `folder` (and below it, with `recursive`), in file order."""
    for f in sorted(folder.rglob("*.jsonl") if recursive else folder.glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield json.loads(line)


def salted_half(text: str, seed: int) -> int:
    """0 or 1: which half a row falls in, by a hash of its text salted with the seed (stable
    across runs and machines, unlike `hash`)."""
    return int(hashlib.sha256(f"{seed}:{text}".encode()).hexdigest()[:12], 16) % 2


def external_files() -> list[Path]:
    """The external evaluation files; none when their folder is absent."""
    return sorted(EXTERNAL.glob("*.jsonl")) if EXTERNAL.is_dir() else []


def eval_files() -> list[tuple[str, Path]]:
    """(name, path) of the held-out file, the news probe, the three files of news articles and every external file,
    saying so when there are none."""
    from training.fit.train import DEFAULT_TEST

    files = [("held-out (labels/test.jsonl)", ROOT / DEFAULT_TEST)]
    news = (
        ("news probe", NEWS_PROBE),
        ("news articles", NEWS_ARTICLES),
        ("news articles b", NEWS_ARTICLES_B),
        ("news articles c", NEWS_ARTICLES_C),
    )
    for name, path in news:
        if path.exists():
            files.append((f"{name} (labels/{path.name})", path))
    external = external_files()
    if not external:
        log(f"no external files in {EXTERNAL}: scoring the files in labels/ only")
    return files + [(f"external: {p.name}", p) for p in external]


def make_corpus(path: Path, n_docs: int, seed: int = 0, new_words: bool = False) -> dict:
    """`n_docs` JSONL documents of 2-8 sentences drawn from labels/train. With `new_words`,
    up to three made-up names a document ("the Qvoralt report"), so the vocabulary grows
    with the corpus as it does on real text."""
    sentences = []
    for row in label_rows():
        text = row["text"].strip()
        if text:
            sentences.append(text if text[-1] in ".?!\"'”" else text + ".")
    rnd = random.Random(seed)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n_docs):
            doc = " ".join(rnd.choice(sentences) for _ in range(rnd.randint(2, 8)))
            if new_words:
                for _ in range(3):
                    name = "".join(
                        rnd.choice("bcdfghjklmnpqrstvwxz" if k % 2 == 0 else "aeiouy") for k in range(rnd.randint(5, 9))
                    ).capitalize()
                    doc = doc.replace(" the ", f" the {name} ", 1)
            fh.write(json.dumps({"id": f"doc{i}", "text": doc, "outlet": f"outlet{i % 7}"}) + "\n")
    return {"docs": n_docs, "bytes": path.stat().st_size}


def train_default(models_dir: Path) -> str:
    """Train the default model from labels/ into `models_dir` (`train(cv_folds=0)`): its id."""
    from training.fit.train import DEFAULT_TEST, DEFAULT_TRAIN, train

    os.chdir(ROOT)  # DEFAULT_TRAIN and DEFAULT_TEST are relative to the checkout
    return train([DEFAULT_TRAIN], DEFAULT_TEST, models_dir=models_dir, cv_folds=0)["id"]


def models_folder(models_dir: str | None, tmp: Path) -> tuple[Path, str | None]:
    """(the models folder to score with, the id of the model trained for this run): the given
    folder as it is, or the default model trained into `tmp`/models."""
    if models_dir:
        return Path(models_dir).resolve(), None
    log(f"training the default model into {tmp / 'models'} ...")
    return tmp / "models", train_default(tmp / "models")
