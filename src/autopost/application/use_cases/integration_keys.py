"""The seed's "test an API key": does this key, or the one the user saved, work at its service?"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from attrs import field, frozen

from autopost.application.access import Actor, authorize
from autopost.application.messages import Message
from autopost.application.ports.integration_key_checker import (
    IntegrationKeyChecker,
    KeyCheck,
    KeyOptions,
)
from autopost.application.ports.secret_box import SecretBox
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.access import Action, Resource
from autopost.domain.errors import NotFound, PermissionDenied, ValidationFailed
from autopost.domain.user import System, User

HUNTFLOW = "huntflow"
# A host name or address as a URL spells it (lowercased by ``urlsplit``).
HOST = re.compile(r"[a-z0-9.-]+|[0-9a-f:.]+")

# The user's saved key each integration is tested with when none is given (names of
# ``domain.user.SECRET_SETTINGS``); Huntflow's depends on the system.
SAVED_KEYS: Mapping[str, str] = {
    "instagram": "instagram_access_token",
    "pinterest": "pinterest_access_token",
    "gemini": "gemini_api_key",
    HUNTFLOW: "huntflow_{system}_api_key",
    "clickup": "clickup_api_key",
    "notion": "notion_integration_token",
}
INTEGRATIONS: tuple[str, ...] = tuple(SAVED_KEYS)

VALID: Mapping[str, Message] = {
    "instagram": Message.INSTAGRAM_KEY_VALID,
    "pinterest": Message.PINTEREST_KEY_VALID,
    "gemini": Message.KEY_VALID,
    "clickup": Message.CLICKUP_KEY_VALID,
    "notion": Message.NOTION_KEY_VALID,
}
HUNTFLOW_VALID: Mapping[System, Message] = {
    System.PROD: Message.HUNTFLOW_PROD_KEY_VALID,
    System.SANDBOX: Message.HUNTFLOW_SANDBOX_KEY_VALID,
}


class KeyVerdict(enum.StrEnum):
    VALID = "valid"
    INVALID = "invalid"
    MISSING = "missing"
    UNREACHABLE = "unreachable"


@frozen
class KeyTestResult:
    """``detail`` is the service's answer in plain words; never the key."""

    verdict: KeyVerdict
    message: Message
    detail: str = ""

    @property
    def success(self) -> bool:
        return self.verdict is KeyVerdict.VALID


@frozen
class _Subject:
    key: str = field(repr=False)  # never in a log line or a traceback
    system: System
    api_url: str


class TestIntegrationKey:
    __test__ = False  # not a test class, whatever pytest thinks of the name

    def __init__(
        self, uow: UnitOfWork, box: SecretBox, checkers: Mapping[str, IntegrationKeyChecker]
    ) -> None:
        self._uow = uow
        self._box = box
        self._checkers = checkers

    async def execute(
        self, actor: Actor, integration: str, api_key: str | None, options: KeyOptions
    ) -> KeyTestResult:
        """``options.system`` None means the user's active system; no ``api_key`` (or an empty
        one) the user's saved key for ``integration``."""
        if actor.user_id is None:
            raise PermissionDenied()
        # Testing a key reads the user's own settings: every role may.
        authorize(actor, Action.VIEW, Resource.USER, owner_id=actor.user_id)
        checker = self._checkers.get(integration)
        if checker is None or integration not in SAVED_KEYS:
            raise NotFound("integration", integration)
        subject = await self._subject(actor.user_id, integration, (api_key or "").strip(), options)
        if not subject.key:
            return KeyTestResult(KeyVerdict.MISSING, Message.KEY_MISSING)
        check = await checker.check(subject.key, KeyOptions(subject.api_url, subject.system))
        return _result(integration, subject.system, check)

    async def _subject(
        self, user_id: int, integration: str, api_key: str, options: KeyOptions
    ) -> _Subject:
        async with self._uow as uow:
            user = await uow.users.get(user_id)
            if user is None:
                raise PermissionDenied()
            system = options.system if options.system is not None else _active_system(user)
            api_url = ""
            if integration == HUNTFLOW:
                saved = (
                    user.huntflow_prod_url if system is System.PROD else user.huntflow_sandbox_url
                )
                api_url = _https_only(options.api_url.strip() or saved.strip())
            key = api_key or await self._saved_key(uow, user_id, integration, system)
        return _Subject(key, system, api_url)

    async def _saved_key(
        self, uow: UnitOfWork, user_id: int, integration: str, system: System
    ) -> str:
        name = SAVED_KEYS[integration].format(system=system.value)
        for secret in await uow.user_secrets.for_user(user_id):
            if secret.name == name:
                return self._box.open(secret.sealed).strip()
        return ""


def _active_system(user: User) -> System:
    try:
        return System(user.active_system)
    except ValueError:
        return System.PROD


def _https_only(url: str) -> str:
    # The address is the user's to choose and the server calls it: only https is taken, so
    # that Autopost cannot be used to probe plain-http services inside its own network (an
    # internal admin page, a cloud metadata endpoint). An address no client could call is
    # refused here too, as bad input. Empty means the configured default.
    if not url:
        return url
    try:
        parts = urlsplit(url)
        _ = parts.port  # a port out of range raises
        secure = parts.scheme.lower() == "https" and bool(HOST.fullmatch(parts.hostname or ""))
    except ValueError:
        secure = False
    if not secure or any(c.isspace() or not c.isprintable() for c in url):
        raise ValidationFailed({"api_url": [Message.HTTPS_REQUIRED]})
    return url


def _result(integration: str, system: System, check: KeyCheck) -> KeyTestResult:
    if check.valid:
        valid = HUNTFLOW_VALID[system] if integration == HUNTFLOW else VALID[integration]
        return KeyTestResult(KeyVerdict.VALID, valid, check.detail)
    if not check.reachable:
        return KeyTestResult(KeyVerdict.UNREACHABLE, Message.SERVICE_UNREACHABLE, check.detail)
    return KeyTestResult(KeyVerdict.INVALID, Message.KEY_INVALID, check.detail)
