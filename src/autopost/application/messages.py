"""The accounts API's messages in Russian, each with its English.

An answer is in Russian by default, the language the earlier API's clients expect;
``ENGLISH`` is the catalogue the HTTP edge uses when a client asks for English
(``Accept-Language: en``) or the server is set to it. Add a language by adding a catalogue
like ``ENGLISH``.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

from autopost.domain.password_rules import MIN_LENGTH, PasswordProblem


class Message(enum.StrEnum):
    PASSWORDS_DIFFER = "Введённые пароли различаются"
    PASSWORD_CHANGED = "Пароль изменён"
    WRONG_OLD_PASSWORD = "Текущий пароль указан неверно"
    GROUPS_ASSIGNED = "Группы пользователя обновлены"
    LOGGED_IN = "Вы вошли в систему"
    LOGGED_OUT = "Вы вышли из системы"
    BAD_CREDENTIALS = "Имя пользователя или пароль указаны неверно"
    TOO_MANY_ATTEMPTS = "Слишком много неудачных попыток войти; повторите позже"
    FIELD_REQUIRED = "Заполните это поле."
    KEY_MISSING = "Ключ API не передан"
    KEY_VALID = "Ключ API действует"
    KEY_INVALID = "Сервис не принял ключ API"
    SERVICE_UNREACHABLE = "Сервис сейчас не отвечает; повторите позже"
    CANNOT_DELETE_YOURSELF = "Свою учётную запись удалить нельзя"
    EMAIL_TAKEN = "Этот адрес электронной почты уже занят"
    INSTAGRAM_KEY_VALID = "Токен доступа Instagram действует"
    PINTEREST_KEY_VALID = "Токен доступа Pinterest действует"
    HUNTFLOW_PROD_KEY_VALID = "Ключ API Huntflow prod действует"
    HUNTFLOW_SANDBOX_KEY_VALID = "Ключ API Huntflow sandbox действует"
    CLICKUP_KEY_VALID = "Ключ API ClickUp действует"
    NOTION_KEY_VALID = "Токен интеграции Notion действует"
    HUNTFLOW_ADDRESS_UNKNOWN = "Подходит только адрес Huntflow prod или sandbox"
    CREDENTIALS_REQUIRED = "Введите имя пользователя и пароль"
    # The token endpoint's refusal: it does not say which of the two was wrong.
    TOKEN_REFUSED = "Войти с этими учётными данными не удалось."
    TEXT_WITH_NUL = "Текст не может содержать символ NUL (U+0000)."
    TEXT_WITH_SURROGATE = (
        "Текст не может содержать одиночные суррогаты (U+D800–U+DFFF): это не корректный Юникод."
    )
    JSON_REQUIRED = "Тело запроса должно быть в JSON (Content-Type: application/json)"
    GOOGLE_DENIED = "Вход через Google был отменён"
    GOOGLE_EMAIL_UNVERIFIED = "Google не подтвердил, что это ваш адрес почты"
    GOOGLE_EMAIL_SHARED = "Этот адрес почты указан у нескольких пользователей"
    ACCOUNT_DISABLED = "Эта учётная запись отключена"
    USERNAME_TAKEN = "Это имя пользователя уже занято."
    PASSWORD_SIMILAR_TO_USERNAME = "Пароль составлен из имени пользователя."
    PASSWORD_SIMILAR_TO_FIRST_NAME = "Пароль составлен из вашего имени."
    PASSWORD_SIMILAR_TO_LAST_NAME = "Пароль составлен из вашей фамилии."
    PASSWORD_SIMILAR_TO_EMAIL = "Пароль составлен из адреса электронной почты."
    # "символов" is the plural for MIN_LENGTH = 8 (from 5 to 20): mind it if that changes.
    PASSWORD_TOO_SHORT = f"Пароль слишком короткий: нужно не меньше {MIN_LENGTH} символов."
    PASSWORD_TOO_COMMON = "Такой пароль слишком легко подобрать."
    PASSWORD_ENTIRELY_NUMERIC = "Пароль не может состоять из одних цифр."
    # The desk's queue, approval and accounts pages.
    POST_APPROVED = "Публикация одобрена"
    POST_RETURNED = "Публикация возвращена автору с вашим комментарием"
    SLOTS_SAVED = "Слоты публикации сохранены"
    QUEUE_REORDERED = "Порядок очереди изменён"
    QUEUE_SHUFFLED = "Очередь перемешана"
    ACCOUNT_DISCONNECTED = "Аккаунт отключён"
    APPROVAL_SETTING_SAVED = "Настройка одобрения сохранена"
    BOARDS_REFRESHED = "Доски обновлены из Pinterest"
    BOARDS_SAVED = "Доски сохранены"
    DEFAULT_BOARD_SAVED = "Доска по умолчанию сохранена"
    MEDIA_SYNCED = "Синхронизация с Instagram завершена"
    REPLY_SENT = "Ответ опубликован"
    COMMENT_HIDDEN = "Комментарий скрыт"
    COMMENT_SHOWN = "Комментарий снова виден"
    COMMENT_DELETED = "Комментарий удалён"
    COMMENTS_REFRESHED = "Комментарии обновлены из Instagram"
    FILE_UPLOADED = "Файл добавлен в медиатеку"
    FILE_DELETED = "Файл удалён из медиатеки"


ENGLISH: Mapping[str, str] = {
    Message.PASSWORDS_DIFFER: "The two passwords are different",
    Message.PASSWORD_CHANGED: "Your password has been changed",
    Message.WRONG_OLD_PASSWORD: "The current password is not correct",
    Message.GROUPS_ASSIGNED: "The user's groups are updated",
    Message.LOGGED_IN: "You are signed in",
    Message.LOGGED_OUT: "You are signed out",
    Message.BAD_CREDENTIALS: "The username or the password is not correct",
    Message.TOO_MANY_ATTEMPTS: "Too many sign-ins failed; try again later",
    Message.FIELD_REQUIRED: "Fill in this field.",
    Message.KEY_MISSING: "No API key was sent",
    Message.KEY_VALID: "The API key works",
    Message.KEY_INVALID: "The service did not accept the API key",
    Message.SERVICE_UNREACHABLE: "The service is not answering; try again later",
    Message.CANNOT_DELETE_YOURSELF: "You cannot delete your own account",
    Message.EMAIL_TAKEN: "That email address is already in use",
    Message.INSTAGRAM_KEY_VALID: "The Instagram access token works",
    Message.PINTEREST_KEY_VALID: "The Pinterest access token works",
    Message.HUNTFLOW_PROD_KEY_VALID: "The Huntflow prod API key works",
    Message.HUNTFLOW_SANDBOX_KEY_VALID: "The Huntflow sandbox API key works",
    Message.CLICKUP_KEY_VALID: "The ClickUp API key works",
    Message.NOTION_KEY_VALID: "The Notion integration token works",
    Message.HUNTFLOW_ADDRESS_UNKNOWN: "Only the Huntflow prod or sandbox address will do",
    Message.CREDENTIALS_REQUIRED: "Enter a username and a password",
    Message.TOKEN_REFUSED: "Could not sign in with these credentials.",
    Message.TEXT_WITH_NUL: "Text cannot contain the NUL character (U+0000).",
    Message.TEXT_WITH_SURROGATE: (
        "Text cannot contain lone surrogates (U+D800 to U+DFFF): they are not valid Unicode."
    ),
    Message.JSON_REQUIRED: "The request body must be JSON (Content-Type: application/json)",
    Message.GOOGLE_DENIED: "Signing in with Google was cancelled",
    Message.GOOGLE_EMAIL_UNVERIFIED: "Google has not confirmed this email address is yours",
    Message.GOOGLE_EMAIL_SHARED: "More than one user has this email address",
    Message.ACCOUNT_DISABLED: "This account has been disabled",
    Message.USERNAME_TAKEN: "That username is already taken.",
    Message.PASSWORD_SIMILAR_TO_USERNAME: "The password is made from the username.",
    Message.PASSWORD_SIMILAR_TO_FIRST_NAME: "The password is made from your first name.",
    Message.PASSWORD_SIMILAR_TO_LAST_NAME: "The password is made from your last name.",
    Message.PASSWORD_SIMILAR_TO_EMAIL: "The password is made from the email address.",
    Message.PASSWORD_TOO_SHORT: (
        f"The password is too short: it needs at least {MIN_LENGTH} characters."
    ),
    Message.PASSWORD_TOO_COMMON: "This password is too easy to guess.",
    Message.PASSWORD_ENTIRELY_NUMERIC: "The password cannot be digits only.",
    Message.POST_APPROVED: "The post is approved",
    Message.POST_RETURNED: "The post is sent back to its author with your comment",
    Message.SLOTS_SAVED: "The posting slots are saved",
    Message.QUEUE_REORDERED: "The queue is reordered",
    Message.QUEUE_SHUFFLED: "The queue is shuffled",
    Message.ACCOUNT_DISCONNECTED: "The account is disconnected",
    Message.APPROVAL_SETTING_SAVED: "The approval setting is saved",
    Message.BOARDS_REFRESHED: "The boards are refreshed from Pinterest",
    Message.BOARDS_SAVED: "The boards are saved",
    Message.DEFAULT_BOARD_SAVED: "The default board is saved",
    Message.MEDIA_SYNCED: "The sync with Instagram is done",
    Message.REPLY_SENT: "The reply is published",
    Message.COMMENT_HIDDEN: "The comment is hidden",
    Message.COMMENT_SHOWN: "The comment is shown again",
    Message.COMMENT_DELETED: "The comment is deleted",
    Message.COMMENTS_REFRESHED: "The comments are refreshed from Instagram",
    Message.FILE_UPLOADED: "The file is added to the library",
    Message.FILE_DELETED: "The file is deleted from the library",
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
