"""What a user's fields may hold."""

from __future__ import annotations

import pytest

from autopost.domain.user_fields import field_problems


def test_good_values_have_no_problems() -> None:
    assert (
        field_problems(
            {
                "username": "olga.p+test@x",
                "email": "olga@example.com",
                "first_name": "",
                "huntflow_prod_url": "https://api.huntflow.ru",
                "interviewer_calendar_url": "http://calendar.example.com/olga",
                "active_system": "prod",
                "is_active": False,
            }
        )
        == {}
    )


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("username", "", "This field may not be blank."),
        ("email", "", "This field may not be blank."),
        ("username", "olga petrova", "Enter a valid username."),
        ("username", "x" * 151, "Ensure this field has no more than 150 characters."),
        ("email", "olga@localhost", "Enter a valid email address."),
        ("email", "olga", "Enter a valid email address."),
        ("telegram_username", "@" * 65, "Ensure this field has no more than 64 characters."),
        ("huntflow_prod_url", "http://api.huntflow.ru", "Enter an https:// address."),
        ("huntflow_sandbox_url", "sandbox", "Enter a valid URL."),
        ("interviewer_calendar_url", "ftp://calendar", "Enter a valid URL."),
        ("active_system", "staging", '"staging" is not a valid choice.'),
    ],
)
def test_bad_values_are_refused_with_a_message(name: str, value: str, message: str) -> None:
    problems = field_problems({name: value})
    assert list(problems) == [name]
    assert problems[name][0].startswith(message)
