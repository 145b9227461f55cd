"""When a password is too weak to accept, and why.

A password must be at least ``MIN_LENGTH`` characters, must not be digits alone, must not be
made mostly of its owner's username, names or e-mail address, and must not be among the
guesses an attacker tries first. The last two are judged by zxcvbn, which estimates how many
guesses a password takes from lists of common passwords, words and names, keyboard patterns,
dates, sequences and the substitutions people make (``p@ssw0rd``). The words for each problem,
in each language, are the application's message catalogue.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping

from zxcvbn import zxcvbn

from autopost.domain.user import User

MIN_LENGTH = 8

# zxcvbn's score 2 means at least a million guesses: safe against guessing online without a
# limit. Sign-ins here are also throttled and passwords hashed with argon2, so a higher score
# would refuse strong-enough passwords (eight random letters score only 2) for little gain.
MIN_SCORE = 2

# zxcvbn refuses to judge more than this: its time grows fast with length (0.3 s for 200
# characters). A password is at least as hard to guess as its beginning, so that is judged.
LONGEST_JUDGED = 72

# A password typed on the Russian keyboard is the same keys as on the Latin one: "йцукен" is
# "qwerty". Judging the Latin keys too catches the patterns and words zxcvbn knows.
_RUSSIAN_KEYS = str.maketrans(
    "ёйцукенгшщзхъфывапролджэячсмитьбю", "`qwertyuiop[]asdfghjkl;'zxcvbnm,."
)


class PasswordProblem(enum.Enum):
    """Why a password is too weak. Too short means shorter than ``MIN_LENGTH``; too common
    means easy to guess: a common password or word, a keyboard pattern, a date or a run."""

    SIMILAR_TO_USERNAME = "similar_to_username"
    SIMILAR_TO_FIRST_NAME = "similar_to_first_name"
    SIMILAR_TO_LAST_NAME = "similar_to_last_name"
    SIMILAR_TO_EMAIL = "similar_to_email"
    TOO_SHORT = "too_short"
    TOO_COMMON = "too_common"
    ENTIRELY_NUMERIC = "entirely_numeric"


# What of the user a password must not be made of; the first one it draws on is named.
SIMILAR_TO: Mapping[str, PasswordProblem] = {
    "username": PasswordProblem.SIMILAR_TO_USERNAME,
    "first_name": PasswordProblem.SIMILAR_TO_FIRST_NAME,
    "last_name": PasswordProblem.SIMILAR_TO_LAST_NAME,
    "email": PasswordProblem.SIMILAR_TO_EMAIL,
}


def _words_of(value: str) -> set[str]:
    """``value`` as someone who knows it would try it: whole, in pieces, and run together."""
    lowered = value.lower()
    pieces = [piece for piece in re.split(r"[\W_]+", lowered) if len(piece) >= 3]
    return {lowered, "".join(pieces), *pieces} - {""}


def _estimate(password: str, words: set[str]) -> tuple[int, list[dict[str, object]]]:
    """zxcvbn's score for ``password`` and the pieces it was found to be made of."""
    judged = password[:LONGEST_JUDGED]
    result = zxcvbn(judged, user_inputs=sorted(words))
    latin = judged.lower().translate(_RUSSIAN_KEYS)
    if latin != judged.lower():
        typed = zxcvbn(latin, user_inputs=sorted(words))
        if typed["score"] < result["score"]:
            result = typed
    return int(result["score"]), list(result["sequence"])


def _drawn_on(
    password: str, sequence: list[dict[str, object]], words_by_name: Mapping[str, set[str]]
) -> PasswordProblem | None:
    """The user's attribute a password is mostly made of: at least half its characters are
    the user's own words (reversed or with letters swapped for look-alikes included)."""
    own = [match for match in sequence if match.get("dictionary_name") == "user_inputs"]
    if 2 * sum(len(str(match["token"])) for match in own) < len(password):
        return None
    used = {str(match["matched_word"]) for match in own}
    for name, problem in SIMILAR_TO.items():
        if used & words_by_name.get(name, set()):
            return problem
    return None


def password_problems(
    password: str, attributes: Mapping[str, str] | None = None
) -> list[PasswordProblem]:
    """Why ``password`` is too weak (empty when it is not). ``attributes`` are the user's
    ``username``, ``first_name``, ``last_name`` and ``email``, as far as they are known. A
    password is only called too common once it is long enough, and not when it is weak for
    being made of the user's own words: each problem named is one to fix."""
    words_by_name = {
        name: _words_of(value) for name, value in (attributes or {}).items() if name in SIMILAR_TO
    }
    # Spaces around a password are among the first things a guesser adds.
    judged = password.strip()
    words: set[str] = set().union(*words_by_name.values())
    score, sequence = _estimate(judged, words) if judged else (0, [])
    similar = _drawn_on(judged, sequence, words_by_name)
    problems: list[PasswordProblem] = []
    if similar is not None:
        problems.append(similar)
    if len(password) < MIN_LENGTH:
        problems.append(PasswordProblem.TOO_SHORT)
    elif similar is None and score < MIN_SCORE:
        problems.append(PasswordProblem.TOO_COMMON)
    if password.isdigit():
        problems.append(PasswordProblem.ENTIRELY_NUMERIC)
    return problems


def attributes_of(user: User) -> dict[str, str]:
    """What of ``user`` a password must not be made of."""
    return {name: getattr(user, name) for name in SIMILAR_TO}
