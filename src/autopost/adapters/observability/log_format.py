"""The log lines: readable text by default, or one JSON object a line (``AUTOPOST_LOG_FORMAT=
json``) for a collector; either way with the request, publication and post at hand."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any, Literal

from autopost.adapters.observability.log_context import CONTEXT_FIELDS, LogContext

LogFormat = Literal["text", "json"]

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# What every record has: anything else on a record was given as ``extra`` and is context.
_STANDARD = frozenset(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {
    "message",
    "asctime",
    "color_message",  # uvicorn's coloured copy of the message
    *CONTEXT_FIELDS,
}


def context_of(record: logging.LogRecord) -> dict[str, Any]:
    """The record's context: the request, publication and post at hand, and its extras."""
    context = {name: value for name in CONTEXT_FIELDS if (value := getattr(record, name, None))}
    for name, value in record.__dict__.items():
        if name not in _STANDARD and not name.startswith("_"):
            context[name] = value
    return context


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **context_of(record),
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, ensure_ascii=False, default=str)


class TextWithContext(logging.Formatter):
    """The readable line, then the request, publication and post at hand where there is
    one (the extras a line carries are for the JSON lines: its message says them)."""

    def __init__(self) -> None:
        super().__init__(TEXT_FORMAT)

    def formatMessage(self, record: logging.LogRecord) -> str:
        line = super().formatMessage(record)
        context = {name: value for name in CONTEXT_FIELDS if (value := getattr(record, name, None))}
        if not context:
            return line
        return line + " [" + " ".join(f"{k}={v}" for k, v in context.items()) + "]"


def configure(level: str, log_format: LogFormat) -> None:
    """One handler on the root logger, to standard error, that every logger's lines go to."""
    handler = _OurHandler()
    handler.setFormatter(JsonLines() if log_format == "json" else TextWithContext())
    handler.addFilter(LogContext())
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _OurHandler)]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())


class _OurHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Told apart from handlers others put on the root logger (a test's), which stay."""
