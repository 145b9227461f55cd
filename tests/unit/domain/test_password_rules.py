"""Django's four password checks, as pure rules."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from autopost.domain.password_rules import PasswordProblem, attributes_of, password_problems
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
