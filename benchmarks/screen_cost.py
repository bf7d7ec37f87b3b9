"""What setting sentences aside costs plain English text (`stance score`, training/text/screen.py).

    python benchmarks/screen_cost.py [--docs 10000] [--repeats 5] [--models-dir DIR] [--no-write]

Issue #18 added, for every sentence, a look for page furniture, a language and a fold of
URLs and entities before the model reads it. On plain English text all of it comes to
nothing, and it must cost at most 10% of the speed of `stance score`. This script runs
`score_file` on the corpus of benchmarks/score_throughput.py (`benchmarks.inputs.make_corpus`:
English, 2-8 sentences a document, recombined from labels/train), one worker, JSONL output, each
run in a fresh process, in interleaved rounds: with the screen, and with it replaced by one that keeps
every sentence as it is (what training/predict/classify.py did before #18), measured in the same run.
Figures go to the "screen" section of docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # so `benchmarks` and `training` import from a checkout

from benchmarks.inputs import BATCH, make_corpus, models_folder  # noqa: E402
from benchmarks.processes import BatchClock, run_child, wait_for_quiet  # noqa: E402
from benchmarks.report import log, spread, write_section  # noqa: E402

GOAL = 0.90  # with the screen, at least this share of the speed without it


def _no_screen(split, languages):
    """Every sentence to the model as it is: the flow before issue #18."""
    from training.text.screen import Screened

    return Screened(
        [["en"] * len(s) for s in split],
        ["en"] * len(split),
        [[None] * len(s) for s in split],
        [x.text for s in split for x in s],
        [x.start for s in split for x in s],
        [None for s in split for _ in s],
    )


def identifier_load_cpu() -> float:
    """CPU seconds this process takes to load the language identifier (training/text/identifier_cache.py)."""
    import py3langid.modelio  # noqa: F401  (imports are not the load)

    from training.text.identifier_cache import load_identifier

    cpu0 = time.process_time()
    load_identifier()
    return time.process_time() - cpu0


def identifier_calls(path: Path) -> tuple[int, int]:
    """(how many sentences of the corpus `identify` asks the identifier about, how many there are):
    the rest the English check answers, or their document's language does."""
    import training.text.language as language
    from training.text.sentences import split_sentences

    asked, guess = [], language._guess
    language._guess = lambda text: asked.append(text) or guess(text)
    try:
        docs = [split_sentences(json.loads(line)["text"]) for line in path.open(encoding="utf-8")]
        for sents in docs:
            language.identify([s.text for s in sents])
    finally:
        language._guess = guess
    return len(asked), sum(len(d) for d in docs)


def child(cfg: dict) -> dict:
    """One run of `score_file` in this fresh process: its rates, and the CPU time from the
    first batch's result to the last (one worker: all of it is this process's)."""
    import training.predict.classify
    from training.batch.score import score_file

    if not cfg["screen"]:
        training.predict.classify.screen = _no_screen
    clock = BatchClock()
    t0, cpu0 = time.perf_counter(), time.process_time()
    summary = score_file(
        cfg["input"],
        cfg["output"],
        models_dir=cfg["models_dir"],
        workers=1,
        batch_size=cfg["batch_size"],
        progress=clock,
    )
    (w0, c0, s0), (w1, c1, s1) = clock.marks[0], clock.marks[-1]
    return {
        "sentences": summary["sentences"],
        "steady": (s1 - s0) / (w1 - w0),
        "steady_cpu": (s1 - s0) / (c1 - c0),
        "end_to_end": summary["sentences"] / (time.perf_counter() - t0),
        "cpu_rate": summary["sentences"] / (time.process_time() - cpu0),
        "first_batch_cpu": c0 - cpu0,
    }


def measure(cfg: dict) -> dict:
    wait_for_quiet(patience=20)  # a shared machine: interleaved rounds spread what others take
    answer = run_child(__file__, "--child", json.dumps(cfg))
    Path(cfg["output"]).unlink(missing_ok=True)
    return answer


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--models-dir", help="use this folder's active model instead of training the default one")
    ap.add_argument("--no-write", action="store_true", help="print the section instead of writing it")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    return ap.parse_args()


def interleaved(base: dict, repeats: int) -> dict[str, list[dict]]:
    """`repeats` rounds of a run without the screen and one with it, each in a fresh process."""
    runs: dict[str, list[dict]] = {"without the screen (before #18)": [], "with the screen": []}
    for i in range(repeats):
        for name in runs:
            r = measure(base | {"screen": name == "with the screen"})
            runs[name].append(r)
            log(
                f"{name} #{i + 1}: {r['steady']:,.0f} sentences/s steady, {r['steady_cpu']:,.0f} per CPU-second "
                f"steady, {r['cpu_rate']:,.0f} per CPU-second in all"
            )
    return runs


def main() -> None:
    args = parse_args()
    if args.child:
        print(json.dumps(child(json.loads(args.child))))
        return
    with tempfile.TemporaryDirectory(prefix="screen-bench-") as folder:  # corpora, outputs, cache: gone after
        run(args, Path(folder))


