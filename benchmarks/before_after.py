"""Before and after a change of code, in one run on one machine: prediction speed and the
HTTP service under load, the old commit checked out beside this one.

    python benchmarks/before_after.py --old 8070ac6
    python benchmarks/before_after.py --old 8070ac6 --own-models

The old commit goes into a temporary git worktree and gets this checkout's compiled
kernels (the same `.pyx` code; else its plain-Python twins would run and the comparison
would be unfair). One model is trained there by the *old* code and served by both: this
code loads it through the re-export modules kept at the old paths, so the two sides differ
in code only. Speed: `Classifier.predict_proba` on the held-out sentences and
`classify_many` with explanations, each side in a fresh one-thread process, the sides
interleaved round by round. Load: each side's own `benchmarks/load.py` (wrk; 1 and 2
workers, concurrency 8, explanations on and off), old then new then old then new; 2 workers
against 1 from the new side's scaling pairs (load.py `--pairs`: runs seconds apart), when its
load.py measures them. Writes the "before_after" section of docs/BENCHMARKS.md.

With `--own-models`, a change of labels, lexicon or features rather than of code: each side
trains its own default model from its own `labels/train`, so the figures compare the models
as each commit ships them (a bigger vocabulary, new cue entries). Writes the
"before_after_models" section.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.report import write_section  # noqa: E402
from training.batch.threads import THREAD_VARIABLES  # noqa: E402

SPEED_TARGET, LOAD_TARGET, P99_TARGET_MS, SCALING_TARGET = 0.90, 0.90, 25.0, 1.7  # issue #16, must-show 5
MODELS_SPEED_TARGET = 0.85  # issue #14, must-show 9: a labels or features change keeps speed within 15%

# Run in a child with the tree's own `training` first on sys.path: sentences/s of the model call
# alone and of whole documents with explanations (8 sentences each).
SPEED_CHILD = r"""
import json, sys, time
from training import load_model
clf = load_model(sys.argv[1]).classifier
texts = [json.loads(line)["text"] for line in open("labels/test.jsonl", encoding="utf-8")][:int(sys.argv[2])]
docs = [" ".join(texts[i:i + 8]) for i in range(0, len(texts), 8)]
def rate(call, n):
    call()  # warm-up: caches, first allocations
    best = []
    for _ in range(int(sys.argv[3])):
        t, k = time.perf_counter(), 0
        while time.perf_counter() - t < 1.0:
            call(); k += 1
        best.append(n * k / (time.perf_counter() - t))
    return best
print(json.dumps({"predict": rate(lambda: clf.predict_proba(texts), len(texts)),
                  "explain": rate(lambda: clf.classify_many(docs, explain=True), len(texts))}))
"""
_CELL = re.compile(
    r"workers (\d+) concurrency\s+(\d+) (on|off)\s+rps\s+([\d.]+) .*?p50 ([\d.]+) .*?p99 ([\d.]+) "
    r".*?shed (\d+)\s+failed (\d+)"
)
# load.py's scaling pairs (newer load.py only): 2 workers and 1, seconds apart, on distinct
# paragraphs; and on load.py's one paragraph in every request (newer still: load_scaling.py).
_PAIR = re.compile(r"pair \d+: 2 workers ([\d.]+), 1 worker ([\d.]+) requests/s")
_PAIR_ONE = re.compile(r"pair \d+: .*; one paragraph ([\d.]+)x")


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _env(tree: Path) -> dict:
    return {**os.environ, **dict.fromkeys(THREAD_VARIABLES, "1"), "PYTHONPATH": str(tree)}


@contextlib.contextmanager
def old_checkout(commit: str, tmp: Path):
    """The old commit in a worktree, with this checkout's compiled kernels beside its `.pyx` files."""
    old = tmp / "old"
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(old), commit], check=True, capture_output=True
    )
    try:
        for built in ROOT.glob("training/**/_*.cpython-*.so"):
            name = built.name.split(".")[0]
            for source in old.glob(f"training/**/{name}.pyx"):
                shutil.copy2(built, source.parent / built.name)
                os.utime(source.parent / built.name)  # newer than the .pyx: not stale (training/predict/compiled.py)
        yield old
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)], capture_output=True)


