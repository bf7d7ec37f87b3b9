"""Structured logs: one JSON object a line, for the service's own loggers and uvicorn's."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

import orjson

__all__ = ["JsonFormatter", "log_config"]

# Attributes every LogRecord has; anything else on a record came from `extra=` and is logged.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "color_message"}


class JsonFormatter(logging.Formatter):
    """`{"ts", "level", "logger", "msg", ...extra fields}` on one line."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "pid": record.process,
            "msg": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        try:  # one line a request: orjson writes it in a third of json's time
            return orjson.dumps(entry, default=str).decode()
        except TypeError:  # a key that is not a string, an integer past 64 bits
            return json.dumps(entry, default=str)


def log_config(level: str = "info") -> dict:
    """A `logging.config.dictConfig` for uvicorn's `log_config`: every logger through JsonFormatter."""
    level = "DEBUG" if level.lower() == "trace" else level.upper()
    handler = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "service.logs.JsonFormatter"}},
        "handlers": {"stderr": handler},
        "loggers": {
            name: {"handlers": ["stderr"], "level": level, "propagate": False}
            for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "stancewatch")
        },
    }
