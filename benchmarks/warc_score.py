"""A crawl of web pages through `stance score`: throughput, memory and what was set aside.

    python benchmarks/warc_score.py [--pages 10000] [--small 1000] [--workers 2] [--models-dir DIR] [--no-write]

Writes a gzip-compressed WARC of `--pages` HTML article pages to a temporary folder (pages
built like tests/saved_pages.py: a menu, a byline, a share bar, a picture credit, a
comments notice and a footer around 3-9 paragraphs recombined from labels/train, and on
one page in five a paragraph in another language from benchmarks/data/), plus request
records and image responses as a crawler stores them. Then runs the real command

    stance score crawl.warc.gz -o docs.parquet --unit document

in a child process (as `python -m training score`, this checkout's), sampling the resident memory of it and its workers every 0.2 s, on
the full crawl and on one of `--small` pages (memory must not grow with the input). The
figures go to the "warc" section of docs/BENCHMARKS.md; generated files are removed.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # so `benchmarks` and `training` import from a checkout

from benchmarks.inputs import label_rows, models_folder  # noqa: E402
from benchmarks.processes import run_sampling_memory  # noqa: E402
from benchmarks.report import log, write_section  # noqa: E402

GOAL_MEMORY_GROWTH = 0.20  # peak memory, 10x more pages


def _sources() -> tuple[list[str], list[str]]:
    english = [text for text in (row["text"].strip() for row in label_rows()) if text and text[-1] in ".?!\"'”"]
    data = ROOT / "benchmarks" / "data" / "language_sentences.jsonl"
    foreign = [r["text"] for r in map(json.loads, data.read_text(encoding="utf-8").splitlines()) if r["lang"] != "en"]
    return english, foreign


def page(i: int, rnd: random.Random, english: list[str], foreign: list[str]) -> str:
    from html import escape

    paragraphs = [" ".join(rnd.sample(english, rnd.randint(1, 3))) for _ in range(rnd.randint(3, 9))]
    if i % 5 == 0:
        paragraphs.insert(rnd.randint(1, len(paragraphs)), " ".join(rnd.sample(foreign, 2)))
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    title = escape(rnd.choice(english)[:70])
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title} | The Harbour Courier</title>
<meta name="author" content="Reporter {i % 40}"><meta property="og:site_name" content="The Harbour Courier">
<meta property="article:published_time" content="2024-{i % 12 + 1:02d}-{i % 28 + 1:02d}T09:30:00Z"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a></nav>
<main><article><h1>{title}</h1><p class="byline">By Reporter {i % 40}</p>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Copy link</a></div>
{body}
<figure><img src="p{i}.jpg"><figcaption>Photo: Reuters</figcaption></figure>
<p>Comments are closed.</p></article></main><footer>All rights reserved.</footer></body></html>"""


def write_crawl(path: Path, n: int, seed: int = 0) -> dict:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    english, foreign = _sources()
    rnd = random.Random(seed)
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)

        def record(url: str, kind: str, body: bytes, headers=None) -> None:
            writer.write_record(
                writer.create_warc_record(url, kind, payload=BytesIO(body), length=len(body), http_headers=headers)
            )

        for i in range(n):
            url = f"https://harbour.example/news/{i}"
            record(url, "request", b"GET /news HTTP/1.1\r\nHost: harbour.example\r\n\r\n")
            html = page(i, rnd, english, foreign).encode("utf-8")
            record(
                url,
                "response",
                html,
                StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"),
            )
            if i % 10 == 0:
                record(
                    f"https://harbour.example/img/{i}.jpg",
                    "response",
                    b"\xff\xd8\xff" + bytes(2000),
                    StatusAndHeaders("200 OK", [("Content-Type", "image/jpeg")], protocol="HTTP/1.1"),
                )
    return {"pages": n, "mb": path.stat().st_size / 1e6}


def run_score(crawl: Path, out: Path, models_dir: Path, workers: int) -> dict:
    # `stance score`, as this checkout's `python -m training`
    cmd = [
        sys.executable,
        "-m",
        "training",
        "score",
        str(crawl),
        "-o",
        str(out),
        "--unit",
        "document",
        "--models-dir",
        str(models_dir),
        "--workers",
        str(workers),
    ]
    t0 = time.perf_counter()
    errors = out.with_suffix(".stderr")
    returncode, stdout, rss = run_sampling_memory(cmd, errors)
    if returncode:
        raise SystemExit(f"stance score failed (exit {returncode}): {errors.read_bytes().decode()[-800:]}")
    summary = json.loads(stdout.strip().splitlines()[-1])
    seconds = time.perf_counter() - t0
    rss = rss or [0.0]
    half = len(rss) // 2
    return {
        "summary": summary,
        "seconds": seconds,
        "peak_mb": max(rss),
        "first_half_mb": max(rss[:half] or rss),
        "second_half_mb": max(rss[half:] or rss),
    }


