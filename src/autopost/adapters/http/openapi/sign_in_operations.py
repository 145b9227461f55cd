"""Signing in and out: the earlier JSON API, and signing in with Google."""

from __future__ import annotations

from autopost.adapters.http.answers.service import LoginRefused, Refused, SignedIn, Succeeded
from autopost.adapters.http.google_sign_in import CALLBACK_PATH, DEBUG_PAGES, START_PATH
from autopost.adapters.http.openapi.operation import (
    CONNECT_REFUSED,
    NOT_FOUND,
    NOT_SET_UP,
    OAUTH_ANSWER,
    Operation,
    Reply,
)
from autopost.adapters.http.sign_in import LOGIN_PATH, LOGOUT_PATH, LoginIn

SESSION_COOKIES = {
    "Set-Cookie": "`autopost_session` (HttpOnly) and `csrftoken` (for `X-CSRFToken`), both "
    "SameSite=Lax, Path=/, Secure over HTTPS.",
}
REFUSED = Reply(
    "Wrong username or password, or neither given; `errors` names a field whose text cannot "
    "be stored (a NUL character or a lone surrogate).",
    LoginRefused,
)
NOT_JSON = Reply("The body was not `application/json`.", Refused)
THROTTLED = Reply(
    "Too many failed sign-ins from this address, or a failed one from it on an account that "
    "has had too many: refused for a while.",
    Refused,
    headers={"Retry-After": "Seconds until it may be tried again."},
)
DEBUG_ONLY = "Only when `AUTOPOST_DEBUG` is on (a 404 otherwise); never shows the client secret."

SIGN_IN_OPERATIONS = (
    Operation(
        "post",
        LOGIN_PATH,
        "login",
        "Sign in",
        "sign-in",
        {
            200: Reply(
                "Signed in: the session's cookies are set.", SignedIn, headers=SESSION_COOKIES
            ),
            400: REFUSED,
            415: NOT_JSON,
            429: THROTTLED,
        },
        body=LoginIn,
        example={"username": "admin", "password": "a long passphrase"},
        public=True,
        description="`username` may also be the e-mail address. Five failures in 15 minutes "
        "lock the account, and the address they came from, for 15 minutes. Browsers then "
        "send the session cookie; an unsafe request made with it must repeat the `csrftoken` "
        "cookie's value in `X-CSRFToken`.",
    ),
    Operation(
        "post",
        LOGOUT_PATH,
        "logout",
        "Sign out",
        "sign-in",
        {200: Reply("The session is ended and its cookies removed.", Succeeded)},
        public=True,
        description="Ends the session the cookie names, on the server: the cookie opens "
        "nothing afterwards. Without a session it answers the same.",
    ),
    Operation(
        "get",
        START_PATH,
        "google_sign_in",
        "Sign in with Google",
        "sign-in",
        {
            302: Reply("To Google's consent page.", headers={"Location": "Its address."}),
            503: NOT_SET_UP,
        },
        public=True,
    ),
    Operation(
        "get",
        CALLBACK_PATH,
        "google_sign_in_callback",
        "Google's answer to the consent page",
        "sign-in",
        {
            302: Reply(
                "Signed in: to `/accounts/`, the session's cookies set.",
                headers={"Location": "`/accounts/`.", **SESSION_COOKIES},
            ),
            400: CONNECT_REFUSED,
        },
        params=OAUTH_ANSWER,
        public=True,
        description="A verified Google e-mail address signs in the user who has it, or "
        "makes a new user (an Observer). An unverified one is refused.",
    ),
    *(
        Operation(
            "get",
            path,
            f"{path.strip('/').split('/')[-1].replace('-', '_')}_page",
            title,
            "sign-in",
            {200: Reply("The page.", str, "text/html"), 404: NOT_FOUND},
            public=True,
            description=DEBUG_ONLY,
            debug_only=True,
        )
        for path, (title, _) in DEBUG_PAGES.items()
    ),
)
