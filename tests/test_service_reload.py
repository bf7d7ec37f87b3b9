"""Hot reload: a running app follows the registry's pointer without a restart and without
failing a request; POST /v1/admin/reload switches at once; a bad model never replaces a
good one."""

from __future__ import annotations

import threading
import time

from fastapi.testclient import TestClient

from service import Settings, create_app
from training.cli import main
from training.fit.train import train

from .conftest import tiny_params, wait_for

PARAGRAPH = (
    "The ministry signed the contract in March. The company denied that any data had been sold. Where did the money go?"
)
TOKEN = "reload-test-token"
# Word unigrams on every 10th row, no calibration folds: a real model in about a second.


def test_switch_under_load_then_rollback(two_models, capsys):
    d, first, second = two_models
    records, failures = [], []
    stop = threading.Event()
    with TestClient(create_app(Settings(models_dir=d, reload_interval=0.05, access_log=False))) as client:

        def hammer():
            while not stop.is_set():
                started = time.monotonic()
                r = client.post("/v1/classify", json={"text": PARAGRAPH, "explain": True, "top_k": 3})
                if r.status_code != 200:
                    failures.append((r.status_code, r.text))
                    continue
                body_model = r.json()["model"]["id"]
                assert r.headers["x-model-id"] == body_model  # header and body name the same model
                records.append((started, time.monotonic(), body_model))

        threads = [threading.Thread(target=hammer) for _ in range(4)]
        for t in threads:
            t.start()
        try:
            assert wait_for(lambda: len(records) >= 8)
            t_activate = time.monotonic()
            assert main(["models", "activate", second, "--models-dir", str(d)]) == 0
            assert wait_for(lambda: any(m == second for _, _, m in records))
            switched = min(end for _, end, m in records if m == second)
            n_after = len(records)
            assert wait_for(lambda: len(records) >= n_after + 8)

            t_rollback = time.monotonic()
            assert main(["models", "rollback", "--models-dir", str(d)]) == 0
            assert wait_for(lambda: any(m == first and start > t_rollback for start, _, m in records))
            rolled = min(end for start, end, m in records if m == first and start > t_rollback)
            n_after = len(records)
            assert wait_for(lambda: len(records) >= n_after + 8)
        finally:
            stop.set()
            for t in threads:
                t.join()
        metrics = client.get("/metrics").text

    assert failures == []
    # Answered before the activation ran: the old model. (A request *sent* just before it may be
    # scored after the watcher switched, so the send time proves nothing; the answer time does.)
    assert {m for _, end, m in records if end < t_activate} == {first}
    # Once a response named the new model, every request started later got it (until the rollback).
    assert {m for start, _, m in records if switched < start < t_rollback} == {second}
    assert {m for start, _, m in records if start > rolled} == {first}
    assert 'stance_model_reloads_total{result="ok"} 2' in metrics
    assert f'stance_model_info{{id="{first}"' in metrics
    assert "activated " + second in capsys.readouterr().out


def test_admin_reload_switches_at_once(two_models):
    d, first, second = two_models
    # Watch off: only the admin call can switch.
    with TestClient(create_app(Settings(models_dir=d, reload_interval=0, admin_token=TOKEN))) as client:
        assert client.post("/v1/classify", json={"text": PARAGRAPH}).json()["model"]["id"] == first
        main(["models", "activate", second, "--models-dir", str(d)])
        assert client.post("/v1/classify", json={"text": PARAGRAPH}).json()["model"]["id"] == first
        r = client.post("/v1/admin/reload", headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 200
        assert (r.json()["previous"]["id"], r.json()["model"]["id"], r.json()["changed"]) == (first, second, True)
        r = client.post("/v1/classify", json={"text": PARAGRAPH})
        assert r.json()["model"]["id"] == second and r.headers["x-model-id"] == second
        assert client.get("/readyz").json()["model"]["id"] == second
        listed = client.get("/v1/admin/models", headers={"Authorization": f"Bearer {TOKEN}"}).json()
        assert {m["id"]: (m["active"], m["serving"]) for m in listed} == {first: (False, False), second: (True, True)}


def test_a_damaged_model_never_replaces_a_good_one(two_models):
    d, first, second = two_models
    with open(d / second / "model.joblib", "ab") as fh:
        fh.write(b"tampered")
    with TestClient(create_app(Settings(models_dir=d, reload_interval=0.05, admin_token=TOKEN))) as client:
        main(["models", "activate", second, "--models-dir", str(d)])
        assert wait_for(lambda: 'stance_model_reloads_total{result="error"} 1' in client.get("/metrics").text)
        r = client.post("/v1/admin/reload", headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 409
        assert "sha256" in r.json()["detail"] and f"still serving {first}" in r.json()["detail"]
        r = client.post("/v1/classify", json={"text": PARAGRAPH})
        assert r.status_code == 200 and r.json()["model"]["id"] == first
        assert client.get("/readyz").json()["model"]["id"] == first


def test_a_model_trained_after_start_is_picked_up(tmp_path, tiny_corpus):
    """Started on an empty registry (503, not ready), the app serves the first model that
    gets activated, without a restart."""
    d = tmp_path / "models"
    with TestClient(create_app(Settings(models_dir=d, reload_interval=0.05))) as client:
        assert client.post("/v1/classify", json={"text": PARAGRAPH}).status_code == 503
        model_id = train([tiny_corpus[0]], tiny_corpus[1], models_dir=d, cv_folds=0, params=tiny_params())["id"]
        assert wait_for(lambda: client.get("/readyz").status_code == 200)
        assert client.post("/v1/classify", json={"text": PARAGRAPH}).json()["model"]["id"] == model_id


def test_an_artifact_that_cannot_be_unpickled_is_refused_too(two_models):
    """Even a file whose sha256 matches its card can fail to load (say, written by a broken
    tool): the load error becomes a 409, and the old model keeps serving."""
    import json

    from training.registry import sha256_file

    d, first, second = two_models
    artifact = d / second / "model.joblib"
    artifact.write_bytes(b"not a pickle at all")
    card = json.loads((d / second / "card.json").read_text())
    card["artifact"]["sha256"] = sha256_file(artifact)
    (d / second / "card.json").write_text(json.dumps(card))
    with TestClient(create_app(Settings(models_dir=d, reload_interval=0, admin_token=TOKEN))) as client:
        main(["models", "activate", second, "--models-dir", str(d)])
        r = client.post("/v1/admin/reload", headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 409 and "could not load the active model" in r.json()["detail"]
        assert client.post("/v1/classify", json={"text": PARAGRAPH}).json()["model"]["id"] == first
    # Started on it, the app stays up and says why it is not ready.
    with TestClient(create_app(Settings(models_dir=d, reload_interval=0))) as client:
        r = client.get("/readyz")
        assert r.status_code == 503 and "could not load the active model" in r.json()["detail"]
        assert client.get("/healthz").status_code == 200
