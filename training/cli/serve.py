"""`stance serve`: start the HTTP service (service/server.py) on the active model, training
the default one first on a fresh clone (fit/train.py's `ensure_default_model`)."""

from __future__ import annotations

import argparse
import os

from training.cli.common import add_model_options, log
from training.errors import InputError

__all__ = ["add_parser", "run"]


def add_parser(subparsers) -> None:
    sv = subparsers.add_parser(
        "serve",
        help="start the HTTP service on the active model (trains one first if none)",
        description="Each flag overrides its environment variable; defaults are in the "
        "README's 'Running in production' table.",
    )
    sv.add_argument("--host", help="address to listen on (STANCE_HOST)")
    sv.add_argument("--port", type=int, help="port to listen on (STANCE_PORT)")
    sv.add_argument("--workers", type=int, help="worker processes (STANCE_WORKERS)")
    sv.add_argument("--log-level", help="critical, error, warning, info, debug or trace (STANCE_LOG_LEVEL)")
    sv.add_argument(
        "--access-log", action=argparse.BooleanOptionalAction, help="one JSON log line per request (STANCE_ACCESS_LOG)"
    )
    _add_limits(sv)
    sv.add_argument(
        "--reload-interval",
        type=float,
        help="seconds between checks for a newly activated model, 0 for never (STANCE_RELOAD_INTERVAL)",
    )
    sv.add_argument(
        "--admin-token",
        help="bearer token that enables /v1/admin/* (STANCE_ADMIN_TOKEN; prefer the "
        "variable: a flag shows in the process list)",
    )
    sv.add_argument("--api-keys", help="comma-separated keys the scoring endpoints require (STANCE_API_KEYS)")
    sv.add_argument("--cors-origins", help="comma-separated origins allowed by CORS, or * (STANCE_CORS_ORIGINS)")
    sv.add_argument(
        "--min-confidence", type=float, help="override the card's abstention threshold (STANCE_MIN_CONFIDENCE)"
    )
    sv.add_argument("--min-margin", type=float, help="override the card's abstention margin (STANCE_MIN_MARGIN)")
    sv.add_argument(
        "--min-known-words", type=int, help="override the card's known-word minimum (STANCE_MIN_KNOWN_WORDS)"
    )
    sv.add_argument(
        "--feedback-db",
        help="the corrections store (STANCE_FEEDBACK_DB; default feedback.sqlite3 beside the models folder)",
    )
    sv.add_argument("--review-queue", help="the queue GET /review serves, from stance suggest (STANCE_REVIEW_QUEUE)")
    add_model_options(sv, model=False)
    sv.set_defaults(func=run)


def _add_limits(sv) -> None:
    """What one request may ask for, and how long and how many may be in flight."""
    sv.add_argument("--max-chars", type=int, help="most characters per text (STANCE_MAX_CHARS)")
    sv.add_argument("--max-documents", type=int, help="most documents per batch request (STANCE_MAX_DOCUMENTS)")
    sv.add_argument("--max-body-bytes", type=int, help="largest request body (STANCE_MAX_BODY_BYTES)")
    sv.add_argument("--max-top-k", type=int, help="most features per direction in an explanation (STANCE_MAX_TOP_K)")
    sv.add_argument(
        "--max-what-if-per-sentence",
        type=int,
        help='cues of a sentence given a what-if by "explain": "full" (STANCE_MAX_WHAT_IF_PER_SENTENCE)',
    )
    sv.add_argument(
        "--max-what-if-chars",
        type=int,
        help="characters a request's what-ifs may score again, in all (STANCE_MAX_WHAT_IF_CHARS)",
    )
    sv.add_argument(
        "--body-timeout",
        type=float,
        help="seconds a client has to send its request body, 408 past them (STANCE_BODY_TIMEOUT)",
    )
    sv.add_argument(
        "--max-concurrency",
        type=int,
        help="scoring requests in flight per worker before answering 503 (STANCE_MAX_CONCURRENCY)",
    )


def run(args) -> int:
    from service.server import run as run_server
    from service.server import to_env
    from service.settings import Settings, env_name
    from training.fit.train import ensure_default_model

    # Each flag overrides its STANCE_* variable; Settings.from_env checks them all alike.
    given = {
        env_name(name): to_env(getattr(args, name))
        for name in Settings.model_fields
        if getattr(args, name, None) is not None
    }
    try:
        settings = Settings.from_env({**os.environ, **given})
    except ValueError as e:
        raise InputError(str(e)) from None
    ensure_default_model(settings.models_dir, log=log)
    run_server(settings)
    return 0
