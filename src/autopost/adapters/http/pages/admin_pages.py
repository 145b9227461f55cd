"""``/accounts/users/``: users, their groups and the audit log, for administrators (the use
cases refuse anyone else: 403)."""

from __future__ import annotations

from typing import Protocol

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from autopost.adapters.http.auth import acting
from autopost.adapters.http.pages.forms import read_form, signed_in_only, text
from autopost.adapters.http.pages.rendering import back_to, render
from autopost.adapters.http.refusal_fields import on_field
from autopost.adapters.http.services import ServicesOf
from autopost.application.people.audit_listing import ListAuditEntries
from autopost.application.people.errors import UnknownGroups
from autopost.application.people.groups import ListGroups
from autopost.application.people.user_changes import AssignGroups
from autopost.application.people.users import ListUsers, UserStats
from autopost.application.ports.user_repository import UserQuery
from autopost.domain.errors import NotFound


class AdminPageServices(Protocol):
    def assign_groups(self) -> AssignGroups: ...
    def list_audit_entries(self) -> ListAuditEntries: ...
    def list_groups(self) -> ListGroups: ...
    def list_users(self) -> ListUsers: ...
    def user_stats(self) -> UserStats: ...


services = ServicesOf[AdminPageServices]("admin_pages")

PAGE_SIZE = 100
AUDIT_SHOWN = 50


@signed_in_only
async def users_page(request: Request) -> Response:
    actor = acting(request)
    if request.method == "POST":
        form = await read_form(request)
        user_id = text(form, "user_id")
        if not user_id.isdigit():
            raise NotFound("user", user_id)
        group_ids = [
            int(g) for g in form.getlist("group_ids") if isinstance(g, str) and g.isdigit()
        ]
        try:
            await services(request).assign_groups().execute(actor, int(user_id), group_ids)
        except UnknownGroups as unknown:
            raise on_field(unknown, "group_ids") from None
        return back_to("/accounts/users/")
    search = request.query_params.get("search", "")
    _, users = (
        await services(request)
        .list_users()
        .execute(actor, UserQuery(search=search, limit=PAGE_SIZE))
    )
    groups = await services(request).list_groups().execute(actor)
    stats = await services(request).user_stats().execute(actor)
    _, audit = await services(request).list_audit_entries().execute(actor, AUDIT_SHOWN, 0)
    return render(request, "users.html", users=users, groups=groups, stats=stats, audit=audit)


routes = [Route("/accounts/users/", users_page, methods=["GET", "POST"])]
