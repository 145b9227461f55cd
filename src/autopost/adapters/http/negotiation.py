"""Whether a request came from a person's browser, who should get a page, or from a program,
which gets JSON."""

from __future__ import annotations

from starlette.requests import HTTPConnection


def wants_json(conn: HTTPConnection) -> bool:
    """Asked for JSON: ``?format=json`` or ``Accept: application/json``."""
    return conn.query_params.get("format") == "json" or "application/json" in conn.headers.get(
        "accept", ""
    )


def wants_page(conn: HTTPConnection) -> bool:
    """A browser (its ``Accept`` names HTML) that did not ask for JSON. curl and the HTTP
    libraries send ``*/*`` or nothing: they get JSON."""
    return not wants_json(conn) and "text/html" in conn.headers.get("accept", "")
