"""Model folders, model cards, the active pointer and the checks made before unpickling.

Layout of a models folder:

    models/
      active.json              {"active": ID, "history": [older active IDs, newest last]}
      <ID>/model.joblib        the fitted pipeline (a pickle: loading it runs code)
      <ID>/card.json           labels, data hashes, parameters, versions, metrics, sha256

A joblib file is loaded only from inside the models folder, only under an ID of safe
characters, and only when its sha256 and the library versions match its card.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import scipy
import sklearn

from training.batch.processes import pid_alive
from training.batch.safeio import atomic_write_text
from training.errors import ModelError
from training.predict.classify import Classifier, Thresholds

fcntl: Any
try:
    import fcntl
except ImportError:  # Windows: no advisory locks; activations there are up to the user to serialise
    fcntl = None

__all__ = [
    "LoadedModel",
    "activate",
    "active_id",
    "default_models_dir",
    "library_versions",
    "list_models",
    "load_model",
    "read_card",
    "rollback",
    "save_model",
    "sha256_file",
]

ARTIFACT = "model.joblib"
CARD = "card.json"
POINTER = "active.json"
POINTER_LOCK = ".active.lock"
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")


def default_models_dir() -> Path:
    return Path(os.environ.get("STANCE_MODELS_DIR", "models"))


def library_versions() -> dict:
    from training import __version__

    return {
        "python": platform.python_version(),
        "scikit-learn": sklearn.__version__,
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "joblib": joblib.__version__,
        "stancewatch": __version__,
    }


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _model_dir(models_dir: Path, model_id: str) -> Path:
    if not isinstance(model_id, str) or not _SAFE_ID.match(model_id):
        raise ModelError(f"expected a model ID of letters, digits, '.', '_' or '-', found {model_id!r}")
    return models_dir / model_id


def save_model(pipeline, card: dict, models_dir: str | Path) -> Path:
    """Write the artifact and its card into a new folder `models_dir/<card['id']>`.

    The folder is built under a temporary name and renamed when complete, so an
    interrupted save leaves no half-written model under a model's name; the temporary
    folder of a save that was killed midway is removed by the next save."""
    models_dir = Path(models_dir)
    final = _model_dir(models_dir, card["id"])
    if final.exists():
        raise ModelError(f"expected a new model ID, found an existing folder {final}")
    models_dir.mkdir(parents=True, exist_ok=True)
    _remove_killed_saves(models_dir)
    tmp = Path(tempfile.mkdtemp(dir=models_dir, prefix=f".{card['id']}.{os.getpid()}."))
    try:
        joblib.dump(pipeline, tmp / ARTIFACT, compress=3)
        card = {
            **card,
            "artifact": {
                "file": ARTIFACT,
                "sha256": sha256_file(tmp / ARTIFACT),
                "bytes": (tmp / ARTIFACT).stat().st_size,
            },
        }
        (tmp / CARD).write_text(json.dumps(card, indent=2, sort_keys=False) + "\n", encoding="utf-8")
        os.replace(tmp, final)
    except BaseException:
        for p in tmp.glob("*"):
            p.unlink(missing_ok=True)
        tmp.rmdir()
        raise
    return final


# A save's temporary folder: .<ID>.<pid of the saving process>.<8 random characters>
# (written without the pid before: .<ID>.<8 random characters>).
_SAVE_TMP = re.compile(r"^\.[A-Za-z0-9][A-Za-z0-9._-]{0,127}?\.(?:(?P<pid>\d+)\.)?[a-z0-9_]{8}$")
_OLD_SAVE_SECONDS = 86_400  # a save without a pid in its name is left this long before it counts as killed


def _remove_killed_saves(models_dir: Path) -> None:
    """Remove the temporary folders of saves whose process is gone (killed midway)."""
    for p in models_dir.iterdir():
        found = _SAVE_TMP.match(p.name) if p.name.startswith(".") else None
        if found is None or not p.is_dir():
            continue
        pid = found.group("pid")
        try:
            killed = (not pid_alive(int(pid))) if pid else time.time() - p.stat().st_mtime > _OLD_SAVE_SECONDS
        except OSError:
            continue  # removed meanwhile
        if killed:
            shutil.rmtree(p, ignore_errors=True)


def read_card(models_dir: str | Path, model_id: str) -> dict:
    path = _model_dir(Path(models_dir), model_id) / CARD
    try:
        card = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"expected a model card at {path}, found none; run 'stance models list'") from None
    except NotADirectoryError:
        raise ModelError(
            f"expected a model ID, found {model_id!r}, a file in {models_dir} and not a model folder; "
            "run 'stance models list'"
        ) from None
    except (OSError, ValueError, RecursionError) as e:
        raise ModelError(f"expected a JSON model card at {path}, found {_unreadable(e)}") from None
    if not isinstance(card, dict):
        raise ModelError(f"expected a JSON object in the model card {path}, found {_json_kind(card)}")
    return card


_POINTER_SHAPE = 'a JSON object like {"active": ID, "history": [IDs]}'


def _read_pointer(models_dir: Path) -> dict:
    """The pointer, checked: a damaged one is a one-line ModelError, never a traceback."""
    path = models_dir / POINTER
    fix = "; fix it, or delete it and run 'stance models activate ID'"
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        return {"active": None, "history": []}
    except (OSError, ValueError, RecursionError) as e:
        raise ModelError(f"expected {path} to hold {_POINTER_SHAPE}, found {_unreadable(e)}{fix}") from None
    if not isinstance(data, dict):
        raise ModelError(f"expected {path} to hold {_POINTER_SHAPE}, found {_json_kind(data)}{fix}")
    active, history = data.get("active"), data.get("history", [])
    if active is not None and not (isinstance(active, str) and _SAFE_ID.match(active)):
        raise ModelError(
            f"expected {path} to hold {_POINTER_SHAPE}, found an 'active' that is not a model ID "
            f"({json.dumps(active)[:60]}){fix}"
        )
    if not (isinstance(history, list) and all(isinstance(h, str) and _SAFE_ID.match(h) for h in history)):
        raise ModelError(
            f"expected {path} to hold {_POINTER_SHAPE}, found a 'history' that is not a list of model IDs{fix}"
        )
    return {"active": active, "history": history}


def _json_kind(value) -> str:
    if value is None:
        return "JSON null"
    kind = {dict: "object", list: "list", str: "string", bool: "boolean"}.get(type(value), "number")
    return f"a JSON {kind}"


def _unreadable(e: BaseException) -> str:
    """What made a small JSON file unreadable, in words."""
    if isinstance(e, UnicodeDecodeError):
        return f"bytes that are not UTF-8 (at position {e.start})"
    if isinstance(e, json.JSONDecodeError):
        return f"malformed JSON ({e.msg})"
    if isinstance(e, RecursionError):
        return "JSON nested too deeply to read"
    if isinstance(e, OSError):
        return f"a file that cannot be read ({e.strerror})"
    return f"malformed JSON ({e})"


def active_id(models_dir: str | Path | None = None) -> str | None:
    return _read_pointer(Path(models_dir or default_models_dir()))["active"]


@contextmanager
def _pointer_lock(models_dir: Path) -> Iterator[None]:
    """Hold the registry's lock while the pointer is read, changed and written: 8 processes
    activating at once lost history entries in 20 of 20 rounds without it. Pointer files
    that a killed writer left half-written are removed meanwhile (no writer is running)."""
    with open(models_dir / POINTER_LOCK, "a") as fh:
        if fcntl is not None:
            fcntl.flock(fh, fcntl.LOCK_EX)
        for tmp in models_dir.glob(f".{POINTER}.*.tmp"):
            tmp.unlink(missing_ok=True)
        yield  # the lock goes with the file's closing


def activate(models_dir: str | Path, model_id: str) -> None:
    """Point the active pointer at `model_id` (atomically), remembering the previous one."""
    models_dir = Path(models_dir)
    read_card(models_dir, model_id)  # must exist
    with _pointer_lock(models_dir):
        pointer = _read_pointer(models_dir)
        if pointer["active"] == model_id:
            return
        history = pointer["history"] + ([pointer["active"]] if pointer["active"] else [])
        atomic_write_text(
            models_dir / POINTER, json.dumps({"active": model_id, "history": history[-50:]}, indent=2) + "\n"
        )


def rollback(models_dir: str | Path) -> str:
    """Re-activate the previously active model; returns its ID."""
    models_dir = Path(models_dir)
    with _pointer_lock(models_dir):
        pointer = _read_pointer(models_dir)
        if not pointer["history"]:
            raise ModelError(f"expected a previously active model to roll back to in {models_dir}, found none")
        previous = pointer["history"][-1]
        read_card(models_dir, previous)
        atomic_write_text(
            models_dir / POINTER, json.dumps({"active": previous, "history": pointer["history"][:-1]}, indent=2) + "\n"
        )
    return previous


def list_models(models_dir: str | Path | None = None) -> list[dict]:
    """Every model card in the folder, oldest first, with an `active` flag."""
    models_dir = Path(models_dir or default_models_dir())
    if not models_dir.is_dir():
        return []
    current = _read_pointer(models_dir)["active"]
    cards = []
    for d in sorted(models_dir.iterdir()):
        if d.is_dir() and not d.name.startswith(".") and (d / CARD).is_file():
            try:
                card = read_card(models_dir, d.name)
            except ModelError:
                continue
            cards.append({**card, "active": d.name == current})
    return sorted(cards, key=lambda c: c.get("created", ""))


@dataclass
class LoadedModel:
    classifier: Classifier
    card: dict

    @property
    def id(self) -> str:
        return self.card["id"]


def load_model(
    models_dir: str | Path | None = None, model_id: str | None = None, thresholds: Thresholds | None = None
) -> LoadedModel:
    """Load `model_id` (or the active model) after checking its sha256 and library versions."""
    models_dir = Path(models_dir or default_models_dir())
    if model_id is None:
        model_id = _read_pointer(models_dir)["active"]
        if model_id is None:
            raise ModelError(
                f"expected an active model in {models_dir.absolute()}, found none; point --models-dir "
                "or STANCE_MODELS_DIR at the folder that holds your models, or run 'stance train' first"
            )
    card = read_card(models_dir, model_id)
    path = _model_dir(models_dir, model_id) / ARTIFACT
    if not path.is_file():
        raise ModelError(f"expected the artifact {path}, found none; retrain with 'stance train'")
    expected = card.get("artifact", {}).get("sha256")
    actual = sha256_file(path)
    if expected != actual:
        raise ModelError(
            f"refusing to load {path}: its sha256 {actual[:12]}... does not match the card's "
            f"{str(expected)[:12]}...; retrain with 'stance train'"
        )
    have, built = library_versions(), card.get("versions", {})
    # scikit-learn promises pickles only under the exact version that wrote them
    # (it warns InconsistentVersionWarning otherwise); numpy's layout holds across patches.
    for lib, same in (
        ("scikit-learn", lambda a, b: a == b),
        ("numpy", lambda a, b: _major_minor(a) == _major_minor(b)),
    ):
        if built.get(lib) and not same(built[lib], have[lib]):
            raise ModelError(
                f"refusing to load model {model_id}: built with {lib} {built[lib]}, this is "
                f"{have[lib]}; retrain with 'stance train'"
            )
    pipeline = joblib.load(path)
    if thresholds is None and card.get("thresholds"):
        thresholds = Thresholds(**card["thresholds"])
    try:
        clf = Classifier(
            pipeline,
            model_id=model_id,
            sha256=actual,
            version=card.get("version", ""),
            thresholds=thresholds,
            languages=card.get("languages") or ["en"],
        )  # older cards: English
        # A model whose pickle names a cue kind, speech act or part this code no longer has
        # loads, then fails on its first sentence: find out now, in one line.
        clf.predict_proba([_TRIAL_SENTENCE])
    except (AttributeError, KeyError, IndexError, TypeError, ValueError) as e:
        why = (str(e).splitlines() or [""])[0]
        raise ModelError(
            f"refusing to load model {model_id}: it does not run with this version of the code "
            f"({type(e).__name__}: {why}); retrain with 'stance train'"
        ) from e
    return LoadedModel(clf, card)


_TRIAL_SENTENCE = "The ministry said on Monday that it had not seen the report."


def _major_minor(version: str) -> tuple[str, ...]:
    return tuple(version.split(".")[:2])
