"""Time and peak memory of the corpus report (`stance report`, training/batch/corpus_summary.py and
training/batch/corpus_page.py) on a large generated Parquet scores file.

    python benchmarks/corpus_report.py [--rows 10000000] [--baseline-rows 1000000] [--repeats 3]
                                       [--folder /tmp/stancewatch-corpus-bench] [--no-write]

The scores file is generated, never committed: it lives in --folder (under /tmp by default)
and is reused by the next run when its row count and generator version match. It has the
columns `stance score --explain --keep outlet date -o scores.parquet` writes, in row groups of
16,384 rows as `stance score` merges them: sentences drawn from labels/train (rows this
project wrote) with their own labels, documents of 2-8 sentences, 12 outlets of different
sizes over two years, a campaign of insinuations in one outlet from 2024-03, named,
anonymous and pronoun sources on 40% of the sentences. The `explanation` column holds the
cues only (the real one also lists features): the report never reads that column, and
generating 10 million full explanations would take longer than everything else here.

Each run is `python -m training report FILE -o PAGE --by outlet --time date --json` in a fresh
process; its peak resident memory is the child's own `ru_maxrss` (os.wait4). On Linux a child's
`ru_maxrss` starts from its parent's resident size at exec, so this process stays small: it
generates the files in a child of its own and never imports pyarrow. Two baselines
are measured in the same run, interleaved with it: the same command on a --baseline-rows
file (memory must not grow with the input: flat memory), and reading the same
columns, read the same way (what reading costs without any summarising). The 1-minute load
average before and after is recorded: on a shared machine the times move with it, the
memory does not. Figures go to the "corpus-report" section of docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # so `benchmarks` and `training` import from a checkout

from benchmarks.inputs import label_rows  # noqa: E402
from benchmarks.processes import run_with_peak  # noqa: E402
from benchmarks.report import log, spread, write_section  # noqa: E402

GOAL_RSS_MB = 1024
GENERATOR_VERSION = "2"  # 2: output layout 3 (`skipped`, `language`)
ROW_GROUP = 16_384  # as `stance score` merges its Parquet parts (training/batch/outputs.py)
BLOCK_DOCS = 100_000  # documents generated and written at a time
OUTLETS = 12
CAMPAIGN_OUTLET, CAMPAIGN_FROM = "outlet-03", "2024-03-01"
COMMAND = ["report", "--by", "outlet", "--time", "date", "--json"]
SCAN = """
import sys
from training.batch import score_formats
from training.batch.score_reader import CHUNK_ROWS, open_scores
sf, n = open_scores(sys.argv[1]), 0
for table, _ in score_formats.parquet_chunks(sf, sf._needed(["outlet"], "date"), CHUNK_ROWS):
    n += table.num_rows
