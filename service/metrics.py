"""Prometheus metrics, kept per worker process and written in the text exposition format.

Hand-written rather than prometheus_client: a few counters and one histogram, no global
registry to reset between apps in tests. With several uvicorn workers each worker keeps
and reports its own counters (a scrape sees the worker that answered it); run one worker
per port, or scrape each, when exact totals matter.
"""

from __future__ import annotations

import bisect
import threading
import time

__all__ = ["Metrics", "CONTENT_TYPE"]

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
# Seconds. Fine below 50 ms, where the service's latency target lies.
BUCKETS = (0.001, 0.0025, 0.005, 0.0075, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
# Requests scored together in one model call (see microbatch.py).
CALL_BUCKETS = (1, 2, 4, 8, 16, 32)


def _escape(value: str) -> str:
    return str(value).replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _labels(pairs: dict) -> str:
    return "{" + ",".join(f'{k}="{_escape(v)}"' for k, v in pairs.items()) + "}" if pairs else ""


def _num(v: float) -> str:
    return repr(float(v)) if isinstance(v, float) else str(v)


def _histogram(name: str, labels: dict, bounds: tuple, counts: list[int], total: float) -> list[str]:
    """A histogram's sample lines: cumulative buckets (`counts` has one more, for +Inf), sum, count."""
    lines, running = [], 0
    for bound, n in zip([*map(_num, bounds), "+Inf"], counts, strict=True):
        running += n
        lines.append(f"{name}_bucket{_labels({**labels, 'le': bound})} {running}")
    lines.append(f"{name}_sum{_labels(labels)} {_num(total)}")
    lines.append(f"{name}_count{_labels(labels)} {running}")
    return lines


class Metrics:
    """Counters of one worker. Updates take a lock: routes may run in a worker thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.started = time.time()
        # (route, method, status) -> [bucket counts..., +Inf count], sum of seconds
        self._latency: dict[tuple[str, str, str], tuple[list[int], list[float]]] = {}
        self._sentences: dict[str, int] = {}
        self._reloads: dict[str, int] = {}
        self._calls = [0] * (len(CALL_BUCKETS) + 1)  # model calls by requests scored, per bucket
        self._call_requests = 0
        self.in_flight = 0
        self.model: dict | None = None  # id, version, sha256 of the model being served

    def observe_request(self, route: str, method: str, status: int, seconds: float) -> None:
        key = (route, method, str(status))
        with self._lock:
            entry = self._latency.get(key)
            if entry is None:
                entry = self._latency[key] = ([0] * (len(BUCKETS) + 1), [0.0])
            entry[0][bisect.bisect_left(BUCKETS, seconds)] += 1
            entry[1][0] += seconds

    def count_sentences(self, labels) -> None:
        with self._lock:
            for label in labels:
                self._sentences[label] = self._sentences.get(label, 0) + 1

    def observe_model_call(self, requests: int) -> None:
        with self._lock:
            self._calls[bisect.bisect_left(CALL_BUCKETS, requests)] += 1
            self._call_requests += requests

    def count_reload(self, result: str) -> None:
        with self._lock:
            self._reloads[result] = self._reloads.get(result, 0) + 1

    def render(self) -> str:
        with self._lock:
            latency = {k: (list(v[0]), v[1][0]) for k, v in self._latency.items()}
            sentences, reloads = dict(self._sentences), dict(self._reloads)
            calls, call_requests = list(self._calls), self._call_requests
        out: list[str] = []

        def family(name: str, kind: str, help_text: str) -> None:
            out.append(f"# HELP {name} {help_text}")
            out.append(f"# TYPE {name} {kind}")

        family("stance_http_requests_total", "counter", "HTTP requests answered, by route, method and status.")
        for (route, method, status), (counts, _) in sorted(latency.items()):
            out.append(
                f"stance_http_requests_total{_labels({'route': route, 'method': method, 'status': status})} {sum(counts)}"
            )
        family(
            "stance_http_request_duration_seconds",
            "histogram",
            "Time from the request's arrival to the end of its response, by route, method and status.",
        )
        for (route, method, status), (counts, total) in sorted(latency.items()):
            out += _histogram(
                "stance_http_request_duration_seconds",
                {"route": route, "method": method, "status": status},
                BUCKETS,
                counts,
                total,
            )
        family(
            "stance_model_call_requests",
            "histogram",
            "Requests scored together in one model call (small requests waiting at once share a call).",
        )
        out += _histogram("stance_model_call_requests", {}, CALL_BUCKETS, calls, call_requests)
        family("stance_sentences_classified_total", "counter", "Sentences labelled, by predicted label.")
        for label, n in sorted(sentences.items()):
            out.append(f"stance_sentences_classified_total{_labels({'label': label})} {n}")
        family("stance_model_reloads_total", "counter", "Model loads after the first, by result (ok or error).")
        for result, n in sorted(reloads.items()):
            out.append(f"stance_model_reloads_total{_labels({'result': result})} {n}")
        family("stance_model_info", "gauge", "The model this worker serves (value 1), named by its labels.")
        if self.model:
            out.append(f"stance_model_info{_labels({k: self.model.get(k, '') for k in ('id', 'version', 'sha256')})} 1")
        family("stance_requests_in_flight", "gauge", "Scoring requests this worker is working on or holding.")
        out.append(f"stance_requests_in_flight {self.in_flight}")
        family("process_start_time_seconds", "gauge", "Start time of this worker since the Unix epoch, in seconds.")
        out.append(f"process_start_time_seconds {_num(self.started)}")
        return "\n".join(out) + "\n"
