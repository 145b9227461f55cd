"""What a user record's fields may hold: usernames of letters, digits and ``@.+-_`` (what
the earlier API accepted, so its users keep their names), email addresses, addresses that are URLs
(the Huntflow ones over https only), and the columns' lengths."""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from autopost.domain.slots import is_time_zone
from autopost.domain.user import System

USERNAME = re.compile(r"[\w.@+-]+")
EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")

MAX_LENGTHS: Mapping[str, int] = {
    "username": 150,
    "email": 254,
    "first_name": 150,
    "last_name": 150,
    "telegram_username": 64,
    "interviewer_calendar_url": 500,
    "huntflow_prod_url": 500,
    "huntflow_sandbox_url": 500,
}
REQUIRED = frozenset({"username", "email"})
HTTPS_ONLY = frozenset({"huntflow_prod_url", "huntflow_sandbox_url"})
URLS = HTTPS_ONLY | {"interviewer_calendar_url"}


def _url_problem(name: str, value: str) -> str | None:
    try:
        parts = urlsplit(value)
    except ValueError:
        return "Enter a valid URL."
    if parts.scheme not in ("http", "https") or not parts.hostname or re.search(r"\s", value):
        return "Enter a valid URL."
    if name in HTTPS_ONLY and parts.scheme != "https":
        return "Enter an https:// address."
    return None


def _problem(name: str, value: object) -> str | None:
    if isinstance(value, str):
        if not value:
            return "This field may not be blank." if name in REQUIRED else None
        if len(value) > MAX_LENGTHS.get(name, len(value)):
            return f"Ensure this field has no more than {MAX_LENGTHS[name]} characters."
        if name == "username" and not USERNAME.fullmatch(value):
            return (
                "Enter a valid username. This value may contain only letters, numbers, "
                "and @/./+/-/_ characters."
            )
        if name == "email" and not EMAIL.fullmatch(value):
            return "Enter a valid email address."
        if name in URLS:
            return _url_problem(name, value)
        if name == "active_system" and value not in {s.value for s in System}:
            return f'"{value}" is not a valid choice.'
        if name == "time_zone" and not is_time_zone(value):
            return f"{value!r} is not a time zone: give an IANA name, e.g. Europe/Berlin."
    return None


def field_problems(values: Mapping[str, object]) -> dict[str, list[str]]:
    """The problems of the fields given, by field name (empty when there are none)."""
    problems = {name: _problem(name, value) for name, value in values.items()}
    return {name: [problem] for name, problem in problems.items() if problem}