print(n)
"""
LABELS = ("assertion", "denial", "insinuation")


def _pools() -> dict:
    """Sentences per label from labels/train, and the sources, cues and explanations drawn from."""
    pools: dict[str, list[str]] = {}
    for row in label_rows():
        pools.setdefault(row["label"], []).append(row["text"])
    sources = (
        [
            {"text": t, "named": True, "pronoun": False}
            for t in ("the ministry", "the mayor", "Anna Brekke", "the port authority", "the company", "the union")
        ]
        + [
            {"text": t, "named": False, "pronoun": False}
            for t in (
                "an official",
                "sources close to the board",
                "a senior diplomat",
                "people familiar with the talks",
            )
        ]
        + [{"text": t, "named": False, "pronoun": True} for t in ("he", "she", "they")]
    )
    return {"texts": pools, "sources": sources}


def _columns() -> dict:
    """What every block draws from, as Arrow arrays: sentences by label, sources (as the source
    column's JSON and as text), and one cue and explanation per label."""
    import pyarrow as pa

    pools = _pools()
    src = pools["sources"]
    cue = {
        "assertion": "attribution verb: said",
        "denial": "denial verb: denied",
        "insinuation": "rhetorical question: ?",
    }
    expl = {
        lab: json.dumps({"cues": [{"kind": c.split(":")[0].replace(" ", "_"), "text": c.split(": ")[1]}]})
        for lab, c in cue.items()
    }
    return {
        "texts": {lab: pa.array(pools["texts"][lab]) for lab in LABELS},
        "n_sources": len(src),
        "src_json": pa.array(
            [
                json.dumps(
                    {
                        **s,
                        "start": 0,
                        "end": len(s["text"]),
                        "verb": "said",
                        "verb_start": 0,
                        "verb_end": 4,
                        "carried": False,
                    }
                )
                for s in src
            ]
        ),
        "src_text": pa.array([s["text"] for s in src]),
        "explanation": pa.array([expl[lb] for lb in LABELS]),
        "cues": pa.array([cue[lb] for lb in LABELS]),
    }


def _block(rng, pools: dict, schema, n_max: int, doc0: int):
    """The next BLOCK_DOCS documents (at most `n_max` sentence rows), as a table of `schema`."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    outlet_weights = 1 / np.arange(1, OUTLETS + 1)
    outlet_weights /= outlet_weights.sum()
    start_day = np.datetime64("2023-01-01")
    campaign_day = (np.datetime64(CAMPAIGN_FROM) - start_day).astype(int)
    texts = pools["texts"]
    lengths = rng.integers(2, 9, BLOCK_DOCS)
    n = min(int(lengths.sum()), n_max)
    doc = np.repeat(np.arange(BLOCK_DOCS), lengths)[:n]
    first = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    outlet = rng.choice(OUTLETS, BLOCK_DOCS, p=outlet_weights)[doc]
    day = rng.integers(0, 730, BLOCK_DOCS)[doc]
    campaign = (outlet == 2) & (day >= campaign_day)
    u = rng.random(n)
    ins_p = np.where(campaign, 0.45, 0.08 + 0.01 * outlet)
    lab = np.where(u < ins_p, 2, np.where(u < ins_p + 0.18, 1, 0))
    conf = rng.uniform(0.34, 1.0, n)
    cols = {
        "doc_id": pc.binary_join_element_wise("doc", pc.cast(pa.array(doc + doc0), pa.string()), ""),
        "sentence": pa.array(np.arange(n) - first[doc]),
        "start": pa.array(np.zeros(n, np.int64)),
    }
    label_arr = pa.array(LABELS).take(pa.array(lab))
    drawn = [texts[lb].take(pa.array(rng.integers(0, len(texts[lb]), n))) for lb in LABELS]
    text = pc.if_else(pa.array(lab == 0), drawn[0], pc.if_else(pa.array(lab == 1), drawn[1], drawn[2]))
    has_src = rng.random(n) < np.where(campaign & (lab == 2), 0.9, 0.4)
    which = rng.integers(0, pools["n_sources"], n)
    which = np.where(campaign & (lab == 2), 6 + which % 4, which)  # the campaign's anonymous officials
    mask = pa.array(~has_src)
    others = (1 - conf) / 2
    cols |= {
        "end": pc.utf8_length(text),
        "text": text,
        "label": label_arr,
        "confidence": pa.array(conf),
        **{f"p_{lb}": pa.array(np.where(lab == i, conf, others)) for i, lb in enumerate(LABELS)},
        "uncertain": pa.array(conf < 0.5),
        "uncertain_reasons": pa.ListArray.from_arrays(
            pa.array(np.concatenate([[0], np.cumsum(conf < 0.5)]).astype(np.int32)),
            pa.array(["low_confidence"] * int((conf < 0.5).sum()), pa.string()),
        ),
        "model_id": pa.array(["stance-bench"] * n),
        "source": pc.if_else(mask, pa.scalar(None, pa.string()), pools["src_json"].take(pa.array(which))),
        "source_text": pc.if_else(mask, pa.scalar(None, pa.string()), pools["src_text"].take(pa.array(which))),
        "explanation": pools["explanation"].take(pa.array(lab)),
        "cues": pools["cues"].take(pa.array(lab)),
        "outlet": pa.array([f"outlet-{i + 1:02d}" for i in range(OUTLETS)]).take(pa.array(outlet)),
        "date": pc.cast(pa.array(start_day + day.astype("timedelta64[D]")), pa.string()),
    }
    # columns of the layout this generator does not make (`skipped`, `language`): empty
    return pa.table({f.name: cols.get(f.name, pa.nulls(n, f.type)) for f in schema}).cast(schema)


def generate(path: Path, rows: int, seed: int = 0) -> None:
    """Write `rows` sentence rows as `stance score --explain --keep outlet date` would."""
    import numpy as np
    import pyarrow.parquet as pq

    from training.batch.outputs import OutputSpec

    spec = OutputSpec("parquet", "sentence", LABELS, True, ("outlet", "date"))
    schema = spec.arrow_schema().with_metadata(
        {
            "stancewatch.model_id": "stance-bench",
            "stancewatch.generator": GENERATOR_VERSION,
            "stancewatch.command": "generated by benchmarks/corpus_report.py",
        }
    )
    rng = np.random.default_rng(seed)
    pools = _columns()
    written, doc0 = 0, 0
    with pq.ParquetWriter(path, schema) as writer:
        while written < rows:
            table = _block(rng, pools, schema, rows - written, doc0)
            writer.write_table(table, row_group_size=ROW_GROUP)
            written += table.num_rows
            doc0 += BLOCK_DOCS
            log(f"  generated {written:,} of {rows:,} rows")


def scores_file(folder: Path, rows: int) -> Path:
    """The generated file for `rows`, made unless a matching one is there already."""
    import pyarrow.parquet as pq

    path = folder / f"scores-{rows}.parquet"
    if path.is_file():
        f = pq.ParquetFile(path)
        meta = f.schema_arrow.metadata or {}
        if f.metadata.num_rows == rows and meta.get(b"stancewatch.generator") == GENERATOR_VERSION.encode():
            return path
    folder.mkdir(parents=True, exist_ok=True)
    log(f"generating {path} ({rows:,} rows)")
    t0 = time.perf_counter()
    generate(path.with_suffix(".tmp"), rows)
    path.with_suffix(".tmp").replace(path)
    log(f"  done in {time.perf_counter() - t0:.0f} s, {path.stat().st_size / 1e6:.0f} MB")
    return path


def make_file(folder: Path, rows: int) -> Path:
    """`scores_file` in a child process, so that this one stays small (see the docstring)."""
    out = subprocess.run(
        [sys.executable, __file__, "--make", str(rows), "--folder", str(folder)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    return Path(out.stdout.strip())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--baseline-rows", type=int, default=1_000_000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--folder", type=Path, default=Path("/tmp/stancewatch-corpus-bench"))
    ap.add_argument("--no-write", action="store_true", help="print the section instead of writing it")
    ap.add_argument("--make", type=int, help=argparse.SUPPRESS)  # the child that generates a file
    args = ap.parse_args()
    if args.make:
        print(scores_file(args.folder, args.make))
        return
    big, small = make_file(args.folder, args.rows), make_file(args.folder, args.baseline_rows)
    assert "pyarrow" not in sys.modules  # see the docstring: this process must stay small
    configs = {"report, large": big, "report, baseline size": small, "reading only, large": big}
    results: dict[str, list[tuple[float, float]]] = {k: [] for k in configs}
    summary, load = None, [os.getloadavg()[0]]
    for r in range(args.repeats):  # interleaved rounds: a busy moment on the machine hits every configuration
        for name, path in configs.items():
            out = args.folder / f"page-{path.stem}.html"
            if name.startswith("reading"):
                argv = [sys.executable, "-c", SCAN, str(path)]
            else:
                argv = [sys.executable, "-m", "training", COMMAND[0], str(path), "-o", str(out), *COMMAND[1:]]
            with open(args.folder / "summary.json", "wb") as fh:
                results[name].append(run_with_peak(argv, fh))
            if name == "report, large":
                summary = json.loads((args.folder / "summary.json").read_text(encoding="utf-8"))
            log(f"round {r + 1}: {name}: {results[name][-1][0]:.1f} s, {results[name][-1][1]:.0f} MB")
    load.append(os.getloadavg()[0])
    args.parent_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    body = _section(args, configs, results, summary, load)
    if args.no_write:
        print(body)
    else:
        write_section("corpus-report", body)
        log("wrote the corpus-report section of docs/BENCHMARKS.md")


def _section(args, configs: dict, results: dict, summary: dict, load: list[float]) -> str:
    rows = {"report, large": args.rows, "report, baseline size": args.baseline_rows, "reading only, large": args.rows}
    lines = ["| configuration | rows | file MB | seconds | rows/s | peak RSS MB |", "|---|---|---|---|---|---|"]
    for name, runs in results.items():
        secs, rss = [s for s, _ in runs], [m for _, m in runs]
        lines.append(
            f"| {name} | {rows[name]:,} | {configs[name].stat().st_size / 1e6:,.0f} | {spread(secs)} | "
            f"{rows[name] / statistics.median(secs):,.0f} | {spread(rss)} |"
        )
    med = {k: (statistics.median(s for s, _ in v), statistics.median(m for _, m in v)) for k, v in results.items()}
    big_rss = max(m for _, m in results["report, large"])
    largest = (summary.get("over_time") or {}).get("largest") or {}
    return f"""## Corpus report (`stance report`) on a large Parquet scores file

A generated scores file (`benchmarks/corpus_report.py` generates it in /tmp: the columns of
`stance score --explain --keep outlet date`, sentences from labels/train, 12 outlets over two years,
row groups of 16,384 rows). Each run is `stance report FILE -o PAGE --by outlet --time date --json` in a
fresh process; peak RSS is the child's own `ru_maxrss`. {args.repeats} interleaved rounds; median (min-max).
*Reading only*: the same columns read the same way (`training/batch/score_formats.py`, a few row groups at a time),
nothing summarised. The machine was shared: 1-minute load average {load[0]:.1f} before, {load[1]:.1f} after
(2 cores), so the times are upper bounds; the memory figures do not depend on it. The measuring process
itself peaked at {args.parent_mb:.0f} MB (a child's `ru_maxrss` cannot read lower than its parent's size at exec).

{chr(10).join(lines)}

- Peak memory, {args.rows:,} rows: **{big_rss:.0f} MB at most**, {"meets" if big_rss < GOAL_RSS_MB else "**misses**"} the goal of
  under {GOAL_RSS_MB} MB; against {args.baseline_rows:,} rows: **{med["report, large"][1] / med["report, baseline size"][1]:.2f}x**
  the memory for {args.rows / args.baseline_rows:.0f}x the rows (flat), {med["report, large"][0] / med["report, baseline size"][0]:.1f}x the time.
- Against reading only: {med["report, large"][0] / med["reading only, large"][0]:.1f}x the time
  (summarising, the top lists and the page), {med["report, large"][1] / med["reading only, large"][1]:.2f}x the memory.
- Read with `ParquetFile.iter_batches`, pyarrow 26 held on to about 14 MB per million rows (a 10-million-row
  run grew to 386 MB and kept growing); `read_row_groups` a few at a time, as now, stays flat.
- The page names the largest change it was built to find: {largest.get("label")} in {largest.get("group")} in
  {largest.get("period")} (generated campaign: {CAMPAIGN_OUTLET} from {CAMPAIGN_FROM[:7]}).
"""


if __name__ == "__main__":
    main()
