"""Throughput and peak memory of batch scoring (`stance score`, training/batch/score.py).

    python benchmarks/score_throughput.py [--docs 10000] [--explain-docs 1000] [--memory-docs 2000]
                                          [--repeats 5] [--models-dir DIR] [--no-write]

The corpus is synthetic: documents of 2 to 8 sentences recombined from labels/train (rows
this project wrote). The model is the default one, trained from labels/ into a temporary
models folder (`train(cv_folds=0)`). Each configuration runs `score_file` in a fresh
process (no cache warmed by an earlier run), `--repeats` times, and reports:

- steady sentences/s: from the first batch's result to the last, i.e. what a long job
  sustains once the model is loaded and the workers have started;
- end-to-end sentences/s: all sentences over the whole call (loading, starting workers or
  a Dask LocalCluster, merging), which is what a short job sees;
- peak memory: the largest resident set of the scoring process (`ru_maxrss`) and, with
  worker processes, of the largest worker, for two corpus sizes 10x apart.

Ratios are taken between configurations measured in the same run. The figures go to the
"score" section of docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # so `benchmarks` and `training` import from a checkout

from benchmarks.inputs import BATCH, make_corpus, models_folder  # noqa: E402
from benchmarks.processes import (  # noqa: E402
    MAX_OTHERS,
    BatchClock,
    children_cpu,
    cpu_seconds,
    machine_busy,
    peak_rss_mb,
    reset_peak_rss,
    run_child,
    wait_for_quiet,
)
from benchmarks.report import log, spread, write_section  # noqa: E402

GOAL_SPEEDUP = 1.7  # 2 workers over 1, on 2 cores
GOAL_MEMORY_GROWTH = 0.20  # peak memory, 10x more input
GOAL_THROUGHPUT = 5_000  # sentences/s, one worker, no explanations
EXPLAIN_BATCH = 32  # explanations cost per sentence; smaller batches give the steady rate enough batches


# -- one measurement, in a fresh process -----------------------------------------------


def child(cfg: dict) -> dict:
    from training.batch.score import score_file

    load = {"peak": None}

    def loaded() -> None:  # from here on, the peak is the scoring's, not the model load's
        load["peak"] = peak_rss_mb()
        reset_peak_rss()

    clock = BatchClock(on_first_batch=loaded)
    t0, cpu0 = time.perf_counter(), cpu_seconds()
    summary = score_file(
        cfg["input"],
        cfg["output"],
        models_dir=cfg["models_dir"],
        workers=cfg["workers"],
        engine=cfg["engine"],
        explain=cfg["explain"],
        batch_size=cfg["batch_size"],
        progress=clock,
    )
    total, cpu = time.perf_counter() - t0, cpu_seconds() - cpu0
    # steady from when every worker has returned its first batch (before, some were still loading)
    first = min(cfg["workers"], len(clock.marks) - 1) - 1
    if first < 0:
        raise SystemExit("too few batches to measure a steady rate: use more documents")
    (t_first, _, s_first), (t_last, _, s_last) = clock.marks[first], clock.marks[-1]
    kb = 1024 if sys.platform != "darwin" else 1024 * 1024
    return {
        "sentences": summary["sentences"],
        "documents": summary["documents"],
        "seconds": total,
        "steady": (s_last - s_first) / max(t_last - t_first, 1e-9),
        "end_to_end": summary["sentences"] / total,
        "cpu_rate": summary["sentences"] / max(cpu, 1e-9),
        "startup": clock.marks[0][0] - t0,
        "batches": len(clock.marks),
        # the reset clears ru_maxrss too: the whole run's peak is the larger of the two
        "rss_mb": max(load["peak"] or 0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / kb),
        "scoring_rss_mb": peak_rss_mb(),
        "workers_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / kb,
    }


def measure(cfg: dict, attempts: int = 4) -> dict:
    """One run in a fresh process; repeated (up to `attempts` times) when other processes took
    more than MAX_OTHERS cores on average meanwhile. Records how much they took."""
    for attempt in range(1, attempts + 1):
        wait_for_quiet()
        busy0, ours0, t0 = machine_busy(), children_cpu(), time.perf_counter()
        answer = run_child(__file__, "--child", json.dumps(cfg))
        others = max(0.0, (machine_busy() - busy0) - (children_cpu() - ours0)) / (time.perf_counter() - t0)
        Path(cfg["output"]).unlink(missing_ok=True)
        result = answer | {"others": others, "attempts": attempt}
        if others < MAX_OTHERS:
            break
        log(f"  other processes took {others:.2f} cores during that run: repeating it")
    return result


def interleaved(configs: dict[str, dict], n: int) -> dict[str, list[dict]]:
    """`n` runs of every configuration, in rounds, so a change in the machine's load over
    time falls on all of them alike."""
    runs: dict[str, list[dict]] = {name: [] for name in configs}
    for i in range(n):
        for name, cfg in configs.items():
            r = measure(cfg)
            runs[name].append(r)
            log(
                f"{name} #{i + 1}: {r['steady']:,.0f} sentences/s steady, {r['end_to_end']:,.0f} end-to-end, "
                f"{r['cpu_rate']:,.0f} per CPU-second, peak {r['rss_mb']:.0f} MB ({r['scoring_rss_mb']:.0f} scoring)"
            )
    return runs


# -- the report ------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=10000, help="documents in the throughput corpus")
    ap.add_argument("--explain-docs", type=int, default=1000, help="documents in the --explain corpus")
    ap.add_argument("--memory-docs", type=int, default=2000, help="the smaller memory corpus (the larger is 10x)")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--models-dir", help="use this folder's active model instead of training the default one")
    ap.add_argument("--no-write", action="store_true", help="print the section instead of writing it")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    return ap.parse_args()


def make_corpora(tmp: Path, args: argparse.Namespace) -> dict[str, dict]:
    return {
        "main": make_corpus(tmp / "main.jsonl", args.docs, seed=1),
        "explain": make_corpus(tmp / "explain.jsonl", args.explain_docs, seed=2),
        "small": make_corpus(tmp / "small.jsonl", args.memory_docs, seed=3),
        "large": make_corpus(tmp / "large.jsonl", 10 * args.memory_docs, seed=3),
        "large, new words": make_corpus(tmp / "large-new.jsonl", 10 * args.memory_docs, seed=3, new_words=True),
    }


def configurations(tmp: Path, models_dir: Path) -> tuple[dict[str, dict], dict[str, dict]]:
    """(the throughput configurations, the memory ones by corpus size), each a child's `cfg`."""
    files = {"large, new words": "large-new"}

    def cfg(corpus: str, workers: int, engine: str = "local", explain: bool = False) -> dict:
        return {
            "input": str(tmp / f"{files.get(corpus, corpus)}.jsonl"),
            "output": str(tmp / "out.jsonl"),
            "models_dir": str(models_dir),
            "workers": workers,
            "engine": engine,
            "explain": explain,
            "batch_size": EXPLAIN_BATCH if explain else BATCH,
        }

    configs = {
        "local, 1 worker": cfg("main", 1),
        "local, 2 workers": cfg("main", 2),
        "dask LocalCluster, 1 worker": cfg("main", 1, "dask"),
        "dask LocalCluster, 2 workers": cfg("main", 2, "dask"),
        "local, 1 worker, --explain": cfg("explain", 1, explain=True),
        "local, 2 workers, --explain": cfg("explain", 2, explain=True),
    }
    sizes = {f"memory, {size}": cfg(size, 1) for size in ("small", "large", "large, new words")}
    return configs, sizes


