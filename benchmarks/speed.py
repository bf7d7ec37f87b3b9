"""Speed on one core: sentences per second for each contender of benchmarks/quality.py,
model load time, artifact size, and the resident memory of a process that has loaded the
model; then the ratio of the default model's throughput to the transformer reference's.

    python benchmarks/speed.py [--repeats 5] [--sentences 1024] [--no-transformer]

One core means: this process and its children are pinned to one CPU, and BLAS, OpenMP,
tokenizers and torch use one thread. Throughput is `predict_proba` on one batch of real
sentences (held-out and external rows, mixed), repeated; each repeat runs the batch until
at least a second has passed. Load time and memory are measured in fresh processes, from
the first import of the model's libraries to a first prediction.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # so `benchmarks` and `training` import from a checkout

from training.batch.threads import one_thread_per_process  # noqa: E402 (imports only os)

one_thread_per_process(extra=("RAYON_NUM_THREADS",))  # before numpy, scikit-learn or torch are imported
os.environ["TOKENIZERS_PARALLELISM"] = "false"
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

GOAL_RATIO = 20.0  # the default model must be at least this many times faster than the transformer
GOAL_THROUGHPUT = 15_000  # sentences/s on one core for the default model
PROBE = "The ministry denied the report. Where did the money go?"


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def pin_one_core() -> str:
    """Pin this process (and so its children) to one CPU."""
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity here); threads limited to 1"


def rss_mb() -> float:
    """Resident memory of this process now, in MB (Linux), else its peak."""
    from benchmarks.report import proc_status_mb

    now = proc_status_mb("VmRSS")
    if now is not None:
        return now
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- the child process: load one model, predict once, report load time and memory --------


def child(kind: str, arg: str) -> None:
    t0 = time.perf_counter()
    if kind == "pipeline":
        from training.registry import load_model

        models_dir, model_id = arg.split("::")
        model = load_model(models_dir, model_id).classifier
    elif kind == "keyword":
        from benchmarks.baselines import KeywordRule

        model = KeywordRule()
    elif kind == "transformer":
        import joblib
        import torch

        from benchmarks.baselines import MiniLMReference, load_encoder

        torch.set_num_threads(1)
        model = MiniLMReference(load_encoder())
        model.clf_ = joblib.load(arg)
    elif kind == "python":
        model = None
    else:
        raise SystemExit(f"expected a child kind pipeline, keyword, transformer or python, found {kind!r}")
    if model is not None:
        model.predict_proba([PROBE])
    print(json.dumps({"load_s": time.perf_counter() - t0, "rss_mb": rss_mb()}))


def measure_child(kind: str, arg: str, runs: int) -> dict:
    out = []
    for _ in range(runs):
        res = subprocess.run([sys.executable, __file__, "--child", kind, arg], capture_output=True, text=True,
                             cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
        if res.returncode != 0:
            raise RuntimeError(f"child {kind} failed: {res.stderr.strip().splitlines()[-1:]}")
        out.append(json.loads(res.stdout.strip().splitlines()[-1]))
    return {"load_s": [o["load_s"] for o in out], "rss_mb": statistics.median(o["rss_mb"] for o in out)}


# -- throughput in this process ----------------------------------------------------------------


def sample_sentences(n: int) -> list[str]:
    from benchmarks.report import EXTERNAL
    from training.fit.data import read_examples
    from training.fit.train import DEFAULT_TEST

    paths = [ROOT / DEFAULT_TEST] + (sorted(EXTERNAL.glob("*.jsonl")) if EXTERNAL.is_dir() else [])
    texts = [e.text for e in read_examples(paths)[0]]
    random.Random(0).shuffle(texts)
    return (texts * (n // len(texts) + 1))[:n]


def throughput(model, texts: list[str], repeats: int, min_seconds: float = 1.0) -> list[float]:
    model.predict_proba(texts[:64])  # warm caches and lazy initialisation
    rates = []
    for _ in range(repeats):
        done, t0 = 0, time.perf_counter()
        while True:
            model.predict_proba(texts)
            done += len(texts)
            elapsed = time.perf_counter() - t0
            if elapsed >= min_seconds:
                break
        rates.append(done / elapsed)
    return rates


def end_to_end(classifier, texts: list[str], repeats: int) -> dict:
    """The default model through `classify_many` (what `stance score` and the service call):
    sentence splitting, sources, labels, with and without explanations; 8 rows a document."""
    docs = [" ".join(texts[i:i + 8]) for i in range(0, len(texts), 8)]
    n = sum(len(r["sentences"]) for r in classifier.classify_many(docs, explain=False))
    out = {}
    for explain in (False, True):
        rates = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            classifier.classify_many(docs, explain=explain)
            rates.append(n / (time.perf_counter() - t0))
        out[explain] = rates
    return out


def heldout_macro_f1(classifier) -> tuple[float, float]:
    """Macro-F1 on labels/test.jsonl through the prediction path timed above, and through
    the scikit-learn pipeline's own `predict`: the speed must not come from a different
    answer. (A fixed figure to compare with went stale whenever the labels changed.)"""
    import numpy as np
    from sklearn.metrics import f1_score

    from training.fit.data import read_examples
    from training.fit.train import DEFAULT_TEST

    rows = read_examples([ROOT / DEFAULT_TEST])[0]
    texts, gold = [e.text for e in rows], [e.label for e in rows]
    fast = np.asarray(classifier.labels)[classifier.predict_proba(texts).argmax(axis=1)]
    plain = classifier.pipeline.predict(texts)
    return float(f1_score(gold, fast, average="macro")), float(f1_score(gold, plain, average="macro"))


def _rate(values: list[float]) -> str:
    """Sentences/s as whole numbers, median (min-max): `spread`'s 4 significant digits
    print 27,330 as 2.733e+04."""
    return f"{statistics.median(values):,.0f} ({min(values):,.0f}-{max(values):,.0f})"


def _mb(n_bytes: float) -> str:
    return f"{n_bytes / 1e6:.1f} MB"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeats", type=int, default=5, help="timed repeats per model (default 5)")
    ap.add_argument("--sentences", type=int, default=1024, help="sentences in the timed batch (default 1024)")
    ap.add_argument("--load-runs", type=int, default=3, help="fresh processes per model for load time and memory")
    ap.add_argument("--no-transformer", action="store_true", help="leave the transformer reference out")
    ap.add_argument("--child", nargs=2, metavar=("KIND", "ARG"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0

    import joblib

    from benchmarks.baselines import KEYWORD, TRANSFORMER, encoder_bytes, fit_contenders, transformer_missing
    from benchmarks.report import spread, write_section

    pinned = pin_one_core()
    missing = "left out by --no-transformer" if args.no_transformer else transformer_missing()
    if missing:
        _log(f"skipping {TRANSFORMER}: {missing}")
    else:
        import torch

        torch.set_num_threads(1)
    texts = sample_sentences(args.sentences)
    rows, rates = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        models, facts = fit_contenders(Path(tmp), transformer=missing is None, log=_log)
        bare = measure_child("python", "-", args.load_runs)
        for name, model in models.items():
            rates[name] = throughput(model, texts, args.repeats)
            _log(f"{name}: {statistics.median(rates[name]):,.0f} sentences/s")
            if name == KEYWORD:
                load, size = measure_child("keyword", "-", args.load_runs), "– (code only)"
            elif name == TRANSFORMER:
                lr_path = Path(tmp) / "minilm-lr.joblib"
                joblib.dump(model.clf_, lr_path)
                load = measure_child("transformer", str(lr_path), args.load_runs)
                size = f"{_mb(encoder_bytes() + lr_path.stat().st_size)} (encoder + LR)"
            else:
                loaded = facts[name]["loaded"]
                load = measure_child("pipeline", f"{tmp}::{loaded.id}", args.load_runs)
                size = _mb(loaded.card["artifact"]["bytes"]) + " (joblib, compressed)"
            rows.append(f"| {name} | {_rate(rates[name])} | {spread(load['load_s'])} | {size} | "
                        f"{load['rss_mb']:.0f} |")
        default = models["default model"]
        e2e = end_to_end(default, texts, args.repeats)
        heldout_f1 = heldout_macro_f1(default)
    med = {name: statistics.median(r) for name, r in rates.items()}
    lines = [
        "## Speed: one core, every contender",
        "",
        f"{len(texts)} real sentences (held-out and external rows, shuffled) per `predict_proba` call; "
        f"{args.repeats} repeats of at least 1 s each; median (min-max). One core: {pinned}; BLAS, OpenMP, "
        "tokenizers and torch limited to one thread; the transformer encodes in sentence-transformers' default "
        "batches of 32. Load = a fresh process importing the model's libraries, "
        f"loading it and predicting once; memory = that process's resident set then (a bare Python: "
        f"{bare['rss_mb']:.0f} MB). {args.load_runs} processes per model.",
        "",
        "| model | sentences/s | load (s) | artifact | resident memory (MB) |",
        "|---|---|---|---|---|",
        *rows,
        "",
        f"Default model through `Classifier.classify_many` (splitting, sources, labels; documents of 8 rows): "
        f"{_rate(e2e[False])} sentences/s without explanations, {_rate(e2e[True])} with explanations.",
        "",
    ]
    if TRANSFORMER in med:
        ratio = med["default model"] / med[TRANSFORMER]
        lines.append(f"- default model / transformer throughput: **{ratio:.1f}×** "
                     f"({'meets' if ratio >= GOAL_RATIO else 'MISSES'} the goal of {GOAL_RATIO:g}× or more)")
    else:
        lines.append(f"- no transformer ratio: {missing}")
    lines.append(f"- default model: {med['default model']:,.0f} sentences/s on one core "
                 f"({'meets' if med['default model'] >= GOAL_THROUGHPUT else 'MISSES'} the goal of "
                 f"{GOAL_THROUGHPUT:,})")
    fast_f1, plain_f1 = heldout_f1
    lines.append(f"- held-out macro-F1 of the default model through the same prediction path: {fast_f1:.3f}; "
                 f"through the scikit-learn pipeline's `predict`: {plain_f1:.3f} "
                 f"({'the same answer' if abs(fast_f1 - plain_f1) < 1e-9 else 'A DIFFERENT ANSWER'})")
    text = "\n".join(lines)
    print(text)
    write_section("speed", text)
    _log("wrote the 'speed' section of docs/BENCHMARKS.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
