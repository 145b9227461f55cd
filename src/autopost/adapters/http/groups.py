"""``/api/groups/``: the earlier API's groups, read-only: the roles and their permissions."""

from __future__ import annotations

from typing import Protocol

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from autopost.adapters.http.auth import acting
from autopost.adapters.http.request_body import path_id
from autopost.adapters.http.services import ServicesOf
from autopost.adapters.http.user_json import group_json
from autopost.application.people.groups import GetGroup, ListGroups


class GroupServices(Protocol):
    def get_group(self) -> GetGroup: ...
    def list_groups(self) -> ListGroups: ...


services = ServicesOf[GroupServices]("groups")


async def list_groups(request: Request) -> Response:
    groups = await services(request).list_groups().execute(acting(request))
    return JSONResponse([group_json(g).model_dump(mode="json") for g in groups])


async def group_detail(request: Request) -> Response:
    group_id = path_id(request, "group_id")
    group = await services(request).get_group().execute(acting(request), group_id)
    return JSONResponse(group_json(group).model_dump(mode="json"))


routes = [
    Route("/api/groups/", list_groups, methods=["GET"]),
    Route("/api/groups/{group_id:int}/", group_detail, methods=["GET"]),
]
