"""Load benchmark: `stance serve` over loopback, driven by wrk with a 100-word paragraph.

For 1 and 2 workers, concurrency 1, 8 and 64, explanations on and off, it records requests
per second, p50 and p99 latency, and failed requests (503s shed by the per-worker
concurrency cap are counted apart). The baseline, measured in the same run on the same
server and connections, is GET /healthz: what the framework alone costs. Each cell runs
`--repeats` times; the tables show the median and the min-max spread. The scaling of 2 workers
over 1 is then measured in pairs of runs seconds apart, both servers up (`--pairs`): on a
shared machine, the cells of 1 and 2 workers are minutes apart and other work drifts between them.
The pairs post distinct paragraphs as well as the one paragraph (benchmarks/load_scaling.py says why).

    apt-get install wrk
    python benchmarks/load.py                 # trains the default model from labels/ in a temporary folder
    python benchmarks/load.py --models-dir models --duration 2 --repeats 1 --no-write    # a quick look

Bounded: every wrk run lasts `--duration` seconds, against 127.0.0.1 only; the servers are
stopped at the end, also on error or Ctrl-C.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.load_scaling import paired_scaling, scaling, write_distinct_script  # noqa: E402
from benchmarks.processes import (  # noqa: E402
    children_cpu,
    parallel_capacity,
    session_cpu_seconds,
    session_preemptions,
)
from benchmarks.report import write_section  # noqa: E402
from benchmarks.server import Server  # noqa: E402

# Written for this benchmark (project text, not from any dataset): 100 words, eight sentences,
# every label and several cues, attributions and a question.
PARAGRAPH = (
    "The ministry signed the new defence contract in March, officials said on Tuesday. The company denied "
    "that any customer data had been sold to third parties. Critics dismissed the audit as a whitewash, but the "
    "minister insisted the process had been fair. Where did the money for the new stadium come from? It is "
    "hardly a coincidence that the inquiry was cancelled the week before the vote. According to an unnamed "
    "official, the drones were never deployed. The mayor said the budget had doubled since last year, and the "
    "opposition has refused to comment on the figures or on who approved the payments."
)

# wrk's Lua: post the body, count 503s (shed) and other failures per thread, print JSON at the end.
WRK_SCRIPT = r"""
local f = assert(io.open(os.getenv("STANCE_BENCH_BODY"), "rb"))
wrk.body = f:read("*a"); f:close()
wrk.method = os.getenv("STANCE_BENCH_METHOD")
if wrk.method == "POST" then wrk.headers["Content-Type"] = "application/json" end
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) shed = 0; failed = 0 end
function response(status, headers, body)
  if status == 503 then shed = shed + 1 elseif status >= 300 then failed = failed + 1 end
end
function done(summary, latency, requests)
  local shed_all, failed_all = 0, 0
  for _, t in ipairs(threads) do shed_all = shed_all + t:get("shed"); failed_all = failed_all + t:get("failed") end
  local e = summary.errors
  io.write(string.format('BENCH {"requests": %d, "seconds": %f, "p50_us": %d, "p99_us": %d, "shed": %d, ' ..
    '"failed": %d, "socket_errors": %d}\n', summary.requests, summary.duration / 1e6, latency:percentile(50),
    latency:percentile(99), shed_all, failed_all, e.connect + e.read + e.write + e.timeout))
