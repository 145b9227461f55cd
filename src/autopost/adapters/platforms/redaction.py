"""A platform's words made fit for a person and a log line: no secret, one line, not too long."""

from __future__ import annotations

MAX_DETAIL = 300


def plain(text: str, *secrets: str) -> str:
    # Longest first, so that a secret containing another is replaced whole.
    for secret in sorted(filter(None, secrets), key=len, reverse=True):
        text = text.replace(secret, "[token]")
    text = " ".join(text.split())
    return text if len(text) <= MAX_DETAIL else text[: MAX_DETAIL - 1] + "…"
