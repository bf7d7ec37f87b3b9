"""Abuse benchmark: a well-behaved client of `stance serve` while hostile ones run (issue 15).

`stance serve --workers 2` (default settings) on 127.0.0.1. For `--duration` seconds at once:

- 64 slow-body connections: each sends its headers and then one byte of its body a second;
  the server answers 408 once `body_timeout` (10 s) has passed and closes it, and a new one
  is opened at once, so 64 are always there;
- 8 clients, each sending a 100,000-character `"explain": "full"` request (one cue word
  repeated: the worst case of the what-if work) as soon as its last one was answered;
- a well-behaved client: 4 keep-alive connections posting a 100-word paragraph
  (`"explain": true`) back to back, each request timed;
- `GET /healthz` every 50 ms, each on a new connection (as a load balancer checks);

and every worker's resident memory is sampled every 0.25 s. The baseline, measured in the
same run on the same server: the well-behaved client and the health checks alone. Targets:
p99 under 100 ms and no 503 for the well-behaved client, `/healthz` within 50 ms, worker
memory under 500 MB.

    python benchmarks/abuse.py                    # trains the default model in a temporary folder
    python benchmarks/abuse.py --models-dir models --duration 10 --no-write

Bounded: 127.0.0.1 only; each phase lasts `--duration` seconds (at most 120); every socket
has a timeout; the server is stopped at the end, also on error or Ctrl-C.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import selectors
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.load import PARAGRAPH, ensure_model  # noqa: E402
from benchmarks.processes import child_pids, parallel_capacity, rss_mb  # noqa: E402
from benchmarks.report import write_section  # noqa: E402
from benchmarks.server import Server  # noqa: E402

SLOW_CONNECTIONS, BIG_CLIENTS, GOOD_CONCURRENCY = 64, 8, 4
BIG_TEXT = ("denied " * 14_286)[:100_000]
HEALTH_EVERY = 0.05
TARGETS = {"p99_ms": 100.0, "health_ms": 50.0, "rss_mb": 500.0}


class Stop(threading.Event):
    """Set when a phase ends; every loop of every client looks at it."""


def good_client(port: int, stop: Stop, times: list[float], statuses: dict) -> None:
    body = json.dumps({"text": PARAGRAPH, "explain": True, "top_k": 5})
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while not stop.is_set():
        t = time.perf_counter()
        try:
            conn.request("POST", "/v1/classify", body, {"content-type": "application/json"})
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            status = "error"
        times.append(time.perf_counter() - t)
        statuses[status] = statuses.get(status, 0) + 1
    conn.close()


def health_probe(port: int, stop: Stop, times: list[float], failures: list) -> None:
    while not stop.is_set():
        t = time.perf_counter()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", "/healthz")
            response = conn.getresponse()
            response.read()
            conn.close()
            if response.status != 200:
                failures.append(response.status)
        except (OSError, http.client.HTTPException) as e:
            failures.append(type(e).__name__)
        times.append(time.perf_counter() - t)
        stop.wait(HEALTH_EVERY)


def big_client(port: int, stop: Stop, done: list[float], statuses: dict) -> None:
    body = json.dumps({"text": BIG_TEXT, "explain": "full"})
    while not stop.is_set():
        t = time.perf_counter()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            conn.request("POST", "/v1/classify", body, {"content-type": "application/json"})
            response = conn.getresponse()
            response.read()
            conn.close()
            status = response.status
        except (OSError, http.client.HTTPException):
            status = "error"
        done.append(time.perf_counter() - t)
        statuses[status] = statuses.get(status, 0) + 1


def slow_bodies(port: int, stop: Stop, counts: dict) -> None:
    """Keep SLOW_CONNECTIONS connections sending one body byte a second each."""
    sel = selectors.DefaultSelector()
    conns: dict[socket.socket, float] = {}

    def open_one() -> None:
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(
            b"POST /v1/classify HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n"
            b"content-length: 100000\r\n\r\n{"
        )
        s.setblocking(False)
        sel.register(s, selectors.EVENT_READ)
        conns[s] = time.monotonic() + 1
        counts["opened"] = counts.get("opened", 0) + 1

    while not stop.is_set():
        while len(conns) < SLOW_CONNECTIONS and not stop.is_set():
            open_one()
        for key, _ in sel.select(timeout=0.05):  # an answer (408) or a close: replace the connection
            s = key.fileobj
            try:
                data = s.recv(65536)
            except OSError:
                data = b""
            if data.startswith(b"HTTP/1.1 "):
                status = data[9:12].decode()
                counts[status] = counts.get(status, 0) + 1
            sel.unregister(s)
            s.close()
            del conns[s]
        now = time.monotonic()
        for s, due in list(conns.items()):
            if now >= due:
                try:
                    s.send(b" ")
                    conns[s] = now + 1
                except OSError:
                    sel.unregister(s)
                    s.close()
                    del conns[s]
    for s in conns:
        s.close()
    sel.close()


def memory_sampler(workers: list[int], stop: Stop, peaks: dict) -> None:
    while not stop.is_set():
        for pid in workers:
            mb = rss_mb(pid)
            if mb is not None:
                peaks[pid] = max(peaks.get(pid, 0.0), mb)
        stop.wait(0.25)


def abusers(port: int, seconds: float, out) -> None:
    """The hostile clients, in a process of their own (the measured client's timings must not
    wait on their threads): run for `seconds`, then send what they saw through `out`."""
    stop = Stop()
    big: list[float] = []
    big_status: dict = {}
    slow: dict = {}
    threads = [
        threading.Thread(target=big_client, args=(port, stop, big, big_status), daemon=True) for _ in range(BIG_CLIENTS)
    ]
    threads.append(threading.Thread(target=slow_bodies, args=(port, stop, slow), daemon=True))
    for t in threads:
        t.start()
    time.sleep(seconds)
    stop.set()
    for t in threads:
        t.join(150)  # a big request in flight finishes first; each has a 120 s socket timeout
    out.send({"big": big, "big_status": big_status, "slow": slow})


def phase(port: int, workers: list[int], seconds: float, abuse: bool) -> dict:
    stop = Stop()
    good: list[float] = []
    good_status: dict = {}
    health: list[float] = []
    health_failures: list = []
    peaks: dict = {}
    threads = [
        threading.Thread(target=good_client, args=(port, stop, good, good_status)) for _ in range(GOOD_CONCURRENCY)
    ]
    threads += [
        threading.Thread(target=health_probe, args=(port, stop, health, health_failures)),
        threading.Thread(target=memory_sampler, args=(workers, stop, peaks)),
    ]
    hostile = None
    if abuse:
        ctx = multiprocessing.get_context("spawn")
        receive, send = ctx.Pipe(duplex=False)
        hostile = ctx.Process(target=abusers, args=(port, seconds, send), daemon=True)
        hostile.start()
        time.sleep(1)  # the hostile clients under way before the measured one starts
    for t in threads:
        t.daemon = True
        t.start()
    time.sleep(seconds)
    stop.set()
    for t in threads:
        t.join(60)
    seen = {"big": [], "big_status": {}, "slow": {}}
    if hostile is not None:
        if receive.poll(180):
            seen = receive.recv()
        hostile.join(10)
        if hostile.is_alive():
            hostile.kill()
    return {
        "good": good,
        "good_status": good_status,
        "health": health,
        "health_failures": health_failures,
        "rss": peaks,
        **seen,
    }


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def summary(r: dict) -> dict:
    ms = [t * 1000 for t in r["good"]]
    health = [t * 1000 for t in r["health"]]
    return {
        "requests": len(ms),
        "p50": statistics.median(ms) if ms else float("nan"),
        "p99": percentile(ms, 0.99),
        "max": max(ms, default=float("nan")),
        "shed": r["good_status"].get(503, 0),
        "failed": sum(n for s, n in r["good_status"].items() if s not in (200, 503)),
        "health_p99": percentile(health, 0.99),
        "health_max": max(health, default=float("nan")),
        "health_n": len(health),
        "health_failed": len(r["health_failures"]),
        "rss_max": max(r["rss"].values(), default=float("nan")),
    }


def _cell(rows: list[dict], key: str, digits: int = 1) -> str:
    values = [r[key] for r in rows]
    med = statistics.median(values)
    if len(values) == 1:
        return f"{med:,.{digits}f}"
    return f"{med:,.{digits}f} ({min(values):,.{digits}f}-{max(values):,.{digits}f})"


def _row(name: str, rows: list[dict]) -> str:
    return (
        f"| {name} | {_cell(rows, 'requests', 0)} | {_cell(rows, 'p50')} | {_cell(rows, 'p99')} | "
        f"{_cell(rows, 'max')} | {sum(r['shed'] for r in rows)} | {sum(r['failed'] for r in rows)} | "
        f"{_cell(rows, 'health_p99')} | {_cell(rows, 'health_max')} | {sum(r['health_n'] for r in rows)} "
        f"({sum(r['health_failed'] for r in rows)} failed) | {_cell(rows, 'rss_max', 0)} |"
    )


def _hostile(abuses: list[dict]) -> str:
    """What the hostile clients saw, over every abuse phase."""
    big = [t for r in abuses for t in r["big"]]
    big_status: dict = {}
    for r in abuses:
        for status, n in r["big_status"].items():
            big_status[str(status)] = big_status.get(str(status), 0) + n
    opened = sum(r["slow"].get("opened", 0) for r in abuses)
    timed_out = sum(r["slow"].get("408", 0) for r in abuses)
    return (
        f"The hostile clients meanwhile: {len(big)} full explanations of 100,000 characters answered (median "
        f"{statistics.median(big) if big else float('nan'):.1f} s each: they queue behind each other in one "
        f"low-priority thread per worker; statuses {dict(sorted(big_status.items()))}); {opened} slow-body "
        f"connections opened, {timed_out} answered 408 (and closed) within the phases, none holding a place under "
        "the concurrency cap."
    )


def _targets(abuse: list[dict]) -> str:
    """The targets against the worst abuse run."""

    def worst(key: str) -> float:
        return max(r[key] for r in abuse)

    shed, failed = sum(r["shed"] for r in abuse), sum(r["failed"] + r["health_failed"] for r in abuse)
    met = {
        "p99": worst("p99") < TARGETS["p99_ms"] and shed == 0 and failed == 0,
        "health": worst("health_max") < TARGETS["health_ms"],
        "health99": worst("health_p99") < TARGETS["health_ms"],
        "rss": worst("rss_max") < TARGETS["rss_mb"],
    }
    return (
        f"Targets, on the worst run: p99 under {TARGETS['p99_ms']:.0f} ms and no 503 -> "
        f"**{'met' if met['p99'] else 'not met'}** ({worst('p99'):.1f} ms, {shed} 503, {failed} other failures); "
        f"`/healthz` within {TARGETS['health_ms']:.0f} ms -> p99 **{'met' if met['health99'] else 'not met'}** "
        f"({worst('health_p99'):.1f} ms), every check **{'met' if met['health'] else 'not met'}** (max "
        f"{worst('health_max'):.1f} ms); worker memory under {TARGETS['rss_mb']:.0f} MB -> "
        f"**{'met' if met['rss'] else 'not met'}** ({worst('rss_max'):.0f} MB)."
    )


def report(bases: list[dict], abuses: list[dict], seconds: float, machine: dict) -> str:
    base, abuse = [summary(r) for r in bases], [summary(r) for r in abuses]
    ratio = (
        statistics.median(r["p50"] for r in abuse) / statistics.median(r["p50"] for r in base),
        statistics.median(r["p99"] for r in abuse) / statistics.median(r["p99"] for r in base),
    )
    lines = [
        "## Abuse: a well-behaved client while hostile ones run",
        "",
        f"`stance serve --workers 2` (default settings: `body_timeout` 10 s, what-ifs at most 10 cues a sentence "
        f"and 100,000 characters a request) on 127.0.0.1. *Abuse*: for {seconds:g} s at once, "
        f"{SLOW_CONNECTIONS} slow-body connections (headers, then one body byte a second; each replaced as soon as "
        f"the server answers 408 and closes it), {BIG_CLIENTS} clients each sending a 100,000-character "
        '`"explain": "full"` request (one cue word repeated) as soon as its last was answered, while the measured '
        f'client posts a 100-word paragraph (`"explain": true`) on {GOOD_CONCURRENCY} keep-alive connections back '
        f"to back and `GET /healthz` is checked every {HEALTH_EVERY * 1000:.0f} ms on a new connection. *Baseline*: "
        "the measured client and the health checks alone, on the same server, in the same run. Memory: the highest "
        "resident size of any worker, sampled every 0.25 s. The hostile clients run in a process of their own, the "
        "measured ones in another; all share the 2 cores with the server, and the machine was shared with other "
        f"work: before the baseline the 1-minute load average was {machine['base'][0]:.1f} and "
        f"{machine['base'][1]:.2f} cores were free (a pure-Python loop in 2 processes against 1: 2.0 on an idle "
        f"2-core machine), before the abuse {machine['abuse'][0]:.1f} and {machine['abuse'][1]:.2f}. "
        f"{len(abuses)} run(s) of each phase: median (min-max) over the runs; 503s, failures and checks are totals.",
        "",
        "| phase | requests | p50 ms | p99 ms | max ms | 503 | other failures | /healthz p99 ms | /healthz max ms | "
        "health checks | worker RSS max MB |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
        _row("baseline", base),
        _row("abuse", abuse),
        "",
        f"Under abuse against the baseline (medians): p50 {ratio[0]:.2f}x, p99 {ratio[1]:.2f}x. " + _hostile(abuses),
        "",
        _targets(abuse),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--models-dir", help="registry to serve (default: a temporary one with the default model)")
    p.add_argument("--duration", type=float, default=30.0, help="seconds per phase, at most 120 (default 30)")
    p.add_argument("--runs", type=int, default=3, help="runs of each phase, at most 5 (default 3)")
    p.add_argument("--no-write", action="store_true", help="print, do not write docs/BENCHMARKS.md")
    args = p.parse_args(argv)
    if not 1 <= args.duration <= 120 or not 1 <= args.runs <= 5:
        print("abuse.py: error: expected --duration from 1 to 120 and --runs from 1 to 5", file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="stance-abuse-"))
    models_dir = Path(args.models_dir).resolve() if args.models_dir else tmp / "models"
    try:
        ensure_model(models_dir)
        server = Server(models_dir, 2, tmp / "server.log")
        try:
            server.wait_ready()
            workers = child_pids(server.proc.pid)
            phase(server.port, workers, 2, abuse=False)  # warm-up, not recorded
            machine = {"base": (os.getloadavg()[0], parallel_capacity())}
            bases = [phase(server.port, workers, args.duration, abuse=False) for _ in range(args.runs)]
            machine["abuse"] = (os.getloadavg()[0], parallel_capacity())
            abuses = []
            for run in range(args.runs):
                if run:
                    time.sleep(12)  # the last phase's slow bodies are answered 408 and closed first
                abuses.append(phase(server.port, workers, args.duration, abuse=True))
        finally:
            server.stop()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    body = report(bases, abuses, args.duration, machine)
    print(body)
    if not args.no_write:
        write_section("abuse", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
