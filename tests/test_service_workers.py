"""Every worker converges to the registry's pointer (issue 15, item 7): a refused reload is
retried with backoff until the artifact is repaired, and POST /v1/admin/reload reaches every
worker (through the shared folder of service/workers.py) and reports what each serves."""

from __future__ import annotations

import os
import subprocess
import sys

from fastapi.testclient import TestClient

from service import Settings, create_app
from service.workers import WorkerBoard
from training.cli import main

from .conftest import wait_for

TOKEN = "workers-test-token"
ADMIN = {"Authorization": f"Bearer {TOKEN}"}


def _serving(client) -> str | None:
    r = client.get("/readyz")
    return r.json()["model"]["id"] if r.status_code == 200 else None


def test_a_refused_reload_is_retried_until_the_artifact_is_repaired(two_models):
    d, first, second = two_models
    artifact = d / second / "model.joblib"
    good = artifact.read_bytes()
    artifact.write_bytes(good + b"tampered")
    with TestClient(create_app(Settings(models_dir=d, reload_interval=0.05, access_log=False))) as client:
        main(["models", "activate", second, "--models-dir", str(d)])
        assert wait_for(lambda: 'stance_model_reloads_total{result="error"} 1' in client.get("/metrics").text, 10)
        assert _serving(client) == first
        artifact.write_bytes(good)  # repaired; the pointer does not change
        assert wait_for(lambda: _serving(client) == second, 6), "the worker never tried again"
        # backing off: two failures in the first second, not twenty
        errors = client.get("/metrics").text.split('stance_model_reloads_total{result="error"} ')[1].split()[0]
        assert int(errors) <= 3


def test_admin_reload_reaches_every_worker_and_reports_each(two_models, tmp_path):
    d, first, second = two_models
    folder = tmp_path / "workers"
    folder.mkdir()
    # The pointer watch off: only the admin call can make a worker switch.
    settings = Settings(models_dir=d, reload_interval=0, admin_token=TOKEN, access_log=False)
    with (
        TestClient(create_app(settings, board=WorkerBoard(folder, "a"))) as a,
        TestClient(create_app(settings, board=WorkerBoard(folder, "b"))) as b,
    ):
        assert _serving(a) == _serving(b) == first
        listed = a.get("/v1/admin/workers", headers=ADMIN).json()
        assert [(w["worker"], w["model"]["id"]) for w in listed] == [("a", first), ("b", first)]
        main(["models", "activate", second, "--models-dir", str(d)])
        r = a.post("/v1/admin/reload", headers=ADMIN)
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["model"]["id"] == second and body["converged"] is True
        assert [(w["worker"], w["model"]["id"], w["error"]) for w in body["workers"]] == [
            ("a", second, None),
            ("b", second, None),
        ]
        assert _serving(b) == second  # the worker that did not answer the call switched too


def test_admin_reload_says_which_worker_did_not_follow(two_models, tmp_path):
    d, first, second = two_models
    folder = tmp_path / "workers"
    folder.mkdir()
    settings = Settings(models_dir=d, reload_interval=0, admin_token=TOKEN, access_log=False)
    with (
        TestClient(create_app(settings, board=WorkerBoard(folder, "a"))) as a,
        TestClient(
            create_app(
                Settings(models_dir=d / "elsewhere", reload_interval=0, access_log=False),
                board=WorkerBoard(folder, "b"),
            )
        ),
    ):
        main(["models", "activate", second, "--models-dir", str(d)])
        body = a.post("/v1/admin/reload", headers=ADMIN).json()
        assert body["converged"] is False
        by_worker = {w["worker"]: w for w in body["workers"]}
        assert by_worker["a"]["model"]["id"] == second
        assert by_worker["b"]["model"] is None and "expected an active model" in by_worker["b"]["error"]


def test_the_board_ignores_workers_that_died(tmp_path):
    board = WorkerBoard(tmp_path, "alive")
    board.publish({"id": "m1", "version": "", "sha256": ""}, None, 0)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    ghost = WorkerBoard(tmp_path, "ghost")
    ghost.pid = int(dead.stdout)
    ghost.publish({"id": "m0", "version": "", "sha256": ""}, None, 0)
    assert [w["worker"] for w in board.workers()] == ["alive"]
    assert board.requested() == 0 and board.request_reload() == 1 and board.requested() == 1
    assert [w["pid"] for w in board.workers()] == [os.getpid()]
