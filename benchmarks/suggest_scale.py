"""`stance suggest` on a large corpus: flat memory and sentences per second on one core.

    python benchmarks/suggest_scale.py [--sizes 100000 1000000] [--repeats 2]

Generates corpora of the given numbers of sentences (JSONL documents of 1 to 8 sentences,
from a fixed vocabulary and a seeded generator: every sentence different, many alike) in
a temporary folder, trains the default model there from labels/train, then runs
`training.feedback.suggest.suggest(..., n=200)` in a fresh process per run, pinned to one CPU with
one BLAS thread, and reads that process's peak resident memory (VmHWM). The baseline, in
the same run and the same kind of process: reading, splitting and the model's
`predict_proba` on the smallest corpus with nothing else (what suggest adds is the pool,
the skip check and the spreading). Writes the "suggest_scale" section of
docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.processes import run_child  # noqa: E402
from benchmarks.report import log, write_section  # noqa: E402

SUBJECTS = [
    "the ministry",
    "a spokesman",
    "the mayor",
    "officials",
    "the company",
    "critics",
    "the police",
    "an unnamed source",
    "the minister",
    "the council",
    "the court",
    "the union",
    "the agency",
    "the bank",
    "residents",
    "the regulator",
    "the opposition",
    "the army",
    "the hospital",
    "the auditor",
]
VERBS = [
    "said",
    "denied",
    "confirmed",
    "suggested",
    "claimed",
    "rejected reports",
    "insisted",
    "asked whether",
    "dismissed claims",
    "hinted",
    "announced",
    "admitted",
    "questioned whether",
    "reported",
]
OBJECTS = [
    "the contract was signed in {m}",
    "{n} million had been moved abroad",
    "the audit was cancelled",
    "the bridge would open in {m}",
    "the vote had been rigged",
    "{n} workers were laid off",
    "the data had been sold",
    "the report was baseless",
    "the talks collapsed on {d}",
    "the budget doubled to {n} million",
    "nobody knew where the money went",
    "the drones were never used",
]
MONTHS = ["January", "March", "May", "July", "September", "November"]
DAYS = ["Monday", "Tuesday", "Friday", "Sunday"]
QUESTIONS = ["Who paid for {o}?", "Why did {s} stay silent about {o}?", "Is it a coincidence that {o}?"]


def _sentence(rng: random.Random) -> str:
    obj = rng.choice(OBJECTS).format(m=rng.choice(MONTHS), n=rng.randint(2, 900), d=rng.choice(DAYS))
    if rng.random() < 0.15:
        return rng.choice(QUESTIONS).format(o=obj, s=rng.choice(SUBJECTS))
    s = rng.choice(SUBJECTS)
    return f"{s[0].upper()}{s[1:]} {rng.choice(VERBS)} that {obj}."


def generate(path: Path, sentences: int, seed: int = 0) -> int:
    """A JSONL corpus of `sentences` sentences; returns the number of documents."""
    rng = random.Random(seed)
    left, docs = sentences, 0
    with open(path, "w", encoding="utf-8") as fh:
        while left:
            k = min(left, rng.randint(1, 8))
            fh.write(json.dumps({"id": f"d{docs}", "text": " ".join(_sentence(rng) for _ in range(k))}) + "\n")
            left -= k
            docs += 1
    return docs


# Runs in a fresh process: one CPU, one thread, then peak memory from /proc.
WORKER = r"""
import json, os, sys, time
os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
from training.batch.threads import one_thread_per_process
one_thread_per_process()
from benchmarks.report import proc_status_mb
from training import load_model
mode, corpus, models = sys.argv[1:4]
classifier = load_model(models).classifier
loaded_mb = proc_status_mb("VmRSS")
t0 = time.perf_counter()
if mode == "suggest":
    from training.feedback.suggest import suggest
    out = suggest([corpus], classifier, 200)
    sentences, picked = out["summary"]["sentences"], len(out["items"])
else:  # the baseline: read, split, predict, nothing else
    from training.batch.corpus import Corpus
    from training.text.sentences import split_sentences
    batch, sentences, picked = [], 0, 0
    for doc in Corpus([corpus]).records():
        batch.extend(s.text for s in split_sentences(doc.text))
        if len(batch) >= 2048:
            classifier.predict_proba(batch)
            sentences += len(batch)
            batch = []
    if batch:
        classifier.predict_proba(batch)
        sentences += len(batch)
