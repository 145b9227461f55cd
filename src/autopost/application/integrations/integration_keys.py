"""The earlier API's "test an API key": does this key, or the saved one, work at its service?"""

from __future__ import annotations

import enum
from collections.abc import Mapping

from attrs import field, frozen

from autopost.application.access import Actor, authorize
from autopost.application.integrations.errors import HuntflowAddressUnknown
from autopost.application.messages import Message
from autopost.application.ports.integration_key_checker import (
    IntegrationKeyChecker,
    KeyCheck,
    KeyOptions,
)
from autopost.application.ports.secret_box import SecretBox
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.access import Action, Resource
from autopost.domain.errors import NotFound, PermissionDenied
from autopost.domain.user import System, User

HUNTFLOW = "huntflow"

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
        self,
        uow: UnitOfWork,
        box: SecretBox,
        checkers: Mapping[str, IntegrationKeyChecker],
        huntflow_urls: Mapping[System, str],
    ) -> None:
        """``huntflow_urls``: the server's Huntflow address of each system, the only ones a
        Huntflow key is sent to."""
        self._uow = uow
        self._box = box
        self._checkers = checkers
        self._huntflow_urls = huntflow_urls

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
                asked = options.api_url.strip() or saved.strip()
                api_url = (
                    self._huntflow_address(asked) if asked else self._huntflow_urls.get(system, "")
                )
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

    def _huntflow_address(self, url: str) -> str:
        # The key is sent with the request, so only to Huntflow: the address asked for is
        # taken only when it is one the server is configured with (whatever its spelling),
        # and the configured one is used. Any other host, plain http, an address inside
        # Autopost's own network: refused as bad input, before any call.
        configured = {_spelling(u): u for u in self._huntflow_urls.values() if u}
        found = configured.get(_spelling(url))
        if found is None:
            raise HuntflowAddressUnknown()
        return found


def _spelling(url: str) -> str:
    """The earlier API's example is the host alone; a trailing ``/`` or ``/v2`` says the same."""
    return url.strip().rstrip("/").removesuffix("/v2").rstrip("/").lower()


def _active_system(user: User) -> System:
    try:
        return System(user.active_system)
    except ValueError:
        return System.PROD


def _result(integration: str, system: System, check: KeyCheck) -> KeyTestResult:
    if check.valid:
        valid = HUNTFLOW_VALID[system] if integration == HUNTFLOW else VALID[integration]
        return KeyTestResult(KeyVerdict.VALID, valid, check.detail)
    if not check.reachable:
        return KeyTestResult(KeyVerdict.UNREACHABLE, Message.SERVICE_UNREACHABLE, check.detail)
    return KeyTestResult(KeyVerdict.INVALID, Message.KEY_INVALID, check.detail)
