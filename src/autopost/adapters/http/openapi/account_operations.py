"""``/api/v1/credentials/``: connected platform accounts, by their tokens."""

from __future__ import annotations

from autopost.adapters.http.answers.accounts import Credential
from autopost.adapters.http.openapi.operation import (
    CONFLICT,
    INVALID,
    NO_CONTENT,
    NOT_FOUND,
    Operation,
    Reply,
    path_id,
)
from autopost.adapters.http.schemas import CredentialIn

CREDENTIAL_ID = path_id("credential_id", "connected account")

ACCOUNT_OPERATIONS = (
    Operation(
        "get",
        "/api/v1/credentials/",
        "list_credentials",
        "List connected accounts",
        "accounts",
        {200: Reply("The accounts.", list[Credential])},
    ),
    Operation(
        "post",
        "/api/v1/credentials/",
        "save_credential",
        "Connect an account by its token",
        "accounts",
        {201: Reply("The account.", Credential), 400: INVALID},
        body=CredentialIn,
        example={
            "platform": "instagram",
            "account_id": "17841400000000002",
            "access_token": "EAAG-an-access-token",
        },
        description="Connecting an account again gives it the new tokens. Tokens are stored "
        "encrypted and never shown again.",
    ),
    Operation(
        "get",
        "/api/v1/credentials/{credential_id}/",
        "get_credential",
        "Read a connected account",
        "accounts",
        {200: Reply("The account.", Credential), 404: NOT_FOUND},
        params=(CREDENTIAL_ID,),
    ),
    Operation(
        "delete",
        "/api/v1/credentials/{credential_id}/",
        "remove_credential",
        "Remove a connected account",
        "accounts",
        {204: NO_CONTENT, 404: NOT_FOUND, 409: CONFLICT},
        params=(CREDENTIAL_ID,),
        description="Refused while the account has scheduled posts: cancel them first.",
    ),
)
