"""Shared fixtures: a small real model trained once per session in a temporary folder,
and every test's state pointed at temporary folders."""

from __future__ import annotations

import contextlib
import json
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "labels"


@pytest.fixture(autouse=True)
def _isolated_state(tmp_path, monkeypatch):
    """No test reads or writes the repo's models/ by accident."""
    monkeypatch.setenv("STANCE_MODELS_DIR", str(tmp_path / "default-models"))
    monkeypatch.setenv("NO_COLOR", "1")
    # The language identifier's uncompressed copy (training/text/identifier_cache.py): out of the
    # home folder, but shared by every test and run, so only the first pays the 0.6 s load.
    monkeypatch.setenv("STANCE_CACHE_DIR", str(Path(tempfile.gettempdir()) / "stancewatch-test-cache"))


def small_corpus(folder: Path, every: int = 4) -> tuple[Path, Path]:
    """A train file and a test file drawn from labels/ (every `every`-th training row)."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for f in sorted((LABELS / "train").glob("*.jsonl")):
        rows.extend(line for i, line in enumerate(f.read_text(encoding="utf-8").splitlines()) if i % every == 0)
    train = folder / "train.jsonl"
    train.write_text("\n".join(rows) + "\n", encoding="utf-8")
    test_rows = (LABELS / "test.jsonl").read_text(encoding="utf-8").splitlines()[::4]
    test = folder / "test.jsonl"
    test.write_text("\n".join(test_rows) + "\n", encoding="utf-8")
    return train, test


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> tuple[Path, Path]:
    return small_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="session")
def models_dir(tmp_path_factory, corpus) -> Path:
    """A models folder holding one real model, trained on the small corpus, activated: every
    feature family of the default model, fitted to the regression's usual tolerance (1e-4, not
    the default model's 1e-6) with two calibration folds (not three), in 40% of the time."""
    from training.fit.train import train
    from training.model.pipeline import PipelineParams

    d = tmp_path_factory.mktemp("models")
    train([corpus[0]], corpus[1], models_dir=d, cv_folds=0, params=PipelineParams(tol=1e-4, calibration_folds=2))
    return d


@pytest.fixture(scope="session")
def model(models_dir):
    from training import load_model

    return load_model(models_dir)


@pytest.fixture(scope="session")
def tiny_corpus(tmp_path_factory) -> tuple[Path, Path]:
    """A tenth of the small corpus: for tests that train models of their own, quickly."""
    return small_corpus(tmp_path_factory.mktemp("tiny"), every=10)


def tiny_params(**overrides):
    """Word unigrams only, no calibration: a real model that trains in a fraction of a second."""
    from training.model.pipeline import PipelineParams

    return PipelineParams(word_ngrams=(1, 1), char_ngrams=None, calibration_folds=0, **overrides)


@pytest.fixture(scope="session")
def two_model_registry(tmp_path_factory, tiny_corpus) -> tuple[Path, str, str]:
    """A models folder with two real models: the first active, the second not yet."""
    from training.fit.train import train

    d = tmp_path_factory.mktemp("registry")
    train_file, test_file = tiny_corpus
    first = train([train_file], test_file, models_dir=d, cv_folds=0, params=tiny_params())["id"]
    second = train([train_file], test_file, models_dir=d, cv_folds=0, activate=False, params=tiny_params(C=1.0))["id"]
    return d, first, second


@pytest.fixture
def two_models(two_model_registry, tmp_path) -> tuple[Path, str, str]:
    """A fresh copy of `two_model_registry` per test (tests activate, roll back, break it)."""
    import shutil

    from training import active_id

    src, first, second = two_model_registry
    d = tmp_path / "models"
    shutil.copytree(src, d)
    assert active_id(d) == first
    return d, first, second


def cue_columns(union):
    """Which columns of a fitted feature union count cues or speech acts."""
    import numpy as np

    return np.array([n.split("__", 1)[1].startswith(("cue:", "act:")) for n in union.get_feature_names_out()])


def words_only_reference(cue, top, assertion: int):
    """The `words_only` reason read plainly: the top label is not assertion, and its part of the
    cue and speech-act columns' scores (`cue`, one row per text) is no larger than another's."""
    import numpy as np

    own = cue[np.arange(len(top)), top]
    others = np.where(np.arange(cue.shape[1]) == top[:, None], -np.inf, cue).max(axis=1)
    return (top != assertion) & (own <= others)


def wait_for(predicate, seconds: float = 30.0) -> bool:
    """Whether `predicate()` became true within `seconds` (checked every 20 ms)."""
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
needs_chromium_driver = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="needs Chromium and its driver: apt-get install -y chromium chromium-driver (.ci/run does)",
)


# Headless Chromium that fetches nothing in the background (no updates, sync or QUIC probes):
# the flags every browser test passes, under selenium or run directly.
QUIET_CHROMIUM_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def chromium_driver(profile: Path, *, network_log: bool = False):
    """Headless Chromium under selenium, with a profile of its own and nothing fetched in the
    background; `network_log` keeps the performance log (the requests the page made)."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium (the test extra)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        *QUIET_CHROMIUM_FLAGS,
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    if network_log:
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(20)
    return driver


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


@contextlib.contextmanager
def serve_in_thread(app):
    """`app` served by uvicorn on a free loopback port in a background thread; yields its URL."""
    import socket
    import threading
    import time

    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", http="h11", ws="none", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the app did not start under uvicorn")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=5)
        sock.close()
