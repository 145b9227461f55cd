"""``autopost check``: does everything configured work? One check per thing, each saying in
words what is wrong and how to fix it."""

from __future__ import annotations

from collections.abc import Mapping

from attrs import frozen

from autopost.application.operations.wording import broker_check, database_check, storage_check
from autopost.application.ports.broker_probe import BrokerProbe
from autopost.application.ports.database_probe import DatabaseProbe
from autopost.application.ports.integration_key_checker import (
    IntegrationKeyChecker,
    KeyCheck,
    KeyOptions,
)
from autopost.application.ports.media_storage_probe import MediaStorageProbe
from autopost.application.ports.secret_box import SecretBox
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.credential import CredentialStatus
from autopost.domain.platform import Platform
from autopost.domain.readiness import Check

# Sent where no account is connected, to see that the platform answers at all: its refusal is
# the answer wanted. No call with it can change anything.
PLACEHOLDER_TOKEN = "autopost-check-no-token"  # noqa: S105


@frozen
class PlatformSetup:
    """A platform as the settings have it: its API's address (and the setting naming it),
    and whether it is configured (an app is set, or accounts may be connected)."""

    address: str
    setting: str
    configured: bool


class CheckInstallation:
    def __init__(
        self,
        database: DatabaseProbe,
        broker: BrokerProbe,
        storage: MediaStorageProbe,
        uow: UnitOfWork,
        secret_box: SecretBox,
        checkers: Mapping[Platform, IntegrationKeyChecker],
        platforms: Mapping[Platform, PlatformSetup],
    ) -> None:
        self._database = database
        self._broker = broker
        self._storage = storage
        self._uow = uow
        self._secret_box = secret_box
        self._checkers = checkers
        self._platforms = platforms

    async def execute(self) -> list[Check]:
        database = await self._database.state()
        checks = [
            database_check(database),
            broker_check(await self._broker.state()),
            storage_check(await self._storage.state()),
        ]
        accounts: dict[Platform, list[tuple[str, str]]] = {}
        if database.migrated:
            accounts = await self._accounts()
        for platform, setup in self._platforms.items():
            checks.extend(await self._platform(platform, setup, accounts.get(platform, [])))
        return checks

    async def _accounts(self) -> dict[Platform, list[tuple[str, str]]]:
        """Each platform's active accounts: a name for each, and its token."""
        found: dict[Platform, list[tuple[str, str]]] = {}
        async with self._uow as uow:
            credentials = await uow.credentials.list()
        for credential in credentials:
            if credential.status != CredentialStatus.ACTIVE:
                continue
            name = f"{credential.id} ({credential.username or credential.account_id})"
            token = self._secret_box.open(credential.access_token)
            found.setdefault(credential.platform, []).append((name, token))
        return found

    async def _platform(
        self, platform: Platform, setup: PlatformSetup, accounts: list[tuple[str, str]]
    ) -> list[Check]:
        name = platform.value
        if not setup.configured and not accounts:
            return [Check(name, True, "not configured (no app set, no account connected)")]
        checker = self._checkers[platform]
        answered = await checker.check(PLACEHOLDER_TOKEN, KeyOptions())
        if not answered.reachable:
            return [
                Check(
                    name,
                    False,
                    f"the API at {setup.address} does not answer ({answered.detail}): check "
                    f"{setup.setting} and this machine's network",
                )
            ]
        checks = [Check(name, True, f"the API at {setup.address} answers")]
        for account, token in accounts:
            checks.append(_account_check(name, account, await checker.check(token, KeyOptions())))
        return checks


def _account_check(platform: str, account: str, check: KeyCheck) -> Check:
    what = f"{platform} account {account}"
    if check.valid:
        return Check(what, True, "its token works")
    if check.reachable:
        return Check(
            what, False, f"{check.detail} Reconnect the account (Connected accounts page)."
        )
    return Check(what, False, f"{check.detail} Try again later; if it lasts, check the platform.")
