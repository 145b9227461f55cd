"""Integrations status (and checking a saved key) and the user's API keys."""

from __future__ import annotations

from typing import Protocol

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from autopost.adapters.http.auth import acting
from autopost.adapters.http.i18n import localized
from autopost.adapters.http.integration_keys import STATUS
from autopost.adapters.http.pages.forms import read_form, signed_in_only, text
from autopost.adapters.http.pages.rendering import render
from autopost.adapters.http.refusal_fields import field_errors
from autopost.adapters.http.services import ServicesOf
from autopost.application.integrations.credentials import ListCredentials
from autopost.application.integrations.integration_keys import (
    INTEGRATIONS,
    SAVED_KEYS,
    TestIntegrationKey,
)
from autopost.application.people.api_tokens import IssueNamedApiToken, ListApiTokens, RevokeApiToken
from autopost.application.people.user_settings import GetUserSettings
from autopost.application.ports.integration_key_checker import KeyOptions
from autopost.domain.errors import NotFound, Refused


class ToolPageServices(Protocol):
    def get_user_settings(self) -> GetUserSettings: ...
    def issue_named_api_token(self) -> IssueNamedApiToken: ...
    def list_api_tokens(self) -> ListApiTokens: ...
    def revoke_api_token(self) -> RevokeApiToken: ...


class ToolPageIntegrations(Protocol):
    def list_credentials(self) -> ListCredentials: ...
    def test_integration_key(self) -> TestIntegrationKey: ...


services = ServicesOf[ToolPageServices]("tool_pages")
saved_integrations = ServicesOf[ToolPageIntegrations]("tool_pages.integrations")

LABELS = {
    "instagram": "Instagram",
    "pinterest": "Pinterest",
    "gemini": "Gemini",
    "huntflow": "Huntflow",
    "clickup": "ClickUp",
    "notion": "Notion",
}


async def _integrations_page(request: Request, status: int = 200, **context: object) -> Response:
    actor = acting(request)
    settings = await services(request).get_user_settings().execute(actor)
    system = settings.user.active_system
    saved = [
        (name, LABELS[name], SAVED_KEYS[name].format(system=system) in settings.secrets_set)
        for name in INTEGRATIONS
    ]
    accounts = await saved_integrations(request).list_credentials().execute(actor)
    return render(
        request, "integrations.html", status, integrations=saved, accounts=accounts, **context
    )


@signed_in_only
async def integrations(request: Request) -> Response:
    if request.method == "GET":
        return await _integrations_page(request)
    form = await read_form(request)
    name = text(form, "integration")
    if name not in INTEGRATIONS:
        raise NotFound("integration", name)
    try:
        result = (
            await saved_integrations(request)
            .test_integration_key()
            .execute(acting(request), name, None, KeyOptions())
        )
    except Refused as refused:  # a saved Huntflow address that is not Huntflow's
        problems = localized(request, field_errors(refused))
        return await _integrations_page(request, 400, problems=problems)
    message = localized(request, result.message.value)
    said = f"{LABELS[name]}: {message}" + (f" ({result.detail})" if result.detail else "")
    if result.success:
        return await _integrations_page(request, notice=said)
    # As the API answers: a refused key is a 400, a service that could not say a 502.
    status = STATUS[result.verdict]
    return await _integrations_page(request, status, problems={"non_field_errors": [said]})


async def _keys_page(request: Request, status: int = 200, **context: object) -> Response:
    tokens = await services(request).list_api_tokens().execute(acting(request))
    return render(request, "api_keys.html", status, tokens=tokens, **context)


@signed_in_only
async def api_keys(request: Request) -> Response:
    if request.method == "GET":
        return await _keys_page(request)
    form = await read_form(request)
    actor = acting(request)
    try:
        if text(form, "action") == "revoke":
            token_id = text(form, "token_id")
            if not token_id.isdigit():
                raise NotFound("API token", token_id)
            await services(request).revoke_api_token().execute(actor, int(token_id))
            return await _keys_page(request, notice="Key revoked")
        token, raw = (
            await services(request).issue_named_api_token().execute(actor, text(form, "name"))
        )
    except Refused as refused:
        return await _keys_page(request, 400, problems=localized(request, field_errors(refused)))
    return await _keys_page(request, issued=raw, issued_name=token.name)


routes = [
    Route("/accounts/integrations/", integrations, methods=["GET", "POST"]),
    Route("/accounts/api-keys/", api_keys, methods=["GET", "POST"]),
]