def train_with(tree: Path, models_dir: Path) -> None:
    """The quick default model (`stance train --cv 0 --cv-by none`), trained by `tree`'s code."""
    subprocess.run(
        [sys.executable, "-m", "training", "train", "--cv", "0", "--cv-by", "none", "--models-dir", str(models_dir)],
        cwd=tree,
        env=_env(tree),
        check=True,
        capture_output=True,
    )


def speed(tree: Path, models_dir: Path, sentences: int, repeats: int) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", SPEED_CHILD, str(models_dir), str(sentences), str(repeats)],
        cwd=tree,
        env=_env(tree),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def load(tree: Path, models_dir: Path, duration: int, repeats: int) -> dict:
    """{(workers, explanations): (requests/s, p50 ms, p99 ms, failed)} from `tree`'s load.py, and
    under "pairs" the ratios of 2 workers over 1 of its scaling pairs, when it measures them."""
    cmd = [
        sys.executable,
        "benchmarks/load.py",
        "--models-dir",
        str(models_dir),
        "--workers",
        "1",
        "2",
        "--concurrency",
        "8",
        "--duration",
        str(duration),
        "--repeats",
        str(repeats),
        "--no-write",
    ]
    out = subprocess.run(cmd, cwd=tree, env=_env(tree), check=True, capture_output=True, text=True)
    cells = {}
    for m in _CELL.finditer(out.stdout):
        w, _, kind, rps, p50, p99, shed, failed = m.groups()
        cells[(int(w), kind)] = (float(rps), float(p50), float(p99), int(shed) + int(failed))
    if not cells:
        raise SystemExit(f"before_after.py: error: expected load.py's result lines from {tree}, found none")
    cells["pairs"] = [float(two) / float(one) for two, one in _PAIR.findall(out.stdout)]
    cells["pairs_one"] = [float(r) for r in _PAIR_ONE.findall(out.stdout)]
    return cells


def measure(old: Path, models: dict[str, Path], args) -> tuple[dict, dict]:
    """Speed rounds interleaved (old, new / new, old ...), then load: old, new, old, new;
    `models`: each side's models folder."""
    rates: dict = {side: {"predict": [], "explain": []} for side in ("old", "new")}
    trees = {"old": old, "new": ROOT}
    for r in range(args.rounds):
        for side in ("old", "new") if r % 2 == 0 else ("new", "old"):
            got = speed(trees[side], models[side], args.sentences, args.repeats)
            for kind in got:
                rates[side][kind] += got[kind]
            _log(f"speed round {r + 1} {side}: {statistics.median(got['predict']):,.0f} sentences/s")
    loads: dict = {"old": [], "new": []}
    for _ in range(args.load_rounds):
        for side in ("old", "new"):
            loads[side].append(load(trees[side], models[side], args.duration, args.load_repeats))
            _log(f"load {side}: {loads[side][-1]}")
    return rates, loads


def _spread(values: list[float], digits: int = 0) -> str:
    return f"{statistics.median(values):,.{digits}f} ({min(values):,.{digits}f}-{max(values):,.{digits}f})"


def _load_rows(loads: dict) -> tuple[list[str], dict]:
    rows, med = [], {}
    for workers in (1, 2):
        for kind in ("off", "on"):
            for side in ("old", "new"):
                runs = [run[(workers, kind)] for run in loads[side] if (workers, kind) in run]
                rps, p50, p99 = ([r[i] for r in runs] for i in range(3))
                med[(side, workers, kind)] = (statistics.median(rps), max(p99), sum(r[3] for r in runs))
                rows.append(
                    f"| {side} | {workers} | {kind} | {_spread(rps)} | {_spread(p50, 1)} | {_spread(p99, 1)} | "
                    f"{sum(r[3] for r in runs)} |"
                )
    return rows, med


