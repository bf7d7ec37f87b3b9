"""Which ways of training the corrections should `stance train` choose among? Our own registers
play a user's corpus.

    python benchmarks/feedback_choice.py [--seeds 2] [--sizes 200] [--jobs 2]

No external data. Each simulation takes one register of labels/train as the user's text:
its rows are split in two by a hash salted with the seed; `n` rows drawn from one half
are the analyst's corrections (a stable fifth held out of training, as `stance train`
holds it out), and labels/train without that register is our rows. Every candidate (the
user's adapter at each scale and weight of training/feedback/weight.py, and the plain
weights 1, 3, 10 and 30 without it) trains on our rows and the other corrections, and is
scored on the held-out fifth (what `stance train` sees when it chooses) and on the
register's other half (what the user gets). A rule chooses by macro-F1 on the fifth
(ties: log-loss) among its candidates; the table says how far its choice ends, on the
other half, below the best candidate there (the oracle), and above the model trained
without corrections (on our rows alone). Writes the "feedback_choice" section of
docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from training.batch.threads import one_thread_per_process  # noqa: E402 (imports only os)

one_thread_per_process()

from benchmarks.inputs import salted_half  # noqa: E402
from benchmarks.report import log, write_section  # noqa: E402
from training.feedback.export import FEEDBACK_SOURCE  # noqa: E402
from training.feedback.gain import DEFAULT_FEEDBACK_WEIGHT, split_feedback  # noqa: E402
from training.feedback.weight import (  # noqa: E402
    MIN_HELD_OUT_TO_CHOOSE,
    FeedbackFit,
    best_candidate,
    candidate_fits,
    fit_candidates,
    score_on,
)
from training.fit.data import Example, read_examples  # noqa: E402
from training.fit.train import DEFAULT_TRAIN  # noqa: E402
from training.model.pipeline import PipelineParams  # noqa: E402

PLAIN = [FeedbackFit(w) for w in (1.0, 3.0, 10.0, 30.0)]
RULES = {
    "the adapter's candidates (`stance train`)": candidate_fits(),
    "the adapter's and the plain weights": PLAIN + candidate_fits(),
    "the plain weights alone": PLAIN,
}


def simulate(register: str, seed: int, n: int) -> dict:
    """One simulation: each candidate's macro-F1 on the held-out fifth and on the other half,
    and the model without corrections on the other half."""
    examples, _ = read_examples(sorted((ROOT / DEFAULT_TRAIN).glob("*.jsonl")))
    ours = [e for e in examples if e.register != register]
    halves: tuple[list[Example], list[Example]] = ([], [])
    for e in examples:
        if e.register == register:
            halves[salted_half(e.text, seed)].append(e)
    pool, other = halves
    corrections = [
        replace(e, extra={**e.extra, "source": FEEDBACK_SOURCE}) for e in random.Random(seed).sample(pool, n)
    ]
    train_rows, held = split_feedback(ours + corrections)
    fits = PLAIN + candidate_fits()
    features, classifiers = fit_candidates(train_rows, PipelineParams(), fits)
    X_held, X_other = (features.transform([e.text for e in rows]) for rows in (held, other))
    scores = {
        fit: (score_on(clf, X_held, [e.label for e in held]), score_on(clf, X_other, [e.label for e in other]))
        for fit, clf in zip(fits, classifiers, strict=True)
    }
    features, (without,) = fit_candidates(ours, PipelineParams(), [FeedbackFit(1.0)])
    none = score_on(without, features.transform([e.text for e in other]), [e.label for e in other])["macro_f1"]
    log(f"  {register} seed {seed}, {n} corrections ({len(held)} held out): without them {none:.4f}")
    return {"register": register, "seed": seed, "n": n, "held": len(held), "without": none, "scores": scores}


def choice(sim: dict, fits: list[FeedbackFit]) -> FeedbackFit:
    """The fit `stance train`'s rule would choose among `fits` (training/feedback/weight.py)."""
    if sim["held"] < MIN_HELD_OUT_TO_CHOOSE:
        return FeedbackFit(DEFAULT_FEEDBACK_WEIGHT)
    best = best_candidate([{"weight": f.weight, "user_scale": f.user_scale, **sim["scores"][f][0]} for f in fits])
    return FeedbackFit(best["weight"], best["user_scale"])


