"""The pages of the Google sign-in emulator: the consent page, and the error page Google shows
for a request it cannot send back."""

from __future__ import annotations

from html import escape

from starlette.responses import HTMLResponse, Response

from autopost.sandbox.google_sign_in_state import GoogleAccount

AUTH_ADDRESS = "/google/o/oauth2/v2/auth"
CONSENT_FIELDS = (
    "client_id",
    "redirect_uri",
    "response_type",
    "scope",
    "state",
    "code_challenge",
    "code_challenge_method",
    "prompt",
)


def error_page(problem: str) -> Response:
    page = f"<!doctype html><title>Error</title><h1>Access blocked</h1><p>{escape(problem)}</p>"
    return HTMLResponse(page, status_code=400)


def consent_page(account: GoogleAccount, params: dict[str, str]) -> str:
    hidden = "".join(
        f'<input type="hidden" name="{name}" value="{escape(params[name])}">'
        for name in CONSENT_FIELDS
        if name in params
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in with Google (sandbox)</title></head>
<body><main>
<h1>Sign in with Google</h1>
<p>Continue as <strong>{escape(account.email)}</strong>
({escape(account.given_name)} {escape(account.family_name)})?</p>
<form method="post" action="{AUTH_ADDRESS}">{hidden}
<button type="submit" name="approve" value="1">Continue</button>
<button type="submit" name="deny" value="1">Cancel</button>
</form>
</main></body></html>"""
