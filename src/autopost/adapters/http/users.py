"""``/api/users/``: the earlier API's users endpoint. Who may do what is the use cases' business."""

from __future__ import annotations

from typing import Protocol

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from autopost.adapters.http.account_schemas import (
    AssignGroupsIn,
    NewUserIn,
    PasswordChangeIn,
    SettingsIn,
    UserIn,
)
from autopost.adapters.http.answers.people import MessageAnswer, UserPage
from autopost.adapters.http.auth import AuthenticatedUser, acting
from autopost.adapters.http.i18n import localized
from autopost.adapters.http.pages_of import page_response, wanted_page
from autopost.adapters.http.refusal_fields import on_field
from autopost.adapters.http.request_body import path_id, read
from autopost.adapters.http.services import ServicesOf
from autopost.adapters.http.storable_text import text_errors
from autopost.adapters.http.user_json import settings_json, stats_json, user_json
from autopost.application.messages import Message
from autopost.application.people.errors import PasswordTooWeak, UnknownGroups
from autopost.application.people.user_changes import AssignGroups, CreateUser, NewUser, UpdateUser
from autopost.application.people.user_settings import (
    ChangePassword,
    GetUserSettings,
    PasswordChange,
    UpdateUserSettings,
)
from autopost.application.people.users import DeleteUser, GetUser, ListUsers, UserStats, UserView
from autopost.application.ports.user_repository import USER_ORDERINGS, UserQuery
from autopost.domain.errors import ValidationFailed


class UserServices(Protocol):
    def assign_groups(self) -> AssignGroups: ...
    def change_password(self) -> ChangePassword: ...
    def create_user(self) -> CreateUser: ...
    def delete_user(self) -> DeleteUser: ...
    def get_user(self) -> GetUser: ...
    def get_user_settings(self) -> GetUserSettings: ...
    def list_users(self) -> ListUsers: ...
    def update_user(self) -> UpdateUser: ...
    def update_user_settings(self) -> UpdateUserSettings: ...
    def user_stats(self) -> UserStats: ...


services = ServicesOf[UserServices]("users")

DEFAULT_ORDERING = "username"


def _ordering(request: Request) -> str:
    """``?ordering=`` (a field, ``-`` before it for descending); one Autopost cannot order by
    is a 400 that lists those it can, rather than a silently different order."""
    term = request.query_params.get("ordering", "").strip()
    if not term:
        return DEFAULT_ORDERING
    if term.removeprefix("-") not in USER_ORDERINGS:
        allowed = ", ".join(f"{name}, -{name}" for name in USER_ORDERINGS)
        raise ValidationFailed({"ordering": [f"Order by one of: {allowed}."]})
    return term


def _view_json(view: UserView) -> JSONResponse:
    return JSONResponse(user_json(view.user, view.groups).model_dump(mode="json"))


def _own_id(request: Request) -> int:
    user_id = acting(request).user_id
    assert user_id is not None, "a signed-in request acts as a user"
    return user_id


async def list_users(request: Request) -> Response:
    search = request.query_params.get("search", "").strip()
    unstorable = text_errors({"search": search})
    if unstorable:
        raise ValidationFailed(unstorable)
    wanted = wanted_page(request)
    query = UserQuery(search, _ordering(request), wanted.size, wanted.offset)
    total, views = await services(request).list_users().execute(acting(request), query)
    users = [user_json(v.user, v.groups) for v in views]
    return page_response(request, wanted, UserPage, total, users)


async def create_user(request: Request) -> Response:
    data = await read(request, NewUserIn)
    new = NewUser(data.password, data.password_confirm, data.user_changes())
    view = await services(request).create_user().execute(acting(request), new)
    return JSONResponse(user_json(view.user, view.groups).model_dump(mode="json"), status_code=201)


async def user_detail(request: Request) -> Response:
    user_id = path_id(request, "user_id")
    actor = acting(request)
    match request.method:
        case "GET":
            return _view_json(await services(request).get_user().execute(actor, user_id))
        case "DELETE":
            await services(request).delete_user().execute(actor, user_id)
            return Response(status_code=204)
    changes = (await read(request, UserIn)).user_changes()
    return _view_json(await services(request).update_user().execute(actor, user_id, changes))


async def profile(request: Request) -> Response:
    actor = acting(request)
    if request.method == "GET":
        return _view_json(await services(request).get_user().execute(actor, _own_id(request)))
    changes = (await read(request, UserIn)).user_changes()
    view = await services(request).update_user().execute(actor, _own_id(request), changes)
    return _view_json(view)


async def change_password(request: Request) -> Response:
    data = await read(request, PasswordChangeIn)
    signed_in = request.user
    assert isinstance(signed_in, AuthenticatedUser), "behind RequireAuthentication"
    principal = signed_in.principal
    change = PasswordChange(
        data.old_password,
        data.new_password,
        data.new_password_confirm,
        session_id=principal.session_id,
        token_id=principal.token_id,
    )
    try:
        await services(request).change_password().execute(principal.actor, change)
    except PasswordTooWeak as weak:
        raise on_field(weak, "new_password") from None
    answer = MessageAnswer(message=localized(request, Message.PASSWORD_CHANGED))
    return JSONResponse(answer.model_dump(mode="json"))


async def user_settings(request: Request) -> Response:
    actor = acting(request)
    if request.method == "GET":
        view = await services(request).get_user_settings().execute(actor)
    else:
        changes = (await read(request, SettingsIn)).settings_changes()
        view = await services(request).update_user_settings().execute(actor, changes)
    return JSONResponse(settings_json(view.user, view.secrets_set).model_dump(mode="json"))


async def assign_groups(request: Request) -> Response:
    user_id = path_id(request, "user_id")
    data = await read(request, AssignGroupsIn)
    try:
        await services(request).assign_groups().execute(acting(request), user_id, data.group_ids)
    except UnknownGroups as unknown:
        raise on_field(unknown, "group_ids") from None
    answer = MessageAnswer(message=localized(request, Message.GROUPS_ASSIGNED))
    return JSONResponse(answer.model_dump(mode="json"))


async def user_stats(request: Request) -> Response:
    stats = await services(request).user_stats().execute(acting(request))
    return JSONResponse(stats_json(stats).model_dump(mode="json"))


# The named actions first: ``{user_id:int}`` would not match them anyway, but reading the
# list top to bottom should tell the same.
routes = [
    Route("/api/users/", list_users, methods=["GET"]),
    Route("/api/users/", create_user, methods=["POST"]),
    Route("/api/users/profile/", profile, methods=["GET", "PUT"]),
    Route("/api/users/change-password/", change_password, methods=["POST"]),
    Route("/api/users/settings/", user_settings, methods=["GET", "PUT"]),
    Route("/api/users/stats/", user_stats, methods=["GET"]),
    Route("/api/users/{user_id:int}/", user_detail, methods=["GET", "PUT", "PATCH", "DELETE"]),
    Route("/api/users/{user_id:int}/assign-groups/", assign_groups, methods=["POST"]),
]
