"""What the queue, approval and accounts pages say after a form: a notice named in the
address the form sends back to (``?done=``: only the catalogue's notices, never text from
the address), or the refusal in words on the page itself."""

from __future__ import annotations

from collections.abc import Mapping

from starlette.requests import Request
from starlette.responses import Response

from autopost.adapters.http.i18n import localized
from autopost.adapters.http.pages.rendering import back_to, render
from autopost.adapters.http.refusal_fields import NON_FIELD, field_errors
from autopost.application.messages import Message
from autopost.application.ports.platform_errors import PlatformError
from autopost.domain.errors import Conflict, PermissionDenied, Refused

NOTICES: Mapping[str, Message] = {
    "approved": Message.POST_APPROVED,
    "returned": Message.POST_RETURNED,
    "slots": Message.SLOTS_SAVED,
    "reordered": Message.QUEUE_REORDERED,
    "shuffled": Message.QUEUE_SHUFFLED,
    "disconnected": Message.ACCOUNT_DISCONNECTED,
    "approval": Message.APPROVAL_SETTING_SAVED,
    "refreshed": Message.BOARDS_REFRESHED,
    "boards": Message.BOARDS_SAVED,
    "default-board": Message.DEFAULT_BOARD_SAVED,
    "synced": Message.MEDIA_SYNCED,
    "replied": Message.REPLY_SENT,
    "hidden": Message.COMMENT_HIDDEN,
    "shown": Message.COMMENT_SHOWN,
    "deleted": Message.COMMENT_DELETED,
    "comments": Message.COMMENTS_REFRESHED,
    "uploaded": Message.FILE_UPLOADED,
    "file-deleted": Message.FILE_DELETED,
}

# What a page catches from a form's use case and shows in words; anything else (not found,
# not allowed) is answered as on every page.
SHOWN = (Refused, Conflict, PlatformError)


def notice(request: Request) -> str | None:
    found = NOTICES.get(request.query_params.get("done", ""))
    return None if found is None else localized(request, found.value)


def done(path: str, what: str) -> Response:
    """Back to the page by GET, saying ``what`` was done (a key of ``NOTICES``); ``path`` may
    carry a query of its own."""
    assert what in NOTICES
    joint = "&" if "?" in path else "?"
    return back_to(f"{path}{joint}done={what}")


def problems(request: Request, error: Exception) -> dict[str, list[str]]:
    """``error`` (one of ``SHOWN``) in words, by field."""
    if isinstance(error, Refused):
        found = field_errors(error)
    elif isinstance(error, PlatformError):
        found = {NON_FIELD: [error.message]}
    else:
        words = str(error)
        found = {NON_FIELD: [words[:1].upper() + words[1:]]}
    return localized(request, found)  # type: ignore[no-any-return]


def status_of(error: Exception) -> int:
    if isinstance(error, Conflict):
        return 409
    if isinstance(error, PlatformError):
        return 502
    return 400


def forbidden(request: Request, refused: PermissionDenied) -> Response:
    """The "not allowed" page, saying which rule refused."""
    return render(request, "forbidden.html", 403, why=str(refused))