def main() -> None:
    args = parse_args()
    if args.child:
        print(json.dumps(child(json.loads(args.child))))
        return
    tmp = Path(tempfile.mkdtemp(prefix="score-bench-"))
    models_dir, model_id = models_folder(args.models_dir, tmp)
    if model_id is None:
        from training.registry import active_id

        model_id = active_id(args.models_dir)
    corpora = make_corpora(tmp, args)
    configs, sizes = configurations(tmp, models_dir)
    everything = interleaved({**configs, **sizes}, args.repeats)
    shutil.rmtree(tmp, ignore_errors=True)
    results = {name: everything[name] for name in configs}
    memory = {name.split(", ", 1)[1]: everything[name] for name in sizes}
    kept = [r for runs in everything.values() for r in runs]
    body = section(args, model_id, corpora, results, memory, kept)
    if args.no_write:
        print(body)
    else:
        write_section("score", body)
        log("wrote the 'score' section of docs/BENCHMARKS.md")


def figures(results: dict[str, list[dict]], memory: dict[str, list[dict]]) -> dict[str, float | str]:
    """The ratios and growths the section states, from medians of this run's runs."""

    def med(name: str, key: str = "steady") -> float:
        return statistics.median(r[key] for r in results[name])

    one, two = "local, 1 worker", "local, 2 workers"
    peak = {size: statistics.median(r["rss_mb"] for r in runs) for size, runs in memory.items()}
    scoring = {size: statistics.median(r["scoring_rss_mb"] for r in runs) for size, runs in memory.items()}
    return {
        "speedup": med(two) / med(one),
        "e2e_speedup": med(two, "end_to_end") / med(one, "end_to_end"),
        "dask_ratio": med("dask LocalCluster, 2 workers") / med(two),
        "dask_speedup": med("dask LocalCluster, 2 workers") / med("dask LocalCluster, 1 worker"),
        "explain_ratio": med("local, 1 worker, --explain") / med(one),
        "one": med(one),
        "growth": max(peak[size] / peak["small"] - 1 for size in peak),
        "scoring_growth": max(scoring[size] / scoring["small"] - 1 for size in scoring),
        "worker_rss": spread([r["workers_rss_mb"] for r in results[two]]),
    }


