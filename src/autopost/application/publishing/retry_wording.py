"""What a publication says while a platform fails it for now, and once Autopost stops trying.

These are the errors people read on a post: each says what happened, what happens next, and,
when nothing more will, what they can do.
"""

from __future__ import annotations

from datetime import datetime, timedelta


def retrying(reason: str, when: datetime, deadline: datetime) -> str:
    return (
        f"{_sentence(reason)} Retrying at {_time(when)} "
        f"(and until {_time(deadline)} while it keeps failing)."
    )


def paused(reason: str, until: datetime) -> str:
    return f"{_sentence(reason)} Trying again at {_time(until)}."


def gave_up(platform: str, window: timedelta, reason: str) -> str:
    name = platform.capitalize()
    return (
        f"{name} kept failing for {span(window)} after the post's time: {_sentence(reason)} "
        f"It was not published; retry it once {name} works again."
    )


def span(length: timedelta) -> str:
    """``length`` in words: "an hour", "2 hours", "30 minutes", "90 seconds"."""
    seconds = round(length.total_seconds())
    for unit, size, one in (("hour", 3600, "an hour"), ("minute", 60, "a minute")):
        if seconds and seconds % size == 0:
            count = seconds // size
            return one if count == 1 else f"{count} {unit}s"
    return "a second" if seconds == 1 else f"{seconds} seconds"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _time(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
