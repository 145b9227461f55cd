"""What makes a password too weak: Django's four default validators, as pure rules.

Long enough, not only digits, not one of the passwords everyone tries first, and not close to
the user's own username, names or email address. The rules name each problem; the words for it
(Django's, in each language) are the application's message catalogue.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from difflib import SequenceMatcher

from autopost.domain.user import User

MIN_LENGTH = 8
MAX_SIMILARITY = 0.7


class PasswordProblem(enum.Enum):
    """Why a password is too weak. Too short means shorter than ``MIN_LENGTH``."""

    SIMILAR_TO_USERNAME = "similar_to_username"
    SIMILAR_TO_FIRST_NAME = "similar_to_first_name"
    SIMILAR_TO_LAST_NAME = "similar_to_last_name"
    SIMILAR_TO_EMAIL = "similar_to_email"
    TOO_SHORT = "too_short"
    TOO_COMMON = "too_common"
    ENTIRELY_NUMERIC = "entirely_numeric"


# The attributes a password must not resemble, in the order Django checks them.
SIMILAR_TO: Mapping[str, PasswordProblem] = {
    "username": PasswordProblem.SIMILAR_TO_USERNAME,
    "first_name": PasswordProblem.SIMILAR_TO_FIRST_NAME,
    "last_name": PasswordProblem.SIMILAR_TO_LAST_NAME,
    "email": PasswordProblem.SIMILAR_TO_EMAIL,
}

# A small list of the passwords tried first; a dictionary attack's opening moves.
COMMON_PASSWORDS = frozenset(
    {
        "password",
        "password1",
        "password12",
        "password123",
        "passw0rd",
        "p@ssw0rd",
        "p@ssword",
        "qwerty",
        "qwerty123",
        "qwertyuiop",
        "qwerty12345",
        "azerty123",
        "asdfghjkl",
        "zxcvbnm",
        "1q2w3e4r",
        "1q2w3e4r5t",
        "1qaz2wsx",
        "zaq12wsx",
        "abc12345",
        "abcd1234",
        "abcdefgh",
        "aa123456",
        "iloveyou",
        "iloveyou1",
        "sunshine",
        "princess",
        "football",
        "baseball",
        "basketball",
        "superman",
        "batman123",
        "trustno1",
        "welcome",
        "welcome1",
        "welcome123",
        "letmein",
        "letmein1",
        "starwars",
        "whatever",
        "dragon123",
        "monkey123",
        "shadow123",
        "master123",
        "michael1",
        "jennifer",
        "computer",
        "internet",
        "changeme",
        "administrator",
        "admin123",
        "admin1234",
        "secret123",
        "mustang1",
        "liverpool",
        "chelsea1",
        "charlie1",
        "freedom1",
        "spiderman",
        "pokemon1",
        "qazwsxedc",
        "q1w2e3r4",
        "q1w2e3r4t5",
        "123qwe123",
        "123abc123",
        "11111111",
        "12341234",
        "12344321",
        "12345678",
        "123456789",
        "1234567890",
        "87654321",
        "88888888",
        "00000000",
        "11223344",
        "147258369",
        "987654321",
        "parola123",
        "ytrewq",
        "йцукенгшщз",
    }
)


def _too_long_to_compare(password: str, value: str) -> bool:
    # Django's shortcut: a short value cannot make a much longer password similar.
    return len(password) >= 10 * len(value) and len(value) < MAX_SIMILARITY / 2 * len(password)


def _resembles(password: str, value: str) -> bool:
    lowered = value.lower()
    for part in [*re.split(r"\W+", lowered), lowered]:
        if not part or _too_long_to_compare(password, part):
            continue
        if SequenceMatcher(a=password, b=part).quick_ratio() >= MAX_SIMILARITY:
            return True
    return False


def password_problems(
    password: str, attributes: Mapping[str, str] | None = None
) -> list[PasswordProblem]:
    """Why ``password`` is too weak (empty when it is not), in Django's order. ``attributes``
    are the user's ``username``, ``first_name``, ``last_name`` and ``email``, as far as they
    are known; only the first one the password resembles is named."""
    problems: list[PasswordProblem] = []
    lowered = password.lower()
    for name, problem in SIMILAR_TO.items():
        value = (attributes or {}).get(name, "")
        if value and _resembles(lowered, value):
            problems.append(problem)
            break
    if len(password) < MIN_LENGTH:
        problems.append(PasswordProblem.TOO_SHORT)
    if lowered.strip() in COMMON_PASSWORDS:
        problems.append(PasswordProblem.TOO_COMMON)
    if password.isdigit():
        problems.append(PasswordProblem.ENTIRELY_NUMERIC)
    return problems


def attributes_of(user: User) -> dict[str, str]:
    """What of ``user`` a password must not resemble."""
    return {name: getattr(user, name) for name in SIMILAR_TO}
