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
    CANNOT_DELETE_YOURSELF = "Нельзя удалить самого себя"
    EMAIL_TAKEN = "Пользователь с таким email уже существует"  # noqa: RUF001 (Russian)
    INSTAGRAM_KEY_VALID = "Instagram access token валиден"
    PINTEREST_KEY_VALID = "Pinterest access token валиден"
    HUNTFLOW_PROD_KEY_VALID = "Huntflow prod API ключ валиден"
    HUNTFLOW_SANDBOX_KEY_VALID = "Huntflow sandbox API ключ валиден"
    CLICKUP_KEY_VALID = "ClickUp API ключ валиден"
    NOTION_KEY_VALID = "Notion Integration Token валиден"
    HUNTFLOW_ADDRESS_UNKNOWN = "Принимается только адрес Huntflow prod или sandbox"
    CREDENTIALS_REQUIRED = "Укажите имя пользователя и пароль"
    JSON_REQUIRED = "Отправьте JSON (Content-Type: application/json)"
    GOOGLE_DENIED = "Вход через Google отменен"
    GOOGLE_EMAIL_UNVERIFIED = "Google не подтвердил этот адрес электронной почты"
    GOOGLE_EMAIL_SHARED = "Этот адрес почты принадлежит нескольким пользователям"
    ACCOUNT_DISABLED = "Учетная запись отключена"


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
    Message.CANNOT_DELETE_YOURSELF: "You cannot delete yourself",
    Message.EMAIL_TAKEN: "A user with that email already exists",
    Message.INSTAGRAM_KEY_VALID: "The Instagram access token is valid",
    Message.PINTEREST_KEY_VALID: "The Pinterest access token is valid",
    Message.HUNTFLOW_PROD_KEY_VALID: "The Huntflow prod API key is valid",
    Message.HUNTFLOW_SANDBOX_KEY_VALID: "The Huntflow sandbox API key is valid",
    Message.CLICKUP_KEY_VALID: "The ClickUp API key is valid",
    Message.NOTION_KEY_VALID: "The Notion integration token is valid",
    Message.HUNTFLOW_ADDRESS_UNKNOWN: "Only Huntflow's prod or sandbox address is accepted",
    Message.CREDENTIALS_REQUIRED: "Give a username and a password",
    Message.JSON_REQUIRED: "Send JSON (Content-Type: application/json)",
    Message.GOOGLE_DENIED: "Signing in with Google was cancelled",
    Message.GOOGLE_EMAIL_UNVERIFIED: "Google has not verified this e-mail address",
    Message.GOOGLE_EMAIL_SHARED: "Several users have this e-mail address",
    Message.ACCOUNT_DISABLED: "This account is disabled",
}

CATALOGUES: Mapping[str, Mapping[str, str]] = {"en": ENGLISH}


def translated(text: str, language: str) -> str:
    """``text`` in ``language`` when a catalogue has it; otherwise as it is."""
    return CATALOGUES.get(language, {}).get(text, text)
