"""The signed-in user's own pages: profile, edit profile (and password), settings."""

from __future__ import annotations

from typing import Any, Protocol

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from autopost.adapters.http.auth import AuthenticatedUser, acting
from autopost.adapters.http.i18n import localized
from autopost.adapters.http.pages.forms import read_form, signed_in_only, text
from autopost.adapters.http.pages.notification_pages import notification_context
from autopost.adapters.http.pages.notification_pages import services as notification_services
from autopost.adapters.http.pages.rendering import back_to, render
from autopost.adapters.http.refusal_fields import field_errors
from autopost.adapters.http.services import ServicesOf
from autopost.application.messages import Message
from autopost.application.people.errors import PasswordTooWeak
from autopost.application.people.user_changes import UpdateUser, UserChanges
from autopost.application.people.user_settings import (
    ChangePassword,
    GetUserSettings,
    PasswordChange,
    SettingsChanges,
    UpdateUserSettings,
)
from autopost.application.people.users import GetUser
from autopost.domain.errors import Refused
from autopost.domain.user import SECRET_SETTINGS


class ProfilePageServices(Protocol):
    def change_password(self) -> ChangePassword: ...
    def get_user(self) -> GetUser: ...
    def get_user_settings(self) -> GetUserSettings: ...
    def update_user(self) -> UpdateUser: ...
    def update_user_settings(self) -> UpdateUserSettings: ...


services = ServicesOf[ProfilePageServices]("profile_pages")

PROFILE_FORM = ("first_name", "last_name", "email", "telegram_username")
URL_SETTINGS = ("huntflow_prod_url", "huntflow_sandbox_url", "interviewer_calendar_url")
SECRET_LABELS = {
    "instagram_access_token": "Instagram access token",
    "pinterest_access_token": "Pinterest access token",
    "gemini_api_key": "Gemini API key",
    "clickup_api_key": "ClickUp API key",
    "notion_integration_token": "Notion integration token",
    "huntflow_prod_api_key": "Huntflow production API key",
    "huntflow_sandbox_api_key": "Huntflow sandbox API key",
}


def _own_id(request: Request) -> int:
    user: AuthenticatedUser = request.user
    assert user.user.id is not None
    return user.user.id


@signed_in_only
async def profile(request: Request) -> Response:
    view = await services(request).get_user().execute(acting(request), _own_id(request))
    return render(request, "profile.html", profile=view, notice=request.query_params.get("done"))


@signed_in_only
async def edit_profile(request: Request) -> Response:
    actor, own_id = acting(request), _own_id(request)
    if request.method == "POST":
        form = await read_form(request)
        changes = UserChanges(fields={name: text(form, name) for name in PROFILE_FORM})
        try:
            await services(request).update_user().execute(actor, own_id, changes)
        except Refused as refused:
            view = await services(request).get_user().execute(actor, own_id)
            problems = localized(request, field_errors(refused))
            return render(request, "profile_edit.html", 400, profile=view, problems=problems)
        return back_to("/accounts/?done=Profile+saved")
    view = await services(request).get_user().execute(actor, own_id)
    return render(request, "profile_edit.html", profile=view)


@signed_in_only
async def change_password(request: Request) -> Response:
    principal = request.user.principal
    form = await read_form(request)
    change = PasswordChange(
        text(form, "old_password") or None,
        text(form, "new_password") or None,
        text(form, "new_password_confirm") or None,
        session_id=principal.session_id,
        token_id=principal.token_id,
    )
    try:
        await services(request).change_password().execute(acting(request), change)
    except Refused as refused:
        view = await services(request).get_user().execute(acting(request), _own_id(request))
        field = "new_password" if isinstance(refused, PasswordTooWeak) else None
        problems = localized(request, field_errors(refused, field))
        return render(request, "profile_edit.html", 400, profile=view, problems=problems)
    done = localized(request, Message.PASSWORD_CHANGED.value)
    view = await services(request).get_user().execute(acting(request), _own_id(request))
    return render(request, "profile.html", profile=view, notice=done)


def _settings_changes(form: dict[str, str], removed: list[str]) -> SettingsChanges:
    fields: dict[str, str | bool] = {name: form.get(name, "") for name in URL_SETTINGS}
    fields["active_system"] = form.get("active_system", "sandbox")
    fields["is_observer_active"] = form.get("is_observer_active") == "true"
    if "time_zone" in form:  # the desk's times; an empty field is UTC again
        fields["time_zone"] = form["time_zone"] or "UTC"
    # An empty field keeps the saved key: the page never shows keys, so it cannot send them back.
    secrets = {name: form[name] for name in SECRET_SETTINGS if form.get(name)}
    secrets.update({name: "" for name in removed if name in SECRET_SETTINGS})
    return SettingsChanges(fields=fields, secrets=secrets)


# What the settings page says after a change made on another address.
SETTINGS_NOTICES = ("Notifications saved", "Telegram unlinked")


async def _settings(request: Request, status: int = 200, **extra: Any) -> Response:
    """The settings page; ``extra``: what this request adds (problems, a notice, a code)."""
    labels = [(name, SECRET_LABELS[name]) for name in SECRET_SETTINGS]
    if "settings" not in extra:
        extra["settings"] = await services(request).get_user_settings().execute(acting(request))
    extra.update(await notification_context(request))
    return render(request, "profile_settings.html", status, secret_fields=labels, **extra)


@signed_in_only
async def settings_page(request: Request) -> Response:
    actor = acting(request)
    if request.method == "POST":
        form = await read_form(request)
        values = {k: v.strip() for k, v in form.items() if isinstance(v, str)}
        removed = [v for v in form.getlist("remove") if isinstance(v, str)]
        try:
            view = (
                await services(request)
                .update_user_settings()
                .execute(actor, _settings_changes(values, removed))
            )
        except Refused as refused:
            problems = localized(request, field_errors(refused))
            return await _settings(request, 400, problems=problems)
        return await _settings(request, settings=view, notice="Saved")
    done = request.query_params.get("done")
    return await _settings(request, notice=done if done in SETTINGS_NOTICES else None)


@signed_in_only
async def telegram_code(request: Request) -> Response:
    """A new one-time code to send the bot: shown on this answer only."""
    await read_form(request)
    code, _ = await notification_services(request).issue_telegram_code().execute(acting(request))
    return await _settings(request, telegram_code=code)


routes = [
    Route("/accounts/", profile, methods=["GET"]),
    Route("/accounts/edit/", edit_profile, methods=["GET", "POST"]),
    Route("/accounts/edit/password/", change_password, methods=["POST"]),
    Route("/accounts/settings/", settings_page, methods=["GET", "POST"]),
    Route("/accounts/settings/telegram-code/", telegram_code, methods=["POST"]),
]
