"""The accounts API's messages, in the seed's words (Russian), each with its English.

A response carries the seed's text by default; ``english`` is the catalogue the HTTP edge uses
when a client asks for English (``Accept-Language: en``) or the server is set to it. Add a
language by adding a catalogue like ``english``.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping


class Message(enum.StrEnum):
    PASSWORDS_DIFFER = "Пароли не совпадают"
    PASSWORD_CHANGED = "Пароль успешно изменен"  # noqa: S105 (a message)
    WRONG_OLD_PASSWORD = "Неверный текущий пароль"  # noqa: S105 (a message)
    GROUPS_ASSIGNED = "Группы успешно назначены"
    LOGGED_IN = "Вход выполнен успешно"
    LOGGED_OUT = "Выход выполнен успешно"
    BAD_CREDENTIALS = "Неверное имя пользователя или пароль"
    TOO_MANY_ATTEMPTS = "Слишком много неудачных попыток входа. Попробуйте позже"
    FIELD_REQUIRED = "Это поле обязательно для заполнения."
    KEY_MISSING = "API ключ не указан"
    KEY_VALID = "API ключ валиден"
    KEY_INVALID = "API ключ недействителен"
    SERVICE_UNREACHABLE = "Сервис недоступен, попробуйте позже"


ENGLISH: Mapping[str, str] = {
    Message.PASSWORDS_DIFFER: "The passwords do not match",
    Message.PASSWORD_CHANGED: "Password changed",
    Message.WRONG_OLD_PASSWORD: "The current password is wrong",
    Message.GROUPS_ASSIGNED: "Groups assigned",
    Message.LOGGED_IN: "Signed in",
    Message.LOGGED_OUT: "Signed out",
    Message.BAD_CREDENTIALS: "Wrong username or password",
    Message.TOO_MANY_ATTEMPTS: "Too many failed sign-ins. Try again later",
    Message.FIELD_REQUIRED: "This field is required.",
    Message.KEY_MISSING: "No API key given",
    Message.KEY_VALID: "The API key is valid",
    Message.KEY_INVALID: "The API key is not valid",
    Message.SERVICE_UNREACHABLE: "The service cannot be reached; try again later",
}

CATALOGUES: Mapping[str, Mapping[str, str]] = {"en": ENGLISH}


def translated(text: str, language: str) -> str:
    """``text`` in ``language`` when a catalogue has it; otherwise as it is."""
    return CATALOGUES.get(language, {}).get(text, text)