def table_rows(results: dict[str, list[dict]], memory: dict[str, list[dict]], corpora: dict) -> tuple[str, str]:
    """The throughput table's rows and the memory table's rows."""
    rows = [
        f"| {name} | {runs[0]['sentences']:,} | {spread([r['steady'] for r in runs])} | "
        f"{spread([r['end_to_end'] for r in runs])} | {spread([r['cpu_rate'] for r in runs])} | "
        f"{spread([r['startup'] for r in runs])} |"
        for name, runs in results.items()
    ]
    mem_rows = [
        f"| {size} | {corpora[size]['docs']:,} | {runs[0]['sentences']:,} | "
        f"{corpora[size]['bytes'] / 1e6:.1f} | {spread([r['rss_mb'] for r in runs])} | "
        f"{spread([r['scoring_rss_mb'] for r in runs])} |"
        for size, runs in memory.items()
    ]
    return "\n".join(rows), "\n".join(mem_rows)


def verdict(ok: bool) -> str:
    return "meets the goal" if ok else "**misses the goal**"


def section(
    args: argparse.Namespace, model_id: str, corpora: dict, results: dict, memory: dict, kept: list[dict]
) -> str:
    """The "score" section of docs/BENCHMARKS.md. `kept`: every run kept, for what other processes took."""
    f = figures(results, memory)
    rows, mem_rows = table_rows(results, memory, corpora)
    others = [r["others"] for r in kept]
    repeated = sum(r["attempts"] - 1 for r in kept)
    return f"""## Batch scoring throughput and memory (`stance score`)

Default model ({model_id}, trained from labels/ with `train(cv_folds=0)`); synthetic JSONL corpora of
2-8 sentences a document recombined from labels/train; batch size {BATCH} ({EXPLAIN_BATCH} with `--explain`);
JSONL output. Each configuration runs {args.repeats} times, each in a fresh process, in interleaved rounds;
figures are median (min-max). *Steady* counts from the moment every worker has returned its first batch to
the last batch (what a long job sustains); *end-to-end* includes loading the model, starting the workers or
the Dask LocalCluster, and renaming the output; *per CPU-second* divides by the CPU time of the scoring
process and its workers (insensitive to other work on the machine); *startup* is the time to the first result.
The machine is shared: each run waits for other processes to be nearly idle, and a run during which they
used more than {MAX_OTHERS} of a core on average is repeated (up to 4 times; {repeated} repeats this time).
In the runs kept, other processes used a median {statistics.median(others):.2f} cores (at most
{max(others):.2f}); what they take lowers the 2-worker figures first.

| configuration | sentences | steady sentences/s | end-to-end sentences/s | per CPU-second | startup s |
|---|---|---|---|---|---|
{rows}

- 2 workers over 1 (local, steady): **{f["speedup"]:.2f}x**, {verdict(f["speedup"] >= GOAL_SPEEDUP)} of {GOAL_SPEEDUP}x on 2 cores
  (end-to-end {f["e2e_speedup"]:.2f}x: on a short job, loading the model and starting the workers weighs).
- Dask over local (2 workers, steady): {f["dask_ratio"]:.2f}x; Dask 2 workers over 1: {f["dask_speedup"]:.2f}x.
- `--explain` over no explanations (1 worker, steady): {f["explain_ratio"]:.3f}x.
- One worker, no explanations: **{f["one"]:,.0f} sentences/s** steady,
  {verdict(f["one"] >= GOAL_THROUGHPUT)} of {GOAL_THROUGHPUT:,}.

Peak memory of the scoring process (1 worker): over the whole run (`ru_maxrss`, which includes loading the
model) and while scoring (the peak since the first batch's result, Linux `VmHWM` after a reset):

| corpus | documents | sentences | MB of input | peak RSS MB | peak RSS while scoring MB |
|---|---|---|---|---|---|
{mem_rows}

- 10x the input: peak memory **{f["growth"]:+.1%}** over the whole run, **{f["scoring_growth"]:+.1%}** while scoring
  (the larger growth of the two large corpora), {verdict(max(f["growth"], f["scoring_growth"]) < GOAL_MEMORY_GROWTH)} of
  less than {GOAL_MEMORY_GROWTH:.0%}. "New words" adds up to three made-up names a document, so the
  vocabulary grows with the input as on real text (the model's per-word caches are bounded).
  With 2 workers, the largest worker peaked at {f["worker_rss"]} MB.
"""


if __name__ == "__main__":
    main()
