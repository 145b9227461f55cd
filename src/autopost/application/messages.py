"""The accounts API's messages, in the seed's words (Russian), each with its English.

A response carries the seed's text by default; ``english`` is the catalogue the HTTP edge uses
when a client asks for English (``Accept-Language: en``) or the server is set to it. Add a
language by adding a catalogue like ``english``.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

from autopost.domain.password_rules import MIN_LENGTH, PasswordProblem


class Message(enum.StrEnum):
    PASSWORDS_DIFFER = "Пароли не совпадают"
    PASSWORD_CHANGED = "Пароль успешно изменен"
    WRONG_OLD_PASSWORD = "Неверный текущий пароль"
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
    EMAIL_TAKEN = "Пользователь с таким email уже существует"
    INSTAGRAM_KEY_VALID = "Instagram access token валиден"
    PINTEREST_KEY_VALID = "Pinterest access token валиден"
    HUNTFLOW_PROD_KEY_VALID = "Huntflow prod API ключ валиден"
    HUNTFLOW_SANDBOX_KEY_VALID = "Huntflow sandbox API ключ валиден"
    CLICKUP_KEY_VALID = "ClickUp API ключ валиден"
    NOTION_KEY_VALID = "Notion Integration Token валиден"
    HUNTFLOW_ADDRESS_UNKNOWN = "Принимается только адрес Huntflow prod или sandbox"
    CREDENTIALS_REQUIRED = "Укажите имя пользователя и пароль"
    # Django REST framework's words for a refused token request, in its Russian translation.
    TOKEN_REFUSED = "Невозможно войти с предоставленными учётными данными."
    TEXT_WITH_NUL = "Нулевые символы недопустимы."
    TEXT_WITH_SURROGATE = (
        "Текст должен быть корректным Юникодом: одиночные суррогаты (U+D800–U+DFFF) недопустимы."
    )
    JSON_REQUIRED = "Отправьте JSON (Content-Type: application/json)"
    GOOGLE_DENIED = "Вход через Google отменен"
    GOOGLE_EMAIL_UNVERIFIED = "Google не подтвердил этот адрес электронной почты"
    GOOGLE_EMAIL_SHARED = "Этот адрес почты принадлежит нескольким пользователям"
    ACCOUNT_DISABLED = "Учетная запись отключена"
    # Django's words, as its Russian translation has them.
    USERNAME_TAKEN = "Пользователь с таким именем уже существует."
    PASSWORD_SIMILAR_TO_USERNAME = "Введённый пароль слишком похож на имя пользователя."
    PASSWORD_SIMILAR_TO_FIRST_NAME = "Введённый пароль слишком похож на имя."
    PASSWORD_SIMILAR_TO_LAST_NAME = "Введённый пароль слишком похож на фамилию."
    PASSWORD_SIMILAR_TO_EMAIL = "Введённый пароль слишком похож на адрес электронной почты."
    # "символов" is the plural for MIN_LENGTH = 8 (from 5 to 20): mind it if that changes.
    PASSWORD_TOO_SHORT = (
        f"Введённый пароль слишком короткий. Он должен содержать как минимум {MIN_LENGTH} символов."
    )
    PASSWORD_TOO_COMMON = "Введённый пароль слишком широко распространён."
    PASSWORD_ENTIRELY_NUMERIC = "Введённый пароль состоит только из цифр."


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
    Message.TOKEN_REFUSED: "Unable to log in with provided credentials.",
    Message.TEXT_WITH_NUL: "Null characters are not allowed.",
    Message.TEXT_WITH_SURROGATE: (
        "Text must be valid Unicode: no lone surrogates (U+D800 to U+DFFF)."
    ),
    Message.JSON_REQUIRED: "Send JSON (Content-Type: application/json)",
    Message.GOOGLE_DENIED: "Signing in with Google was cancelled",
    Message.GOOGLE_EMAIL_UNVERIFIED: "Google has not verified this e-mail address",
    Message.GOOGLE_EMAIL_SHARED: "Several users have this e-mail address",
    Message.ACCOUNT_DISABLED: "This account is disabled",
    Message.USERNAME_TAKEN: "A user with that username already exists.",
    Message.PASSWORD_SIMILAR_TO_USERNAME: "The password is too similar to the username.",
    Message.PASSWORD_SIMILAR_TO_FIRST_NAME: "The password is too similar to the first name.",
    Message.PASSWORD_SIMILAR_TO_LAST_NAME: "The password is too similar to the last name.",
    Message.PASSWORD_SIMILAR_TO_EMAIL: "The password is too similar to the email address.",
    Message.PASSWORD_TOO_SHORT: (
        f"This password is too short. It must contain at least {MIN_LENGTH} characters."
    ),
    Message.PASSWORD_TOO_COMMON: "This password is too common.",
    Message.PASSWORD_ENTIRELY_NUMERIC: "This password is entirely numeric.",
}

# What the password rules find, in words.
WEAK_PASSWORD: Mapping[PasswordProblem, Message] = {
    PasswordProblem.SIMILAR_TO_USERNAME: Message.PASSWORD_SIMILAR_TO_USERNAME,
    PasswordProblem.SIMILAR_TO_FIRST_NAME: Message.PASSWORD_SIMILAR_TO_FIRST_NAME,
    PasswordProblem.SIMILAR_TO_LAST_NAME: Message.PASSWORD_SIMILAR_TO_LAST_NAME,
    PasswordProblem.SIMILAR_TO_EMAIL: Message.PASSWORD_SIMILAR_TO_EMAIL,
    PasswordProblem.TOO_SHORT: Message.PASSWORD_TOO_SHORT,
    PasswordProblem.TOO_COMMON: Message.PASSWORD_TOO_COMMON,
    PasswordProblem.ENTIRELY_NUMERIC: Message.PASSWORD_ENTIRELY_NUMERIC,
}

CATALOGUES: Mapping[str, Mapping[str, str]] = {"en": ENGLISH}


def translated(text: str, language: str) -> str:
    """``text`` in ``language`` when a catalogue has it; otherwise as it is."""
    return CATALOGUES.get(language, {}).get(text, text)