def report(args, rates: dict, loads: dict) -> str:
    speed_ratio = statistics.median(rates["new"]["predict"]) / statistics.median(rates["old"]["predict"])
    explain_ratio = statistics.median(rates["new"]["explain"]) / statistics.median(rates["old"]["explain"])
    rows, med = _load_rows(loads)
    load_ratio = med[("new", 2, "on")][0] / med[("old", 2, "on")][0]
    cell_scaling = med[("new", 2, "on")][0] / med[("new", 1, "on")][0]
    p99, failed = med[("new", 2, "on")][1], med[("new", 2, "on")][2]
    verdict = lambda ok: "met" if ok else "NOT met"  # noqa: E731
    target = MODELS_SPEED_TARGET if args.own_models else SPEED_TARGET
    return "\n".join(
        [
            "## Before and after: each commit's own default model"
            if args.own_models
            else "## Before and after: the same model, the old code beside this one",
            "",
            f"Old: commit `{args.old}` in a git worktree (this checkout's compiled kernels copied in); new: this checkout. "
            + (
                "Each side's own default model, trained by its own code from its own `labels/train` "
                "(`stance train --cv 0 --cv-by none`), served by that side. "
                if args.own_models
                else "One model, trained by the old code (`stance train --cv 0 --cv-by none`), served by both. "
            )
            + "Speed: a fresh "
            f"one-thread process per side and round, {args.rounds} rounds interleaved, {args.repeats} timed repeats of "
            f"at least 1 s each, {args.sentences} held-out sentences; median (min-max) sentences/s. Load: each side's own "
            f"`benchmarks/load.py` (wrk, concurrency 8, {args.load_repeats} runs of {args.duration} s per cell), "
            f"{args.load_rounds} times per side, old and new alternating; median (min-max) over every run.",
            "",
            "| side | `predict_proba` sentences/s | `classify_many`, explanations on, sentences/s |",
            "|---|---|---|",
            *(
                f"| {side} | {_spread(rates[side]['predict'])} | {_spread(rates[side]['explain'])} |"
                for side in ("old", "new")
            ),
            "",
            "| side | workers | explanations | requests/s | p50 ms | p99 ms | failed |",
            "|---|---|---|---|---|---|---|",
            *rows,
            "",
            f"- speed, new / old: {speed_ratio:.3f}x (`predict_proba`), {explain_ratio:.3f}x (with explanations): "
            f"within {round((1 - target) * 100)}% -> **{verdict(speed_ratio >= target and explain_ratio >= target)}**",
            f"- requests/s at 2 workers, c=8, explanations on, new / old: {load_ratio:.3f}x -> "
            f"**{verdict(load_ratio >= LOAD_TARGET)}**; worst p99 {p99:.1f} ms (<= {P99_TARGET_MS:g}) and {failed} failed "
            f"-> **{verdict(p99 <= P99_TARGET_MS and failed == 0)}**",
            _scaling_line(loads, cell_scaling),
        ]
    )


def _scaling_line(loads: dict, cell_scaling: float) -> str:
    """2 workers against 1 on the new side: load.py's pairs when it measures them, else its cells."""
    pairs = [r for run in loads["new"] for r in run.get("pairs", [])]
    pairs_one = [r for run in loads["new"] for r in run.get("pairs_one", [])]
    scaling = statistics.median(pairs) if pairs else cell_scaling
    verdict = "met" if scaling >= SCALING_TARGET else "NOT met"
    return (
        f"- 2 workers against 1 (new, explanations on): {scaling:.2f}x (>= {SCALING_TARGET}"
        + (
            f"; median of load.py's {len(pairs)} pairs, {min(pairs):.2f}-{max(pairs):.2f}x"
            + (
                f", on distinct paragraphs (benchmarks/load_scaling.py); one paragraph in every request, the same "
                f"pairs: {statistics.median(pairs_one):.2f}x ({min(pairs_one):.2f}-{max(pairs_one):.2f}x)"
                if pairs_one
                else ""
            )
            + f"; the cells above (one paragraph), minutes apart: {cell_scaling:.2f}x"
            if pairs
            else ""
        )
        + f") -> **{verdict}**"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--old", required=True, help="the commit to compare with (before the change)")
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--sentences", type=int, default=800)
    ap.add_argument("--load-rounds", type=int, default=2)
    ap.add_argument("--load-repeats", type=int, default=3)
    ap.add_argument("--duration", type=int, default=4)
    ap.add_argument(
        "--own-models", action="store_true", help="each side trains and serves its own default model (a labels change)"
    )
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="stance-before-after-"))
    try:
        with old_checkout(args.old, tmp) as old:
            if args.own_models:
                models = {"old": tmp / "models-old", "new": tmp / "models-new"}
                train_with(ROOT, models["new"])
            else:  # one model, trained by the old code, served by both
                models = dict.fromkeys(("old", "new"), tmp / "models")
            train_with(old, models["old"])
            rates, loads = measure(old, models, args)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    text = report(args, rates, loads)
    print(text)
    write_section("before_after_models" if args.own_models else "before_after", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
