"""The language of the accounts messages: what the client asks for when Autopost has it, else
the server's setting."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from starlette.requests import Request

from autopost.adapters.http.i18n import language, localized
from autopost.application.messages import ENGLISH, WEAK_PASSWORD, Message
from autopost.application.people.user_changes import weaknesses
from autopost.domain.password_rules import PasswordProblem
from autopost.domain.user import User

pytestmark = pytest.mark.unit


def request(accept: str | None, server: str = "ru") -> Request:
    headers = [(b"accept-language", accept.encode())] if accept is not None else []
    app = SimpleNamespace(state=SimpleNamespace(language=server))
    return Request({"type": "http", "headers": headers, "app": app})


@pytest.mark.parametrize(
    ("accept", "server", "expected"),
    [
        (None, "ru", "ru"),
        (None, "en", "en"),
        ("en-US,en;q=0.9", "ru", "en"),
        ("ru-RU", "en", "ru"),
        ("de-DE,fr;q=0.8", "ru", "ru"),
        ("de-DE,en;q=0.5", "ru", "en"),
    ],
)
def test_the_first_language_autopost_has_wins(
    accept: str | None, server: str, expected: str
) -> None:
    assert language(request(accept, server)) == expected


def test_messages_and_field_errors_are_translated_and_the_rest_left_alone() -> None:
    errors = {"password": [Message.PASSWORDS_DIFFER.value, "Not a known message."]}
    assert localized(request("en"), errors) == {
        "password": [ENGLISH[Message.PASSWORDS_DIFFER], "Not a known message."]
    }
    assert localized(request("ru"), Message.LOGGED_IN.value) == "Вы вошли в систему"


def test_every_message_has_its_english() -> None:
    assert set(Message) <= set(ENGLISH)


def test_every_password_problem_has_its_words() -> None:
    assert set(WEAK_PASSWORD) == set(PasswordProblem)
    assert len(set(WEAK_PASSWORD.values())) == len(PasswordProblem)


def test_a_weak_password_is_told_in_russian_unless_english_is_asked_for() -> None:
    user = User("olga.petrova", "olga@example.com", "", datetime(2026, 1, 1, tzinfo=UTC))
    errors = {"password": weaknesses("1234567", user)}
    assert localized(request(None), errors) == {
        "password": [
            "Пароль слишком короткий: нужно не меньше 8 символов.",
            "Пароль не может состоять из одних цифр.",
        ]
    }
    assert localized(request("en"), errors) == {
        "password": [
            "The password is too short: it needs at least 8 characters.",
            "The password cannot be digits only.",
        ]
    }
    similar = localized(request("en"), weaknesses("olgapetrova1", user))
    assert similar == ["The password is made from the username."]
