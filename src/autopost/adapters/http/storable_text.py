"""Text that cannot be stored is refused at the edge, with the field named, rather than by the
database (or the password hasher) with a 500.

Two kinds reach Autopost: the NUL character, which PostgreSQL keeps in no text column, and lone
surrogates (``"\\ud800"`` in JSON), which are not Unicode scalar values: no UTF-8 encoder takes
them, so neither SQLite, PostgreSQL nor argon2 can.
"""

from __future__ import annotations

import re
from typing import Any

from autopost.application.messages import ENGLISH, Message

# In the accounts catalogue's English words, which the token endpoint translates back.
NUL_REFUSED = ENGLISH[Message.TEXT_WITH_NUL]
SURROGATE_REFUSED = ENGLISH[Message.TEXT_WITH_SURROGATE]

_SURROGATE = re.compile("[\ud800-\udfff]")


def text_problem(value: Any) -> str | None:
    """Why ``value`` (a string, or lists and objects holding strings, keys included) cannot be
    stored, or None when it can."""
    if isinstance(value, str):
        if "\x00" in value:
            return NUL_REFUSED
        if _SURROGATE.search(value):
            return SURROGATE_REFUSED
        return None
    if isinstance(value, dict):
        items: list[Any] = [*value.keys(), *value.values()]
    elif isinstance(value, list):
        items = value
    else:
        return None
    for item in items:
        problem = text_problem(item)
        if problem is not None:
            return problem
    return None


def text_errors(fields: dict[Any, Any]) -> dict[str, list[str]]:
    """``{"field": [why]}`` for every field whose name or value cannot be stored."""
    errors: dict[str, list[str]] = {}
    for name, value in fields.items():
        problem = text_problem(name) or text_problem(value)
        if problem is not None:
            errors[_printable(name)] = [problem]
    return errors


def _printable(name: Any) -> str:
    """A field's name as it can be put in an answer: what cannot be encoded is escaped."""
    text = str(name)
    return text.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\x00")
