"""Stand-ins for Meta's consent dialogs: they consent at once and send the person back.

``GET /facebook/dialog/oauth`` stands in for https://www.facebook.com/v24.0/dialog/oauth, where
the demo Facebook user grants the app access to their Pages; ``GET /instagram/oauth/authorize``
for https://www.instagram.com/oauth/authorize, where the demo Instagram account logs in (the
sandbox-only ``ig_user_id`` parameter names another account the sandbox knows). Both redirect to
``redirect_uri`` with ``code`` and ``state``, or with ``error=access_denied`` and
``error_reason=user_denied`` when asked to (``deny=1``, or the ``deny_*_consent`` settings).
A request the dialog cannot send back (an unknown app, no http(s) ``redirect_uri``) is answered
400 here, as Meta shows an error page instead of redirecting.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from urllib.parse import urlsplit

from starlette.datastructures import URL
from starlette.responses import RedirectResponse, Response

from autopost.sandbox.graph_errors import GraphError
from autopost.sandbox.instagram_login import PERMISSIONS
from autopost.sandbox.meta_login_sandbox import MetaLoginSandbox
from autopost.sandbox.meta_login_settings import DEMO_FACEBOOK_USER_ID
from autopost.sandbox.meta_login_state import CODE_LIFETIME, LoginCode, LoginKind
from autopost.sandbox.runtime import Sandbox
from autopost.sandbox.settings import DEMO_IG_USER_ID

FACEBOOK_SCOPE = "public_profile"
DENIED = {"error": "access_denied", "error_reason": "user_denied"}


def facebook_dialog(login: MetaLoginSandbox, params: Mapping[str, str], now: datetime) -> Response:
    settings = login.settings
    redirect_uri = _redirect_uri(params)
    if params.get("client_id") != settings.facebook_app_id:
        raise GraphError("Invalid App ID: the app is not known to the sandbox", code=101)
    denied = settings.deny_facebook_consent or _asks_to_deny(params)
    answer = _answer(params, denied, description="Permissions error")
    if "error" not in answer:
        code = LoginCode(
            LoginKind.FACEBOOK,
            DEMO_FACEBOOK_USER_ID,
            redirect_uri,
            params.get("scope") or FACEBOOK_SCOPE,
            now + CODE_LIFETIME,
        )
        answer["code"] = login.state.new_code(code)
    return _back(redirect_uri, answer, params)


def instagram_dialog(
    sandbox: Sandbox, login: MetaLoginSandbox, params: Mapping[str, str], now: datetime
) -> Response:
    settings = login.settings
    redirect_uri = _redirect_uri(params)
    if params.get("client_id") != settings.instagram_app_id:
        raise GraphError("Invalid platform app", code=400, type="OAuthException")
    ig_user_id = params.get("ig_user_id") or DEMO_IG_USER_ID
    if ig_user_id not in sandbox.instagram.state.accounts:
        raise GraphError(f"The sandbox knows no Instagram account {ig_user_id}", code=100)
    denied = settings.deny_instagram_consent or _asks_to_deny(params)
    answer = _answer(params, denied, description="The user denied your request.")
    if "error" not in answer:
        scope = params.get("scope") or PERMISSIONS
        code = LoginCode(LoginKind.INSTAGRAM, ig_user_id, redirect_uri, scope, now + CODE_LIFETIME)
        answer["code"] = login.state.new_code(code)
    return _back(redirect_uri, answer, params)


def _redirect_uri(params: Mapping[str, str]) -> str:
    redirect_uri = params.get("redirect_uri", "")
    parts = urlsplit(redirect_uri)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise GraphError("Invalid redirect_uri: it must be an http(s) URL", code=191)
    return redirect_uri


def _asks_to_deny(params: Mapping[str, str]) -> bool:
    return params.get("deny") in ("1", "true")


def _answer(params: Mapping[str, str], denied: bool, description: str) -> dict[str, str]:
    if params.get("response_type", "code") != "code":
        return {"error": "unsupported_response_type"}
    if denied:
        return {**DENIED, "error_description": description}
    return {}


def _back(redirect_uri: str, answer: dict[str, str], params: Mapping[str, str]) -> Response:
    if "state" in params:
        answer["state"] = params["state"]
    return RedirectResponse(str(URL(redirect_uri).include_query_params(**answer)), 302)
