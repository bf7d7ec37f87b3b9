"""What the command modules share: logging to stderr, the models folder, the model to use,
the `--models-dir` / `--model` options, and the corrections store of the feedback commands."""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = [
    "FEEDBACK_DB_HELP",
    "add_model_options",
    "feedback_store",
    "feedback_store_path",
    "load",
    "log",
    "models_dir",
]


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def models_dir(args) -> Path:
    from training.registry import default_models_dir

    return Path(args.models_dir) if args.models_dir else default_models_dir()


def load(args):
    """The model `--model` names in the models folder, else the active one."""
    from training.registry import load_model

    return load_model(models_dir(args), getattr(args, "model", None))


def add_model_options(parser, model: bool = True) -> None:
    parser.add_argument("--models-dir", help="models folder (default: $STANCE_MODELS_DIR or ./models)")
    if model:
        parser.add_argument("--model", help="model ID (default: the active model)")


# -- the corrections store (suggest, review, feedback) --------------------------------

FEEDBACK_DB_HELP = "the corrections store (default: $STANCE_FEEDBACK_DB, or feedback.sqlite3 beside the models folder)"


def feedback_store_path(args) -> Path:
    """--feedback-db, else $STANCE_FEEDBACK_DB, else feedback.sqlite3 beside the models folder."""
    from training.feedback.store import store_path

    return store_path(args.feedback_db, models_dir(args))


def feedback_store(args, *, create: bool = True):
    """The corrections store; a command that only reads it does not create one."""
    from training.errors import InputError
    from training.feedback.store import FeedbackStore

    path = feedback_store_path(args)
    if not create and not path.exists():
        raise InputError(
            f"expected a corrections store at {path}, found none (corrections come from stance review, "
            "the /review page or POST /v1/feedback; --feedback-db names another)"
        )
    return FeedbackStore(path)
