"""``/api/audit/``: who changed what and when, newest first, for administrators."""

from __future__ import annotations

from typing import Protocol

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from autopost.adapters.http.answers.people import AuditPage
from autopost.adapters.http.auth import acting
from autopost.adapters.http.pages_of import page_response, wanted_page
from autopost.adapters.http.services import ServicesOf
from autopost.adapters.http.user_json import audit_json
from autopost.application.people.audit_listing import ListAuditEntries


class AuditServices(Protocol):
    def list_audit_entries(self) -> ListAuditEntries: ...


services = ServicesOf[AuditServices]("audit")


async def list_audit(request: Request) -> Response:
    wanted = wanted_page(request)
    total, entries = (
        await services(request)
        .list_audit_entries()
        .execute(acting(request), wanted.size, wanted.offset)
    )
    return page_response(request, wanted, AuditPage, total, [audit_json(e) for e in entries])


routes = [Route("/api/audit/", list_audit, methods=["GET"])]