def table(sims: list[dict], sizes: list[int]) -> str:
    lines = [
        "| corrections | simulations | candidates chosen among | below the oracle: mean (worst) | above no "
        "corrections: mean (worst) |",
        "|---|---|---|---|---|",
    ]
    for n in sizes:
        group = [s for s in sims if s["n"] == n]
        held = statistics.median(s["held"] for s in group)
        for name, fits in RULES.items():
            got = [s["scores"][choice(s, fits)][1]["macro_f1"] for s in group]
            best = [max(v[1]["macro_f1"] for v in s["scores"].values()) for s in group]
            below = [b - g for g, b in zip(got, best, strict=True)]
            above = [g - s["without"] for g, s in zip(got, group, strict=True)]
            lines.append(
                f"| {n} (median {held:g} held out) | {len(group)} | {name} | {statistics.mean(below):.4f} "
                f"({max(below):.4f}) | {statistics.mean(above):+.4f} ({min(above):+.4f}) |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seeds", type=int, default=2)
    p.add_argument("--sizes", type=int, nargs="+", default=[200], help="corrections per simulation")
    p.add_argument("--jobs", type=int, default=2, help="simulations run side by side, one thread each")
    p.add_argument("--no-write", action="store_true", help="print, do not write docs/")
    args = p.parse_args(argv)
    examples, _ = read_examples(sorted((ROOT / DEFAULT_TRAIN).glob("*.jsonl")))
    counts = {r: sum(e.register == r for e in examples) for r in {e.register for e in examples if e.register}}
    # a register plays a user's corpus when its half to label holds the largest size with room to spare
    registers = sorted(r for r, c in counts.items() if c >= 2.2 * max(args.sizes))
    runs = [(r, seed, n) for n in args.sizes for seed in range(args.seeds) for r in registers]
    log(f"{len(runs)} simulations: {len(registers)} registers x {args.seeds} seeds x sizes {args.sizes}")
    t0 = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        sims = list(pool.map(simulate, *zip(*runs, strict=True)))
    text = table(sims, args.sizes)
    print(text)
    if not args.no_write:
        write_section("feedback_choice", section(args, registers, text, (time.perf_counter() - t0) / 60))
        log("wrote the feedback_choice section of docs/BENCHMARKS.md")
    return 0


def section(args, registers: list[str], text: str, minutes: float) -> str:
    return (
        "## Feedback choice: which candidates should `stance train` choose among?\n\n"
        f"Our own registers play a user's corpus ({len(registers)} registers of `labels/train` with enough rows, "
        f"{args.seeds} seeds): per simulation, the register's rows are split in two by a salted hash, a number of "
        "rows of one half are the analyst's corrections (a stable fifth held out of training, as `stance train` "
        "does), and the rest of `labels/train` is our rows. Every candidate (the user's adapter, feature copies "
        "scaled 1 or 3, a correction weighing 1, 3 or 10 rows; and plain weights of 1, 3, 10 and 30 rows without "
        "it) trains on our rows and the other corrections; a rule chooses by macro-F1 on the held-out fifth (ties: "
        f"log-loss), or takes a weight of {DEFAULT_FEEDBACK_WEIGHT:g} without the adapter under "
        f"{MIN_HELD_OUT_TO_CHOOSE} held out. *Below the oracle*: the best candidate's macro-F1 on the register's "
        "other half minus the chosen one's (the cost of choosing on a few dozen sentences); *above no corrections*: "
        "the chosen one's minus that of the model trained on our rows alone. No external data.\n\n"
        + text
        + "\n\nReading it: the first row is the rule `stance train` uses (training/feedback/weight.py). It was chosen "
        "on an earlier run of these simulations with seeds 0 to 2 (a scratch script) and held on seeds 3 and 5 there; "
        "this table repeats seeds 0 and 1, so it documents the choice rather than testing it afresh. "
        f"The whole run took {minutes:.0f} minutes (`python benchmarks/feedback_choice.py`).\n"
    )


if __name__ == "__main__":
    raise SystemExit(main())
