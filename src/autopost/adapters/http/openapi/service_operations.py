"""The service itself: liveness, this document, and the token endpoint."""

from __future__ import annotations

from typing import Any

from autopost.adapters.http.answers.errors import FieldErrors
from autopost.adapters.http.answers.service import Health, Index, ReadinessState, Token
from autopost.adapters.http.openapi.operation import INVALID, Operation, Reply
from autopost.adapters.http.schemas import TokenAuthIn

SERVICE_OPERATIONS = (
    Operation(
        "get",
        "/",
        "index",
        "Where things are",
        "service",
        {
            200: Reply(
                "For a program: the addresses of the docs, the token endpoint and more.", Index
            ),
            303: Reply(
                "For a browser (`Accept: text/html`): to the sign-in page, or, signed in, to "
                "the person's pages.",
                headers={"Location": "`/accounts/login/?next=/` or `/accounts/`."},
            ),
        },
        public=True,
    ),
    Operation(
        "get",
        "/healthz",
        "healthz",
        "Liveness",
        "service",
        {200: Reply("The process answers.", Health)},
        public=True,
        description="Asks nothing of the database or the broker: for a process supervisor.",
    ),
    Operation(
        "get",
        "/readyz",
        "readyz",
        "Readiness",
        "service",
        {
            200: Reply("Ready: every check is ok.", ReadinessState),
            503: Reply("Not ready: the checks say which is not, and what to do.", ReadinessState),
        },
        public=True,
        description="The database answers and is at the newest schema revision, the broker "
        "answers, and a worker's heartbeat is fresh (within three `AUTOPOST_HEARTBEAT_SECONDS`; "
        "in the embedded mode, the heartbeat of the worker inside this process).",
    ),
    Operation(
        "get",
        "/health/",
        "health",
        "Liveness (the older address of `/healthz`)",
        "service",
        {200: Reply("Autopost answers.", Health)},
        public=True,
    ),
    Operation(
        "get",
        "/api/schema/",
        "api_schema",
        "This document",
        "service",
        {200: Reply("The OpenAPI 3.1 document.", dict[str, Any])},
        public=True,
    ),
    Operation(
        "get",
        "/api/docs/",
        "api_docs",
        "This document as a web page",
        "service",
        {200: Reply("A page that loads nothing from elsewhere.", str, "text/html")},
        public=True,
    ),
    Operation(
        "post",
        "/api/v1/api-token-auth/",
        "api_token_auth",
        "Get an API token",
        "service",
        {
            200: Reply("The user's token.", Token),
            400: INVALID,
            429: Reply(
                "Too many failed sign-ins from this address, or a failed one from it on an "
                "account that has had too many: refused for a while (`non_field_errors` "
                "says so).",
                FieldErrors,
                headers={"Retry-After": "Seconds until it may be tried again."},
            ),
        },
        body=TokenAuthIn,
        example={"username": "admin", "password": "a long passphrase"},
        public=True,
        description="`username` may also be the e-mail address. Failures count with "
        "`/accounts/api/login/`'s: five in 15 minutes from one address lock it for 15 minutes; "
        "five on one account refuse the addresses they came from and make every other "
        "address's answer wait (1 s, doubling up to 4 s), here and there. Send the token as "
        "`Authorization: Token <token>` on every other call.",
    ),
)