seconds = time.perf_counter() - t0
print(json.dumps({"seconds": seconds, "sentences": sentences, "picked": picked, "loaded_mb": loaded_mb,
                  "peak_mb": proc_status_mb("VmHWM")}))
"""


def run(mode: str, corpus: Path, models: Path) -> dict:
    return run_child("-c", WORKER, mode, str(corpus), str(models), env={**os.environ, "PYTHONPATH": str(ROOT)})


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    p.add_argument("--repeats", type=int, default=2)
    p.add_argument("--no-write", action="store_true")
    return p.parse_args(argv)


def measure(args: argparse.Namespace) -> dict:
    """Every run, by corpus size ("baseline": the smallest corpus read, split and predicted only),
    with the model and the corpora in a temporary folder."""
    from training.fit.train import DEFAULT_TRAIN, train

    with tempfile.TemporaryDirectory(prefix="stance-suggest-scale-") as tmp:
        tmp = Path(tmp)
        log("training the default model")
        train([ROOT / DEFAULT_TRAIN], None, models_dir=tmp / "models", cv_folds=0)
        corpora = {}
        for n in args.sizes:
            corpora[n] = tmp / f"corpus-{n}.jsonl"
            docs = generate(corpora[n], n)
            log(f"generated {n:,} sentences in {docs:,} documents ({corpora[n].stat().st_size / 1e6:.0f} MB)")
        runs: dict = {}
        for _ in range(args.repeats):  # interleaved, so a busy moment of the machine hits every size alike
            runs.setdefault("baseline", []).append(run("baseline", corpora[min(args.sizes)], tmp / "models"))
            for n in args.sizes:
                runs.setdefault(n, []).append(run("suggest", corpora[n], tmp / "models"))
                last = runs[n][-1]
                log(f"{n:,}: {last['sentences'] / last['seconds']:,.0f} sentences/s, peak {last['peak_mb']:.0f} MB")
    return runs


def table(sizes: list[int], runs: dict) -> str:
    """The table of rates and peaks, and the verdicts on the goals."""
    rate = {k: [r["sentences"] / r["seconds"] for r in v] for k, v in runs.items()}
    peak = {k: [r["peak_mb"] for r in v] for k, v in runs.items()}
    base_rate = statistics.median(rate["baseline"])
    smallest = min(sizes)
    lines = [
        "| run | sentences | sentences/s (median, min-max) | against the baseline's rate | peak RSS MB (median, "
        "min-max) | against the smallest run's peak |",
        "|---|---|---|---|---|---|",
    ]
    lines.append(
        f"| baseline: read, split, predict only | {smallest:,} | {_spread(rate['baseline'])} | 1.00 | "
        f"{_spread(peak['baseline'])} | – |"
    )
    small_peak = statistics.median(peak[smallest])
    for n in sizes:
        lines.append(
            f"| `suggest -n 200` | {n:,} | {_spread(rate[n])} | {statistics.median(rate[n]) / base_rate:.2f} | "
            f"{_spread(peak[n])} | {statistics.median(peak[n]) / small_peak:.3f} |"
        )
    largest = max(sizes)
    growth = statistics.median(peak[largest]) / small_peak - 1
    slowest = min(min(rate[n]) for n in sizes)
    verdicts = [
        f"- peak memory at {largest:,} sentences is {growth:+.1%} of the {smallest:,}-sentence run's (goal: "
        f"within 20%): **{'met' if abs(growth) <= 0.20 else 'not met'}**",
        f"- slowest run {slowest:,.0f} sentences/s on one core (goal: 5,000 or more): "
        f"**{'met' if slowest >= 5000 else 'not met'}**",
    ]
    return "\n".join(lines) + "\n\n" + "\n".join(verdicts)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    text = table(args.sizes, measure(args))
    print(text)
    if not args.no_write:
        write_section(
            "suggest_scale",
            "## `stance suggest` at scale: flat memory, one core\n\n"
            "Generated corpora (JSONL documents of 1 to 8 news-like sentences: attributions, denials, "
            f"questions; every sentence different, many alike), {args.repeats} runs each, interleaved, each in "
            "a fresh process pinned to one CPU with one BLAS thread; peak RSS is the process's VmHWM (Python, "
            "scikit-learn and the model included). The model is the default one, trained from labels/train.\n\n"
            + text
            + "\n",
        )
    return 0


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):,.0f} ({min(values):,.0f}-{max(values):,.0f})"


if __name__ == "__main__":
    raise SystemExit(main())
