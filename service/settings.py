"""Service settings. Every setting is an environment variable `STANCE_<NAME>` and a
`stance serve` flag where it makes sense; the README's settings table lists them all."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

__all__ = ["Settings"]


def _csv(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip())


@dataclass(frozen=True)
class Settings:
    models_dir: Path = Path("models")
    max_chars: int = 100_000          # characters per text
    max_documents: int = 100          # documents per batch request
    max_body_bytes: int = 2_000_000   # bytes per request body
    max_top_k: int = 50               # features per direction in an explanation
    admin_token: str | None = None    # enables /v1/admin/* when set
    api_keys: tuple[str, ...] = field(default_factory=tuple)   # require X-API-Key / Bearer when set
    cors_origins: tuple[str, ...] = field(default_factory=tuple)  # CORS off when empty
    min_confidence: float | None = None  # override the model card's abstention thresholds
    min_margin: float | None = None
    min_known_words: int | None = None

    @classmethod
    def from_env(cls, environ: dict | None = None) -> "Settings":
        env = os.environ if environ is None else environ
        values = {}
        for f in fields(cls):
            raw = env.get(f"STANCE_{f.name.upper()}")
            if raw is None or raw == "":
                continue
            try:
                values[f.name] = _parse(f.name, raw)
            except ValueError:
                raise ValueError(f"STANCE_{f.name.upper()} must be {_KINDS.get(f.name, 'a value')}, got {raw!r}") from None
        return cls(**values)


_KINDS = {"models_dir": "a folder", "max_chars": "a positive integer", "max_documents": "a positive integer",
          "max_body_bytes": "a positive integer", "max_top_k": "a positive integer",
          "min_confidence": "a number in [0, 1]", "min_margin": "a number in [0, 1]",
          "min_known_words": "a non-negative integer"}


def _parse(name: str, raw: str):
    if name == "models_dir":
        return Path(raw)
    if name in ("api_keys", "cors_origins"):
        return _csv(raw)
    if name == "admin_token":
        return raw
    if name in ("min_confidence", "min_margin"):
        v = float(raw)
        if not 0 <= v <= 1:
            raise ValueError
        return v
    v = int(raw)
    if v < (0 if name == "min_known_words" else 1):
        raise ValueError
    return v