def documents_found(parquet: Path) -> dict:
    """How many document rows have a title, and the documents' languages, in a scored Parquet file."""
    import pyarrow.parquet as pq

    table = pq.read_table(parquet, columns=["title", "author", "date", "language"])
    return {
        "with_title": sum(v is not None for v in table["title"].to_pylist()),
        "languages": dict(sorted(Counter(table["language"].to_pylist()).items())),
    }


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=10000)
    ap.add_argument("--small", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--models-dir", help="use this folder's active model instead of training the default one")
    ap.add_argument("--no-write", action="store_true", help="print the section instead of writing it")
    return ap.parse_args()


def measure(args: argparse.Namespace, tmp: Path) -> tuple[dict, dict]:
    """(the large crawl as written, the results of scoring the small crawl and the large one)."""
    models_dir, _ = models_folder(args.models_dir, tmp)
    log(f"writing {args.pages:,} pages to {tmp / 'crawl.warc.gz'} ...")
    t0 = time.perf_counter()
    big = write_crawl(tmp / "crawl.warc.gz", args.pages, seed=1)
    big["write_s"] = time.perf_counter() - t0
    write_crawl(tmp / "small.warc.gz", args.small, seed=2)
    results = {}
    for name, crawl in (("small", tmp / "small.warc.gz"), ("crawl", tmp / "crawl.warc.gz")):
        log(f"stance score {crawl.name} ...")
        results[name] = run_score(crawl, tmp / f"{name}.parquet", models_dir, args.workers)
    results["crawl"] |= documents_found(tmp / "crawl.parquet")
    return big, results


def main() -> None:
    args = parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="warc-bench-"))
    try:
        big, results = measure(args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    body = section(args, big, results)
    if args.no_write:
        print(body)
    else:
        write_section("warc", body)
        log("wrote the 'warc' section of docs/BENCHMARKS.md")


def section(args: argparse.Namespace, big: dict, results: dict) -> str:
    r, s = results["crawl"], results["small"]
    summ = r["summary"]
    growth = r["peak_mb"] / s["peak_mb"] - 1
    skipped = summ.get("skipped", {})
    labelled = summ["sentences"]
    set_aside = sum(skipped.values())
    verdict = "meets" if growth < GOAL_MEMORY_GROWTH else "**misses**"
    return f"""## A web crawl: `stance score crawl.warc.gz -o docs.parquet --unit document`

A gzip-compressed WARC of {big["pages"]:,} article pages ({big["mb"]:.1f} MB, written by the script in
{big["write_s"]:.0f} s) with a request record before each page and an image response every tenth, as crawlers
store them. Each page has a menu, a byline, a share bar, a picture credit, a comments notice and a footer around
3-9 paragraphs recombined from labels/train; one page in five has a paragraph of two sentences in another
language (benchmarks/data/). `--workers {args.workers}`; resident memory of the command and its workers sampled
every 0.2 s. One run each (a shared machine: the figures vary by some percent from run to run).

| crawl | pages | seconds | pages/s | labelled sentences/s | peak memory MB | peak, first half of the run | peak, second half |
|---|---|---|---|---|---|---|---|
| small | {s["summary"]["documents"]:,} | {s["seconds"]:.1f} | {s["summary"]["documents"] / s["seconds"]:.0f} | {s["summary"]["sentences"] / s["seconds"]:,.0f} | {s["peak_mb"]:.0f} | {s["first_half_mb"]:.0f} | {s["second_half_mb"]:.0f} |
| crawl | {summ["documents"]:,} | {r["seconds"]:.1f} | {summ["documents"] / r["seconds"]:.0f} | {labelled / r["seconds"]:,.0f} | {r["peak_mb"]:.0f} | {r["first_half_mb"]:.0f} | {r["second_half_mb"]:.0f} |

- Memory: {growth:+.1%} at 10x the pages; {verdict} the goal of less than {GOAL_MEMORY_GROWTH:.0%} (flat).
- Sentences: {labelled:,} labelled, {set_aside:,} set aside ({", ".join(f"{n:,} {why}" for why, n in sorted(skipped.items()))});
  {summ["errors"]} bad rows. Document rows with a title: {r["with_title"]:,} of {summ["documents"]:,}; languages
  of the documents: {r["languages"]}.
- Page extraction (trafilatura) runs in the workers, beside the model, so it scales with `--workers`; plan a
  crawl by pages/s.
"""


if __name__ == "__main__":
    main()
