"""What Instagram accepts in a comment written through its API.

Instagram's API guidelines for comments: at most 300 characters, at most 4 hashtags, at most
one URL, and not all in capital letters. Breaking one gets the comment refused by Instagram;
Autopost refuses it first, with the reason.
"""

from __future__ import annotations

import re

from autopost.domain.instagram_rules import hashtags_in

COMMENT_MAX_CHARS = 300
COMMENT_MAX_HASHTAGS = 4
COMMENT_MAX_URLS = 1

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


def check_comment(text: str) -> list[str]:
    """Every rule the comment breaks; empty when Instagram would take it."""
    text = text.strip()
    if not text:
        return ["A comment needs some text."]
    problems = []
    if len(text) > COMMENT_MAX_CHARS:
        problems.append(
            f"Instagram allows at most {COMMENT_MAX_CHARS} characters in a comment; this one "
            f"has {len(text)}."
        )
    if len(hashtags_in(text)) > COMMENT_MAX_HASHTAGS:
        problems.append(f"Instagram allows at most {COMMENT_MAX_HASHTAGS} hashtags in a comment.")
    if len(_URL.findall(text)) > COMMENT_MAX_URLS:
        problems.append(f"Instagram allows at most {COMMENT_MAX_URLS} link in a comment.")
    letters = [c for c in text if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        problems.append("Instagram refuses comments written all in capital letters.")
    return problems