end
"""


def wrk(url: str, path: str, method: str, body: Path, script: Path, concurrency: int, seconds: int) -> dict:
    threads = min(concurrency, 2)
    env = {**os.environ, "STANCE_BENCH_BODY": str(body), "STANCE_BENCH_METHOD": method}
    cmd = [
        "wrk",
        "-t",
        str(threads),
        "-c",
        str(concurrency),
        "-d",
        f"{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
        url + path,
    ]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=seconds + 60)
    line = next((x for x in out.stdout.splitlines() if x.startswith("BENCH ")), None)
    if line is None:
        said = " ".join((out.stderr or out.stdout).split())[:200]
        raise SystemExit(f"load.py: error: expected wrk's summary line, found none (wrk said: {said})")
    r = json.loads(line[6:])
    r["rps"] = r["requests"] / r["seconds"]
    return r


def measured_run(server, path: str, method: str, body: Path, script: Path, concurrency: int, seconds: int) -> dict:
    """One wrk run, with the cores the server and wrk each kept busy meanwhile: where the
    2 cores went when both run on them."""
    server_before, wrk_before = session_cpu_seconds(server.proc.pid), children_cpu()
    preempted_before = session_preemptions(server.proc.pid)
    r = wrk(server.url, path, method, body, script, concurrency, seconds)
    r["wrk_cores"] = (children_cpu() - wrk_before) / r["seconds"]  # wrk: the only child of ours that ended
    r["server_cores"] = (session_cpu_seconds(server.proc.pid) - server_before) / r["seconds"]
    r["preempted"] = (session_preemptions(server.proc.pid) - preempted_before) / max(r["requests"], 1)
    return r


def cell(runs: list[dict]) -> dict:
    for r in runs:
        r["per_server_core"] = r["rps"] / max(r["server_cores"], 1e-9)

    def med(key):
        values = [r[key] for r in runs]
        return statistics.median(values), min(values), max(values)

    return {
        "rps": med("rps"),
        "server_cores": med("server_cores"),
        "wrk_cores": med("wrk_cores"),
        "per_server_core": med("per_server_core"),
        "preempted": med("preempted"),
        "p50_ms": tuple(v / 1000 for v in med("p50_us")),
        "p99_ms": tuple(v / 1000 for v in med("p99_us")),
        "requests": sum(r["requests"] for r in runs),
        "shed": sum(r["shed"] for r in runs),
        "failed": sum(r["failed"] + r["socket_errors"] for r in runs),
    }


def fmt(triple, digits=1) -> str:
    med, lo, hi = triple
    return f"{med:.{digits}f} ({lo:.{digits}f}-{hi:.{digits}f})"


def model_call_ms(models_dir: Path, repeats: int = 200) -> dict:
    """Median time of the model call alone (no HTTP), in this process, for the same
    paragraph: alone, and per paragraph when four or seven share one call (as the service's
    micro-batching has them share it when that many requests wait in a worker), with the
    garbage collector set as in a worker."""
    import gc

    from service.app import GC_THRESHOLD
    from training import load_model

    classifier = load_model(models_dir).classifier
    gc.freeze()  # as a worker does with its model (service/registry_watch.py)
    gc.set_threshold(*GC_THRESHOLD)
    out = {}
    for kind, explain, n in (("off", False, 1), ("on", True, 1), ("on4", True, 4), ("on7", True, 7)):
        times = []
        for _ in range(repeats):
            t = time.perf_counter()
            classifier.classify_many([PARAGRAPH] * n, explain=explain, top_k=5)
            times.append((time.perf_counter() - t) / n)
        out[kind] = statistics.median(times) * 1000
    return out


def ensure_model(models_dir: Path) -> None:
    """The default model, as `stance serve` trains it on a fresh clone, unless there is one."""
    from training.fit.train import ensure_default_model

    os.chdir(ROOT)  # the default model trains from labels/
    ensure_default_model(models_dir, log=lambda msg: print(msg, file=sys.stderr, flush=True))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--models-dir",
        help="registry to serve (default: a temporary one with the default model "
        "trained from labels/, as `stance serve` trains it on a fresh clone)",
    )
    p.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    p.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 64])
    p.add_argument("--duration", type=int, default=4, help="whole seconds per wrk run (default 4)")
    p.add_argument("--repeats", type=int, default=3, help="wrk runs per cell (default 3)")
    p.add_argument(
        "--pairs",
        type=int,
        default=6,
        help="scaling: runs at concurrency 8 alternating the 1- and 2-worker servers (default 6 pairs; 0: none)",
    )
    p.add_argument("--no-write", action="store_true", help="print, do not write docs/BENCHMARKS.md")
    return p.parse_args(argv)


def write_wrk_inputs(tmp: Path) -> tuple[Path, dict[str, Path]]:
    """wrk's Lua script and the three request bodies (explanations on, off, and /healthz's empty one)."""
    script = tmp / "post.lua"
    script.write_text(WRK_SCRIPT)
    bodies = {"on": tmp / "explain.json", "off": tmp / "plain.json", "healthz": tmp / "empty"}
    bodies["on"].write_text(json.dumps({"text": PARAGRAPH, "explain": True, "top_k": 5}))
    bodies["off"].write_text(json.dumps({"text": PARAGRAPH, "explain": False}))
    bodies["healthz"].write_text("")
    return script, bodies


def measure_server(server: Server, args, bodies: dict, script: Path, results: dict, loads: dict, free: dict) -> None:
    """Every concurrency and kind of request against one ready server, into `results`; the
    machine's load and free cores into `loads` and `free`."""
    workers = server.workers
    wrk(server.url, "/v1/classify", "POST", bodies["on"], script, 8, 2)  # warm-up, not recorded
    loads[workers] = (os.getloadavg()[0], parallel_capacity())
    for conc in args.concurrency:
        free[(workers, conc)] = parallel_capacity()  # the machine may be shared: say how much of it was ours
        for kind, path, method in (
            ("healthz", "/healthz", "GET"),
            ("off", "/v1/classify", "POST"),
            ("on", "/v1/classify", "POST"),
        ):
            runs = [
                measured_run(server, path, method, bodies[kind], script, conc, args.duration)
                for _ in range(args.repeats)
            ]
            results[(workers, conc, kind)] = c = cell(runs)
            print(
                f"workers {workers} concurrency {conc:>2} {kind:<7} rps {fmt(c['rps'], 0):>20}  "
                f"p50 {fmt(c['p50_ms'])} ms  p99 {fmt(c['p99_ms'])} ms  shed {c['shed']}  "
                f"failed {c['failed']}",
                flush=True,
            )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        print(
            "load.py: error: expected the wrk load generator on PATH, found none; install it: apt-get install wrk",
            file=sys.stderr,
        )
        return 1
    words = len(PARAGRAPH.split())
    assert 95 <= words <= 105, words
    tmp = Path(tempfile.mkdtemp(prefix="stance-load-"))
    models_dir = Path(args.models_dir) if args.models_dir else tmp / "models"
    script, bodies = write_wrk_inputs(tmp)
    results: dict[tuple, dict] = {}
    loads, free = {}, {}
    try:
        ensure_model(models_dir)
        alone = model_call_ms(models_dir)
        servers: dict[int, Server] = {}
        try:
            for workers in args.workers:
                servers[workers] = server = Server(models_dir, workers, tmp / f"server-{workers}.log")
                server.wait_ready()
                measure_server(server, args, bodies, script, results, loads, free)
            distinct = (bodies["on"], write_distinct_script(tmp, WRK_SCRIPT))  # its request() sets each body
            pair_loads = {"distinct": distinct, "one": (bodies["on"], script)}
            pairs = paired_scaling(servers, pair_loads, args.pairs, args.duration, measured_run)
        finally:
            for server in servers.values():
                server.stop()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    body = report(results, args, loads, free, words, alone, pairs)
    print(body)
    if not args.no_write:
        write_section("load", body)
    return 0


