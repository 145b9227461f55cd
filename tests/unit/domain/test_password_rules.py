"""What makes a password too weak: length, digits alone, the user's own words, and being easy
to guess."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from autopost.domain.password_rules import (
    MIN_LENGTH,
    PasswordProblem,
    attributes_of,
    password_problems,
)
from autopost.domain.user import User

SHORT = PasswordProblem.TOO_SHORT
NUMERIC = PasswordProblem.ENTIRELY_NUMERIC
COMMON = PasswordProblem.TOO_COMMON


def test_a_long_uncommon_password_has_no_problems() -> None:
    assert password_problems("correct horse battery staple") == []


@pytest.mark.parametrize(
    ("password", "problems"),
    [
        ("Abc1!", [SHORT]),
        ("1234567", [SHORT, NUMERIC]),
        ("12345678", [COMMON, NUMERIC]),
        ("95173468250", [NUMERIC]),
        ("Password123", [COMMON]),
        (" qwerty123 ", [COMMON]),
    ],
)
def test_short_numeric_and_common_passwords_are_refused(
    password: str, problems: list[PasswordProblem]
) -> None:
    assert password_problems(password) == problems


@pytest.mark.parametrize(
    ("attributes", "problem"),
    [
        ({"username": "olga.petrova"}, PasswordProblem.SIMILAR_TO_USERNAME),
        ({"email": "olga.petrova@example.com"}, PasswordProblem.SIMILAR_TO_EMAIL),
        (
            {"first_name": "Konstantin", "last_name": "Ivanov"},
            PasswordProblem.SIMILAR_TO_FIRST_NAME,
        ),
        ({"last_name": "Ivanova"}, PasswordProblem.SIMILAR_TO_LAST_NAME),
    ],
)
def test_a_password_like_the_users_own_names_is_refused(
    attributes: dict[str, str], problem: PasswordProblem
) -> None:
    password = {
        "username": "olgapetrova1",
        "email": "petrova.olga",
        "first_name": "konstantin9",
        "last_name": "ivanova77",
    }
    chosen = password[next(iter(attributes))]
    assert password_problems(chosen, attributes) == [problem]


@pytest.mark.parametrize(
    "password", ["iloveyou99", "P@ssw0rd2026", "qwertyuiop", "abcdefgh123", "йцукенгшщз"]
)
def test_what_guessers_try_first_is_too_common(password: str) -> None:
    assert password_problems(password) == [COMMON]


@pytest.mark.parametrize("password", ["avortep.aglo", "0lg4petr0va", " olgapetrova "])
def test_the_username_reversed_or_disguised_is_still_the_username(password: str) -> None:
    problems = password_problems(password, {"username": "olga.petrova"})
    assert problems == [PasswordProblem.SIMILAR_TO_USERNAME]


def test_a_strong_password_may_mention_the_username() -> None:
    password = "olga takes the night train north"
    assert password_problems(password, {"username": "olga.petrova"}) == []


def test_a_password_longer_than_the_estimator_takes_is_judged_by_its_beginning() -> None:
    assert password_problems("correct horse battery staple " * 10) == []
    assert password_problems("a" * 100) == [COMMON]


def test_a_password_of_spaces_is_too_common() -> None:
    assert password_problems(" " * MIN_LENGTH) == [COMMON]


def test_a_short_attribute_does_not_make_a_long_password_similar() -> None:
    assert password_problems("a long passphrase with al in it", {"username": "al"}) == []


def test_the_attributes_of_a_user_are_its_names_and_email() -> None:
    user = User("olga", "olga@example.com", "", datetime(2026, 1, 1, tzinfo=UTC), first_name="Olga")
    assert attributes_of(user) == {
        "username": "olga",
        "first_name": "Olga",
        "last_name": "",
        "email": "olga@example.com",
    }
