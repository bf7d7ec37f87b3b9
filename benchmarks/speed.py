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
import tempfile  # noqa: E402
import time  # noqa: E402

from benchmarks.processes import run_child  # noqa: E402
from benchmarks.report import log, proc_status_mb, spread, write_section  # noqa: E402

GOAL_RATIO = 20.0  # the default model must be at least this many times faster than the transformer
GOAL_THROUGHPUT = 15_000  # sentences/s on one core for the default model
PROBE = "The ministry denied the report. Where did the money go?"


def pin_one_core() -> str:
    """Pin this process (and so its children) to one CPU."""
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity here); threads limited to 1"


def rss_mb() -> float:
    """Resident memory of this process now, in MB (Linux), else its peak."""
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
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = [run_child(__file__, "--child", kind, arg, env=env) for _ in range(runs)]
    return {"load_s": [o["load_s"] for o in out], "rss_mb": statistics.median(o["rss_mb"] for o in out)}


# -- throughput in this process ----------------------------------------------------------------


def sample_sentences(n: int) -> list[str]:
    from benchmarks.inputs import external_files
    from training.fit.data import read_examples
    from training.fit.train import DEFAULT_TEST

    paths = [ROOT / DEFAULT_TEST] + external_files()
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
    docs = [" ".join(texts[i : i + 8]) for i in range(0, len(texts), 8)]
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


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeats", type=int, default=5, help="timed repeats per model (default 5)")
    ap.add_argument("--sentences", type=int, default=1024, help="sentences in the timed batch (default 1024)")
    ap.add_argument("--load-runs", type=int, default=3, help="fresh processes per model for load time and memory")
    ap.add_argument("--no-transformer", action="store_true", help="leave the transformer reference out")
    ap.add_argument("--child", nargs=2, metavar=("KIND", "ARG"), help=argparse.SUPPRESS)
    return ap.parse_args(argv)


def load_and_size(name: str, model, facts: dict, tmp: Path, runs: int) -> tuple[dict, str]:
    """(load time and memory of `name` in fresh processes, its artifact's size as the table says it)."""
    from benchmarks.baselines import KEYWORD, TRANSFORMER, encoder_bytes

    if name == KEYWORD:
        return measure_child("keyword", "-", runs), "– (code only)"
    if name == TRANSFORMER:
        import joblib

        lr_path = tmp / "minilm-lr.joblib"
        joblib.dump(model.clf_, lr_path)
        return (
            measure_child("transformer", str(lr_path), runs),
            f"{_mb(encoder_bytes() + lr_path.stat().st_size)} (encoder + LR)",
        )
    loaded = facts[name]["loaded"]
    return (
        measure_child("pipeline", f"{tmp}::{loaded.id}", runs),
        _mb(loaded.card["artifact"]["bytes"]) + " (joblib, compressed)",
    )


def measure_all(args: argparse.Namespace, texts: list[str], missing: str | None) -> dict:
    """Every contender's throughput, load and size (the table's rows), and the default model's
    end-to-end rates and held-out macro-F1, with the models in a temporary folder."""
    from benchmarks.baselines import fit_contenders

    rows, rates = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        models, facts = fit_contenders(Path(tmp), transformer=missing is None, log=log)
        bare = measure_child("python", "-", args.load_runs)
        for name, model in models.items():
            rates[name] = throughput(model, texts, args.repeats)
            log(f"{name}: {statistics.median(rates[name]):,.0f} sentences/s")
            load, size = load_and_size(name, model, facts, Path(tmp), args.load_runs)
            rows.append(f"| {name} | {_rate(rates[name])} | {spread(load['load_s'])} | {size} | {load['rss_mb']:.0f} |")
        default = models["default model"]
        e2e = end_to_end(default, texts, args.repeats)
        heldout_f1 = heldout_macro_f1(default)
    return {"rows": rows, "rates": rates, "bare": bare, "e2e": e2e, "heldout_f1": heldout_f1}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        child(*args.child)
        return 0
    from benchmarks.baselines import TRANSFORMER, transformer_missing

    pinned = pin_one_core()
    missing = "left out by --no-transformer" if args.no_transformer else transformer_missing()
    if missing:
        log(f"skipping {TRANSFORMER}: {missing}")
    else:
        import torch

        torch.set_num_threads(1)
    texts = sample_sentences(args.sentences)
    text = section(args, texts, measure_all(args, texts, missing), pinned, missing)
    print(text)
    write_section("speed", text)
    log("wrote the 'speed' section of docs/BENCHMARKS.md")
    return 0


def verdicts(med: dict[str, float], heldout_f1: tuple[float, float], missing: str | None) -> list[str]:
    from benchmarks.baselines import TRANSFORMER

    lines = []
    if TRANSFORMER in med:
        ratio = med["default model"] / med[TRANSFORMER]
        lines.append(
            f"- default model / transformer throughput: **{ratio:.1f}×** "
            f"({'meets' if ratio >= GOAL_RATIO else 'MISSES'} the goal of {GOAL_RATIO:g}× or more)"
        )
    else:
        lines.append(f"- no transformer ratio: {missing}")
    lines.append(
        f"- default model: {med['default model']:,.0f} sentences/s on one core "
        f"({'meets' if med['default model'] >= GOAL_THROUGHPUT else 'MISSES'} the goal of "
        f"{GOAL_THROUGHPUT:,})"
    )
    fast_f1, plain_f1 = heldout_f1
    lines.append(
        f"- held-out macro-F1 of the default model through the same prediction path: {fast_f1:.3f}; "
        f"through the scikit-learn pipeline's `predict`: {plain_f1:.3f} "
        f"({'the same answer' if abs(fast_f1 - plain_f1) < 1e-9 else 'A DIFFERENT ANSWER'})"
    )
    return lines


def section(args: argparse.Namespace, texts: list[str], m: dict, pinned: str, missing: str | None) -> str:
    """The "speed" section, from `measure_all`'s figures `m`."""
    med = {name: statistics.median(r) for name, r in m["rates"].items()}
    lines = [
        "## Speed: one core, every contender",
        "",
        f"{len(texts)} real sentences (held-out and external rows, shuffled) per `predict_proba` call; "
        f"{args.repeats} repeats of at least 1 s each; median (min-max). One core: {pinned}; BLAS, OpenMP, "
        "tokenizers and torch limited to one thread; the transformer encodes in sentence-transformers' default "
        "batches of 32. Load = a fresh process importing the model's libraries, "
        f"loading it and predicting once; memory = that process's resident set then (a bare Python: "
        f"{m['bare']['rss_mb']:.0f} MB). {args.load_runs} processes per model.",
        "",
        "| model | sentences/s | load (s) | artifact | resident memory (MB) |",
        "|---|---|---|---|---|",
        *m["rows"],
        "",
        f"Default model through `Classifier.classify_many` (splitting, sources, labels; documents of 8 rows): "
        f"{_rate(m['e2e'][False])} sentences/s without explanations, {_rate(m['e2e'][True])} with explanations.",
        "",
    ]
    return "\n".join(lines + verdicts(med, m["heldout_f1"], missing))


if __name__ == "__main__":
    sys.exit(main())
