"""``/api/v1/credentials/``: connected platform accounts; tokens are write-only."""

from __future__ import annotations

from typing import Protocol

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from autopost.adapters.http.auth import acting
from autopost.adapters.http.request_body import path_id, read
from autopost.adapters.http.schemas import CredentialIn
from autopost.adapters.http.serializers import credential_json
from autopost.adapters.http.services import ServicesOf
from autopost.application.integrations.credentials import (
    ConnectAccount,
    GetCredential,
    ListCredentials,
    RemoveCredential,
    SaveCredential,
)


class CredentialServices(Protocol):
    def get_credential(self) -> GetCredential: ...
    def list_credentials(self) -> ListCredentials: ...
    def remove_credential(self) -> RemoveCredential: ...
    def save_credential(self) -> SaveCredential: ...


services = ServicesOf[CredentialServices]("credentials")


async def list_credentials(request: Request) -> Response:
    credentials = await services(request).list_credentials().execute(acting(request))
    return JSONResponse([credential_json(c).model_dump(mode="json") for c in credentials])


async def create_credential(request: Request) -> Response:
    data = await read(request, CredentialIn)
    credential = (
        await services(request)
        .save_credential()
        .execute(
            acting(request),
            ConnectAccount(
                platform=data.platform,
                account_id=data.account_id,
                access_token=data.access_token,
                username=data.username,
                refresh_token=data.refresh_token,
                expires_at=data.expires_at,
                scopes=data.scopes,
                default_board_id=data.default_board_id,
            ),
        )
    )
    return JSONResponse(credential_json(credential).model_dump(mode="json"), status_code=201)


async def credential_detail(request: Request) -> Response:
    credential_id = path_id(request, "credential_id")
    if request.method == "DELETE":
        await services(request).remove_credential().execute(acting(request), credential_id)
        return Response(status_code=204)
    credential = await services(request).get_credential().execute(acting(request), credential_id)
    return JSONResponse(credential_json(credential).model_dump(mode="json"))


routes = [
    Route("/api/v1/credentials/", list_credentials, methods=["GET"]),
    Route("/api/v1/credentials/", create_credential, methods=["POST"]),
    Route("/api/v1/credentials/{credential_id:int}/", credential_detail, methods=["GET", "DELETE"]),
]
