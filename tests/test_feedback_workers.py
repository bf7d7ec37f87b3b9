"""Must-show 1: two `stance serve` workers take 2,000 corrections from 8 concurrent clients
into one real SQLite file, and the file holds exactly those 2,000 rows."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

CLIENTS, PER_CLIENT = 8, 250


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _started_workers(log: Path) -> set[int]:
    pids = set()
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if "Application startup complete" in line:
            try:
                pids.add(json.loads(line)["pid"])
            except (ValueError, KeyError):
                pass
    return pids


def _client(port: int, k: int, statuses: list[int]) -> None:
    conn = None
    for i in range(PER_CLIENT):
        if i % 25 == 0:  # new connections now and then: each new one goes to the less busy worker
            if conn is not None:
                conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        body = json.dumps(
            {
                "text": f"Client {k} says claim {i} about the budget was never made.",
                "label": ("assertion", "denial", "insinuation")[i % 3],
                "analyst": f"analyst-{k}",
                "model_id": "m-test",
                "model_label": "assertion",
                "note": f"batch {k}",
            }
        )
        conn.request("POST", "/v1/feedback", body, {"Content-Type": "application/json"})
        response = conn.getresponse()
        response.read()
        statuses.append(response.status)
    conn.close()


def test_two_workers_eight_clients_two_thousand_corrections(models_dir, tmp_path):
    db, log = tmp_path / "feedback.sqlite3", tmp_path / "serve.log"
    port = _free_port()
    stance = Path(sys.executable).with_name("stance")
    with open(log, "wb") as err:
        server = subprocess.Popen(
            [
                str(stance),
                "serve",
                "--workers",
                "2",
                "--port",
                str(port),
                "--models-dir",
                str(models_dir),
                "--feedback-db",
                str(db),
                "--reload-interval",
                "0",
            ],
            stdout=subprocess.DEVNULL,
            stderr=err,
            env={**os.environ, "NO_COLOR": "1"},
        )
    try:
        deadline = time.monotonic() + 60
        while len(_started_workers(log)) < 2:
            assert server.poll() is None, log.read_text()[-2000:]
            assert time.monotonic() < deadline, "the two workers did not start within 60 s"
            time.sleep(0.1)
        statuses: list[int] = []
        clients = [threading.Thread(target=_client, args=(port, k, statuses)) for k in range(CLIENTS)]
        for c in clients:
            c.start()
        for c in clients:
            c.join()
        assert statuses.count(201) == CLIENTS * PER_CLIENT, sorted(set(statuses))
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT text, analyst, label FROM corrections").fetchall()
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    expected = {
        (
            f"Client {k} says claim {i} about the budget was never made.",
            f"analyst-{k}",
            ("assertion", "denial", "insinuation")[i % 3],
        )
        for k in range(CLIENTS)
        for i in range(PER_CLIENT)
    }
    assert len(rows) == len(set(rows)) == CLIENTS * PER_CLIENT  # none duplicated
    assert set(rows) == expected  # none lost, none altered
    writers = {
        json.loads(line)["pid"]
        for line in log.read_text().splitlines()
        if line.startswith("{") and '"path": "/v1/feedback"' in line.replace('":"', '": "')
    }
    assert len(writers) == 2, f"expected both workers to take corrections, found {writers}"
