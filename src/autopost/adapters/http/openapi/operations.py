"""Every route of the HTTP app, described once, by area. ``test_api_schema`` fails when a
route of the app is not here or a path here is no route: add a route, describe it here."""

from __future__ import annotations

from autopost.adapters.http.openapi.account_operations import ACCOUNT_OPERATIONS
from autopost.adapters.http.openapi.accounts_operations import ACCOUNTS_OPERATIONS
from autopost.adapters.http.openapi.approval_operations import APPROVAL_OPERATIONS
from autopost.adapters.http.openapi.idempotent_operations import with_idempotency_keys
from autopost.adapters.http.openapi.insights_operations import INSIGHTS_OPERATIONS
from autopost.adapters.http.openapi.instagram_operations import INSTAGRAM_OPERATIONS
from autopost.adapters.http.openapi.integration_key_operations import (
    INTEGRATION_KEY_OPERATIONS,
)
from autopost.adapters.http.openapi.library_operations import LIBRARY_OPERATIONS
from autopost.adapters.http.openapi.operation import Operation
from autopost.adapters.http.openapi.pinterest_operations import PINTEREST_OPERATIONS
from autopost.adapters.http.openapi.queue_operations import QUEUE_OPERATIONS
from autopost.adapters.http.openapi.report_operations import REPORT_OPERATIONS
from autopost.adapters.http.openapi.scheduling_operations import SCHEDULING_OPERATIONS
from autopost.adapters.http.openapi.series_operations import SERIES_OPERATIONS
from autopost.adapters.http.openapi.service_operations import SERVICE_OPERATIONS
from autopost.adapters.http.openapi.sign_in_operations import SIGN_IN_OPERATIONS
from autopost.adapters.http.openapi.webhook_operations import WEBHOOK_OPERATIONS

OPERATIONS: tuple[Operation, ...] = with_idempotency_keys(
    *SERVICE_OPERATIONS,
    *SCHEDULING_OPERATIONS,
    *APPROVAL_OPERATIONS,
    *SERIES_OPERATIONS,
    *ACCOUNT_OPERATIONS,
    *ACCOUNTS_OPERATIONS,
    *PINTEREST_OPERATIONS,
    *QUEUE_OPERATIONS,
    *REPORT_OPERATIONS,
    *INSTAGRAM_OPERATIONS,
    *INSIGHTS_OPERATIONS,
    *SIGN_IN_OPERATIONS,
    *INTEGRATION_KEY_OPERATIONS,
    *WEBHOOK_OPERATIONS,
    *LIBRARY_OPERATIONS,
)
