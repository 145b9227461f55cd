"""``POST /accounts/api/test-<integration>/``: the earlier API's key test, in its
``{"success", "message"}`` shape."""

from __future__ import annotations

from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field
from starlette.authentication import AuthenticationError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from autopost.adapters.http.answers.service import Refused, Succeeded
from autopost.adapters.http.auth import acting
from autopost.adapters.http.i18n import localized
from autopost.adapters.http.request_body import read
from autopost.adapters.http.responses import unauthenticated
from autopost.adapters.http.services import ServicesOf
from autopost.application.integrations.integration_keys import KeyVerdict, TestIntegrationKey
from autopost.application.ports.integration_key_checker import KeyOptions
from autopost.domain.user import System


class IntegrationKeyServices(Protocol):
    def test_integration_key(self) -> TestIntegrationKey: ...


services = ServicesOf[IntegrationKeyServices]("integration_keys")

PATH = "/accounts/api/test-{integration}/"
# Longer than any key of these services; a header this size is refused by most servers anyway.
MAX_KEY = 4096

# The answer to each verdict, for the API and the integrations page alike.
STATUS = {
    KeyVerdict.VALID: 200,
    KeyVerdict.INVALID: 400,
    KeyVerdict.MISSING: 400,
    KeyVerdict.UNREACHABLE: 502,
}


class KeyTestIn(BaseModel):
    """No ``api_key``: the one saved in the user's settings. ``api_url`` and ``system`` are
    Huntflow's (``system``, by default the user's active one, also picks the saved key)."""

    model_config = ConfigDict(extra="ignore")

    api_key: str | None = Field(default=None, max_length=MAX_KEY)
    api_url: str | None = Field(
        default=None,
        max_length=2048,
        description="Huntflow's prod or sandbox address, as the server is configured; "
        "no other is taken.",
    )
    system: System | None = None


async def check_integration_key(request: Request) -> Response:
    # Not under /api/, so not behind RequireAuthentication: this route refuses by itself.
    try:
        actor = acting(request)
    except AuthenticationError as refused:
        return unauthenticated(request, refused)
    data = await read(request, KeyTestIn, forms=False)
    use_case = services(request).test_integration_key()
    options = KeyOptions(data.api_url or "", data.system)
    integration = request.path_params["integration"]
    result = await use_case.execute(actor, integration, data.api_key, options)
    message = localized(request, result.message)
    answer = Succeeded(message=message) if result.success else Refused(message=message)
    return JSONResponse(answer.model_dump(mode="json"), status_code=STATUS[result.verdict])


routes = [Route(PATH, check_integration_key, methods=["POST"])]
