"""Service settings. Every setting is an environment variable `STANCE_<NAME>` and a
`stance serve` flag `--<name>`; the README's "Running in production" table lists them all
(tests/test_settings_documented.py fails when one is missing there or on the command line).

`Settings` is a pydantic-settings model. `Settings(...)` holds exactly what the caller
passed, over the defaults: a test or an embedding app is not at the mercy of whatever
STANCE_* variables the shell holds. `Settings.from_env()` reads the variables (or a given
mapping: `stance serve` lays its flags over the environment) through `StanceVariables`, a
settings source, and turns a bad value into one line naming the variable, its flag, what
was expected and what came.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError, ValidationInfo, field_validator
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

__all__ = ["Settings", "StanceVariables", "env_name", "flag_name"]

LOG_LEVELS = ("critical", "error", "warning", "info", "debug", "trace")
PREFIX = "STANCE_"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=PREFIX, frozen=True, extra="forbid")

    models_dir: Path = Path("models")
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1  # uvicorn worker processes
    log_level: str = "info"
    access_log: bool = True  # one JSON line per request
    max_chars: int = 100_000  # characters per text
    max_documents: int = 100  # documents per batch request
    max_body_bytes: int = 2_000_000  # bytes per request body
    max_top_k: int = 50  # features per direction in an explanation
    max_what_if_per_sentence: int = 10  # cues of a sentence given a what-if by "explain": "full"
    max_what_if_chars: int = 100_000  # characters a request's what-ifs may score again, in all
    body_timeout: float = 10.0  # seconds a client has to send its whole request body (408 past it)
    max_concurrency: int = 32  # scoring requests in flight per worker before 503
    reload_interval: float = 1.0  # seconds between checks of the active pointer; 0 turns the watch off
    admin_token: str | None = None  # enables /v1/admin/* when set
    api_keys: tuple[str, ...] = ()  # require X-API-Key / Bearer when set
    cors_origins: tuple[str, ...] = ()  # CORS off when empty
    min_confidence: float | None = None  # override the model card's abstention thresholds
    min_margin: float | None = None
    min_known_words: int | None = None
    feedback_db: Path | None = None  # the corrections store; unset: feedback.sqlite3 beside the models folder
    review_queue: Path | None = None  # the queue GET /review serves (written by `stance suggest`)

    @field_validator("*", mode="before")
    @classmethod
    def _check(cls, value: Any, info: ValidationInfo) -> Any:
        """Every value, from a variable or from code, through the one parser of its setting
        (_SPEC), so a range is checked in one place."""
        if value is None:
            return None
        return _SPEC[str(info.field_name)][1](value.strip() if isinstance(value, str) else value)

    @classmethod
    def settings_customise_sources(
        cls, settings_cls, init_settings, env_settings, dotenv_settings, file_secret_settings
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings,)  # the variables only through from_env (module docstring)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read every `STANCE_*` variable; raise ValueError with a one-line message on a bad value."""
        environ = os.environ if environ is None else environ
        try:
            return cls(**StanceVariables(cls, environ)())
        except ValidationError as e:
            name = str(e.errors()[0]["loc"][0])
            raw = environ.get(env_name(name))
            raise ValueError(f"{env_name(name)} ({flag_name(name)}) must be {_SPEC[name][0]}, got {raw!r}") from None


class StanceVariables(PydanticBaseSettingsSource):
    """The settings source of `Settings.from_env`: `STANCE_<NAME>` from `environ`, as given
    (the parsers strip them); an unset or empty variable leaves its setting's default."""

    def __init__(self, settings_cls: type[BaseSettings], environ: Mapping[str, str]):
        super().__init__(settings_cls)
        self.environ = environ

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        return self.environ.get(env_name(field_name)), field_name, False

    def __call__(self) -> dict[str, Any]:
        values = {}
        for name, field in self.settings_cls.model_fields.items():
            raw, _, _ = self.get_field_value(field, name)
            if raw:
                values[name] = raw
        return values


def env_name(name: str) -> str:
    return f"{PREFIX}{name.upper()}"


def flag_name(name: str) -> str:
    return "--" + name.replace("_", "-")


def _csv(raw: str | tuple) -> tuple[str, ...]:
    values = raw.split(",") if isinstance(raw, str) else raw
    return tuple(v.strip() for v in values if v.strip())


def _int(low: int, high: int | None = None):
    def parse(raw: str) -> int:
        v = int(raw)
        if v < low or (high is not None and v > high):
            raise ValueError
        return v

    return parse


def _fraction(raw: str) -> float:
    v = float(raw)
    if not 0 <= v <= 1:
        raise ValueError
    return v


def _seconds(raw: str) -> float:
    v = float(raw)
    if not 0 <= v < 86_400:  # also refuses nan and inf
        raise ValueError
    return v


def _positive_seconds(raw: str) -> float:
    v = _seconds(raw)
    if v <= 0:
        raise ValueError
    return v


def _bool(raw: str | bool) -> bool:
    if isinstance(raw, bool):
        return raw
    low = raw.lower()
    if low in ("1", "true", "yes", "on"):
        return True
    if low in ("0", "false", "no", "off"):
        return False
    raise ValueError


def _choice(*options: str):
    def parse(raw: str) -> str:
        if not isinstance(raw, str) or raw.lower() not in options:
            raise ValueError
        return raw.lower()

    return parse


# name -> (what a value must be, for the error message; parser raising ValueError)
_SPEC = {
    "models_dir": ("a folder", Path),
    "host": ("a host name or address", str),
    "port": ("a port number from 0 to 65535", _int(0, 65535)),
    "workers": ("a positive integer", _int(1)),
    "log_level": (f"one of {', '.join(LOG_LEVELS)}", _choice(*LOG_LEVELS)),
    "access_log": ("true or false", _bool),
    "max_chars": ("a positive integer", _int(1)),
    "max_documents": ("a positive integer", _int(1)),
    "max_body_bytes": ("a positive integer", _int(1)),
    "max_top_k": ("a positive integer", _int(1)),
    "max_what_if_per_sentence": ("a non-negative integer", _int(0)),
    "max_what_if_chars": ("a non-negative integer", _int(0)),
    "body_timeout": ("a number of seconds above 0", _positive_seconds),
    "max_concurrency": ("a positive integer", _int(1)),
    "reload_interval": ("a number of seconds, 0 or more", _seconds),
    "admin_token": ("a token", str),
    "api_keys": ("comma-separated keys", _csv),
    "cors_origins": ("comma-separated origins such as https://example.org, or *", _csv),
    "min_confidence": ("a number in [0, 1]", _fraction),
    "min_margin": ("a number in [0, 1]", _fraction),
    "min_known_words": ("a non-negative integer", _int(0)),
    "feedback_db": ("a file name", Path),
    "review_queue": ("a file name", Path),
}