def report(results: dict, args, loads: dict, free: dict, words: int, alone: dict, pairs: list) -> str:
    lines = [
        "## Load: the HTTP service over loopback",
        "",
        f"`stance serve` (access log on, default settings) on 127.0.0.1, driven by wrk (closed loop: each "
        f"connection sends its next request when the previous answer arrives) with one {words}-word, "
        f'8-sentence paragraph to `POST /v1/classify`; explanations on means `"explain": true, "top_k": 5`. '
        f"Each cell: {args.repeats} runs of {args.duration:g} s, median (min-max). Baseline: `GET /healthz` on the same "
        "server and connections; the ratio is requests per second against it. *Shed*: 503 answers past the per-worker "
        "concurrency cap (`STANCE_MAX_CONCURRENCY`, default 32); *failed*: any other non-2xx answer or socket error. "
        "Latency percentiles include shed answers. wrk runs on the same 2 cores as the server, and the machine "
        "may be shared with other work; at the start of each worker count, the 1-minute load average and the "
        "cores really available (a pure-Python loop in 2 processes against 1: 2.0 when both cores are free) were "
        + ", ".join(f"{w} worker(s): load {load:.1f}, {cores:.2f} cores" for w, (load, cores) in loads.items())
        + "; "
        "*cores free* is the same measure taken again just before each concurrency's runs (above 2.0: the "
        "one-process reference run was itself slowed by other work).",
        "",
        "| workers | concurrency | cores free | explanations | requests/s | vs /healthz | p50 ms | p99 ms | shed | failed "
        "| cores busy: server, wrk | requests per server CPU-second | server preempted per request |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for (workers, conc, kind), c in sorted(
        results.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] != "healthz", kv[0][2])
    ):
        base = results.get((workers, conc, "healthz"))
        ratio = f"{c['rps'][0] / base['rps'][0]:.2f}x" if base and kind != "healthz" else ""
        label = {"healthz": "`GET /healthz`", "on": "on", "off": "off"}[kind]
        cores = f"{free[(workers, conc)]:.2f}" if (workers, conc) in free else ""
        lines.append(
            f"| {workers} | {conc} | {cores} | {label} | {fmt(c['rps'], 0)} | {ratio} | {fmt(c['p50_ms'])} | "
            f"{fmt(c['p99_ms'])} | {c['shed']} | {c['failed']} | {c['server_cores'][0]:.2f}, "
            f"{c['wrk_cores'][0]:.2f} | {fmt(c['per_server_core'], 0)} | {c['preempted'][0]:.2f} |"
        )
    target = results.get((2, 8, "on"))
    if target:
        p50, p99 = target["p50_ms"][0], target["p99_ms"][0]
        ok = p50 <= 10 and p99 <= 50 and target["failed"] == 0 and target["shed"] == 0
        lines += [
            "",
            f"Target (2 workers, concurrency 8, explanations on: p50 <= 10 ms, p99 <= 50 ms, no failed "
            f"request): p50 {p50:.1f} ms, p99 {p99:.1f} ms, {target['failed'] + target['shed']} failed of "
            f"{target['requests']} -> **{'met' if ok else 'not met'}**.",
        ]
    lines += scaling(results, alone, pairs, args.duration)
    lines += [
        "",
        f"The model call alone (`Classifier.classify_many` on the same paragraph, in one process, median of "
        f"200): {alone['off']:.2f} ms with explanations off, {alone['on']:.2f} ms on; with explanations on and "
        f"four paragraphs in one call (what a worker holding four waiting requests makes of them), "
        f"{alone['on4']:.2f} ms a paragraph (seven: {alone['on7']:.2f} ms). Scoring is CPU-bound, so in a closed loop at concurrency c on w "
        f"workers (with w free cores) p50 is near c/w times a request's whole cost: for c=8, w=2, four times "
        f"the shared model call's share plus the HTTP layer's (about the `/healthz` figure). A p50 of 10 ms "
        f"there needs about 2.5 ms a request in all.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