def run(args: argparse.Namespace, tmp: Path) -> None:
    # The identifier's uncompressed copy in a folder of this run: the first load writes it, as
    # the first job on a machine does; the measured runs (child processes) read it.
    os.environ["STANCE_CACHE_DIR"] = str(tmp / "cache")
    loads = {"first": identifier_load_cpu(), "copy": statistics.median(identifier_load_cpu() for _ in range(5))}
    models_dir, _ = models_folder(args.models_dir, tmp)
    corpus = make_corpus(tmp / "main.jsonl", args.docs, seed=1)
    asked = identifier_calls(tmp / "main.jsonl")
    base = {
        "input": str(tmp / "main.jsonl"),
        "output": str(tmp / "out.jsonl"),
        "models_dir": str(models_dir),
        "workers": 1,
        "engine": "local",
        "explain": False,
        "batch_size": BATCH,
    }
    body = section(args, corpus, interleaved(base, args.repeats), loads, asked)
    if args.no_write:
        print(body)
    else:
        write_section("screen", body)
        log("wrote the 'screen' section of docs/BENCHMARKS.md")


def table_rows(runs: dict[str, list[dict]]) -> str:
    return "\n".join(
        f"| {name} | {rs[0]['sentences']:,} | {spread([r['steady_cpu'] for r in rs])} | "
        f"{spread([r['steady'] for r in rs])} | {spread([r['cpu_rate'] for r in rs])} | "
        f"{spread([r['first_batch_cpu'] for r in rs])} |"
        for name, rs in runs.items()
    )


def section(
    args: argparse.Namespace,
    corpus: dict,
    runs: dict[str, list[dict]],
    loads: dict[str, float],
    identifier: tuple[int, int],
) -> str:
    """The "screen" section: `loads`, CPU s to load the identifier the first time and from its copy;
    `identifier`, (sentences the identifier was asked about, sentences in all)."""
    before, after = runs["without the screen (before #18)"], runs["with the screen"]
    (asked, n_sentences), first_load, copy_load = identifier, loads["first"], loads["copy"]

    def ratio(key: str) -> float:
        return statistics.median(r[key] for r in after) / statistics.median(r[key] for r in before)

    rows = table_rows(runs)
    load = statistics.median(r["first_batch_cpu"] for r in after) - statistics.median(
        r["first_batch_cpu"] for r in before
    )
    verdict = "meets" if ratio("steady_cpu") >= GOAL else "**misses**"
    verdict_all = "meets" if ratio("cpu_rate") >= GOAL else "**misses**"
    model_note = (
        f"the active one of `{args.models_dir}`"
        if args.models_dir
        else "the default one, trained from "
        "labels/ for this run by `benchmarks.inputs.train_default` (`train(cv_folds=0)`)"
    )
    return f"""## Setting sentences aside: the cost on plain English text

`stance score` on {corpus["docs"]:,} English documents ({corpus["bytes"] / 1e6:.1f} MB of JSONL, 2-8 sentences each,
recombined from labels/train), one worker, batch size {BATCH}, JSONL output; each run in a fresh process,
{args.repeats} interleaved rounds; median (min-max). *Without the screen* replaces `training.text.screen.screen` with
one that sends every sentence to the model as it is, which is what `classify_many` did before issue #18.
*Steady per CPU-second*: sentences over the process's CPU time from the first batch's result to the last (the
speed of a long job; unlike wall-clock rates it does not move with other work on this shared machine);
*in all*: over the whole call; *to the first batch*: CPU seconds before the first result (loading the model
and, with the screen, the language identifier, once per process, from the uncompressed copy
`training/text/identifier_cache.py` keeps, which the first load on a machine writes: done before the rounds).

| configuration | sentences | steady per CPU-second | steady sentences/s (wall) | per CPU-second in all | CPU s to the first batch |
|---|---|---|---|---|---|
{rows}

- Steady, with the screen over without: **{ratio("steady_cpu"):.3f}x** per CPU-second ({ratio("steady"):.3f}x by the
  wall clock): {verdict} the goal of at least {GOAL:.2f}x (within 10%).
- Whole job, per CPU-second in all: **{ratio("cpu_rate"):.3f}x** over this short job ({after[0]["sentences"]:,}
  sentences): {verdict_all} the same goal. With the screen, {load:.2f} CPU s more before the first batch.
- The English check leaves {asked:,} of the corpus's {n_sentences:,} sentences ({asked / n_sentences:.1%}) to the
  identifier (headlines and replies without a function word only English uses).
- The language identifier is loaded once per process, on the first sentence the English check cannot
  answer (on this English text, a headline or a reply in the first batch): {copy_load:.3f} CPU s from the
  copy (median of 5 loads); {first_load:.2f} CPU s the first time on a machine (py3langid's xz file
  decompressed, the copy written).
- The model: {model_note}.
"""


if __name__ == "__main__":
    main()
