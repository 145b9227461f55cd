"""``/accounts/api/test-<integration>/``: does a key work at its service?"""

from __future__ import annotations

from autopost.adapters.http.answers.errors import FieldErrors
from autopost.adapters.http.answers.service import Refused, Succeeded
from autopost.adapters.http.integration_keys import PATH, KeyTestIn
from autopost.adapters.http.openapi.operation import NOT_FOUND, Operation, Param, Reply
from autopost.application.integrations.integration_keys import INTEGRATIONS

INTEGRATION = Param(
    "integration",
    "path",
    {"type": "string", "enum": list(INTEGRATIONS)},
    "The service whose key to test.",
    "gemini",
)


INTEGRATION_KEY_OPERATIONS = (
    Operation(
        "post",
        PATH,
        "test_integration_key",
        "Test an integration key",
        "accounts",
        {
            200: Reply("The service accepted the key.", Succeeded),
            400: Reply(
                "The service refused the key, no key was given and none is saved, or bad "
                "input (messages by field; `api_url` must be Huntflow's prod or sandbox "
                "address).",
                Refused | FieldErrors,
            ),
            404: NOT_FOUND,
            502: Reply(
                "The service could not be reached or did not say whether the key works (no "
                "answer, down, busy, a wrong address): the key is not blamed; try again later.",
                Refused,
            ),
        },
        body=KeyTestIn,
        params=(INTEGRATION,),
        example={"api_key": "AIzaSy-an-example-key"},
        description="Asks the service with its cheapest call that needs the key. Without "
        "`api_key`, the key saved in the user's settings is tested. `api_url` and `system` "
        "(`prod` or `sandbox`) are Huntflow's: the key is sent only to the server's configured "
        "Huntflow prod or sandbox address (`AUTOPOST_HUNTFLOW_PROD_URL`, "
        "`AUTOPOST_HUNTFLOW_SANDBOX_URL`), so `api_url`, given or saved in the settings, must "
        "be one of them. The key is never shown or logged.",
    ),
)
