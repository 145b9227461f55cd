"""Integrations: the stored credentials, the integration keys and their checks, and the
rotation of the secret key they are sealed with."""

from __future__ import annotations

from dependency_injector import containers, providers

from autopost.adapters.platforms.key_checks.clickup import HttpxClickUpKeyChecker
from autopost.adapters.platforms.key_checks.gemini import HttpxGeminiKeyChecker
from autopost.adapters.platforms.key_checks.huntflow import HttpxHuntflowKeyChecker
from autopost.adapters.platforms.key_checks.instagram import HttpxInstagramKeyChecker
from autopost.adapters.platforms.key_checks.notion import HttpxNotionKeyChecker
from autopost.adapters.platforms.key_checks.pinterest import HttpxPinterestKeyChecker
from autopost.application.integrations.account_states import ListAccountStates
from autopost.application.integrations.credentials import (
    GetCredential,
    ListCredentials,
    RemoveCredential,
    SaveCredential,
)
from autopost.application.integrations.integration_keys import TestIntegrationKey
from autopost.application.integrations.key_rotation import RotateSecretKey


class Integrations(containers.DeclarativeContainer):
    infrastructure = providers.DependenciesContainer()
    settings = infrastructure.settings
    uow = infrastructure.uow
    clock = infrastructure.clock
    secret_box = infrastructure.secret_box
    http_client = infrastructure.http_client

    save_credential = providers.Factory(
        SaveCredential, uow, secret_box, clock, infrastructure.pinterest_policy
    )
    list_credentials = providers.Factory(ListCredentials, uow)
    get_credential = providers.Factory(GetCredential, uow)
    remove_credential = providers.Factory(RemoveCredential, uow, clock)
    list_account_states = providers.Factory(ListAccountStates, uow, clock)

    # Each service's key check, by the integration's name in /accounts/api/test-<name>/.
    key_checkers = providers.Dict(
        instagram=providers.Singleton(
            HttpxInstagramKeyChecker,
            http_client,
            settings.provided.instagram_graph_url,
            settings.provided.instagram_login_api_url,
        ),
        pinterest=providers.Singleton(
            HttpxPinterestKeyChecker, http_client, settings.provided.effective_pinterest_api_url
        ),
        gemini=providers.Singleton(
            HttpxGeminiKeyChecker, http_client, settings.provided.gemini_api_url
        ),
        huntflow=providers.Singleton(
            HttpxHuntflowKeyChecker,
            http_client,
            settings.provided.huntflow_prod_url,
            settings.provided.huntflow_sandbox_url,
        ),
        clickup=providers.Singleton(
            HttpxClickUpKeyChecker, http_client, settings.provided.clickup_api_url
        ),
        notion=providers.Singleton(
            HttpxNotionKeyChecker, http_client, settings.provided.notion_api_url
        ),
    )
    test_integration_key = providers.Factory(
        TestIntegrationKey,
        uow,
        secret_box,
        key_checkers,
        # By System's values: a Huntflow key is sent to these addresses only.
        providers.Dict(
            prod=settings.provided.huntflow_prod_url,
            sandbox=settings.provided.huntflow_sandbox_url,
        ),
    )

    rotate_secret_key = providers.Factory(RotateSecretKey, uow, secret_box)
