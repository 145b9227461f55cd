"""The language of a response's messages: the client's ``Accept-Language`` when a catalogue
has it, else the server's ``AUTOPOST_LANGUAGE`` (``ru``, the earlier API's, by default)."""

from __future__ import annotations

from typing import Any

from starlette.requests import HTTPConnection

from autopost.application.messages import CATALOGUES, translated

DEFAULT_LANGUAGE = "ru"


def language(conn: HTTPConnection) -> str:
    for part in conn.headers.get("accept-language", "").split(","):
        tag = part.split(";")[0].strip().lower().split("-")[0]
        if tag == DEFAULT_LANGUAGE or tag in CATALOGUES:
            return tag
    return str(getattr(conn.app.state, "language", DEFAULT_LANGUAGE))


def localized(conn: HTTPConnection, value: Any) -> Any:
    """``value`` (a message, or lists and dicts of them) in the request's language."""
    lang = language(conn)
    if isinstance(value, str):
        return translated(value, lang)
    if isinstance(value, list):
        return [localized(conn, v) for v in value]
    if isinstance(value, dict):
        return {k: localized(conn, v) for k, v in value.items()}
    return value
