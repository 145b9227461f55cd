"""The answers' models write what the API always wrote: the scheduling API's times with their
offset, the accounts API's in UTC with `Z`, keys left out rather than null where they always
were, and no key a model does not declare."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from autopost.adapters.http.answers.errors import FieldErrors
from autopost.adapters.http.answers.service import LoginRefused
from autopost.adapters.http.serializers import (
    board_json,
    comment_json,
    media_json,
    new_comment_json,
)
from autopost.adapters.http.user_json import audit_json
from autopost.domain.audit import AuditEntry
from autopost.domain.board import Board, BoardSource
from autopost.domain.instagram_media import Comment, InstagramMedia

pytestmark = pytest.mark.unit

MOSCOW = timezone(timedelta(hours=3))


def a_comment() -> Comment:
    return Comment(1, "17900", "Nice!", datetime(2030, 1, 1, 12, tzinfo=UTC), "fan", id=7)


def test_a_scheduling_answer_writes_a_time_with_its_offset() -> None:
    board = Board(1, "B1", "Travel", BoardSource.API, datetime(2030, 1, 1, 12, 0, 0, 5, UTC))
    written = board_json(board).model_dump(mode="json")
    assert written["refreshed_at"] == "2030-01-01T12:00:00.000005+00:00"


def test_an_accounts_answer_writes_a_time_in_utc_with_z() -> None:
    entry = AuditEntry(datetime(2030, 1, 1, 15, tzinfo=MOSCOW), "create", "post", "1", id=1)
    assert audit_json(entry).model_dump(mode="json")["at"] == "2030-01-01T12:00:00Z"


def test_a_comment_has_a_note_only_when_there_is_one_and_then_last() -> None:
    assert "note" not in new_comment_json(a_comment(), None).model_dump(mode="json")
    noted = new_comment_json(a_comment(), "username is ignored").model_dump(mode="json")
    assert list(noted) == [*comment_json(a_comment()).model_dump(mode="json"), "note"]
    assert noted["note"] == "username is ignored"


def test_a_refused_login_names_the_fields_only_when_some_are_to_blame() -> None:
    assert LoginRefused(message="No.").model_dump(mode="json") == {
        "success": False,
        "message": "No.",
    }
    blamed = LoginRefused(message="No.", errors=FieldErrors({"password": ["NUL"]}))
    assert blamed.model_dump(mode="json")["errors"] == {"password": ["NUL"]}


def test_an_answer_takes_no_key_its_model_does_not_declare() -> None:
    answer = comment_json(a_comment())
    with pytest.raises(ValidationError, match="extra"):
        type(answer).model_validate({**answer.model_dump(), "author_id": 3})


def test_a_free_form_value_reaches_the_json_encoder_as_it_was_stored() -> None:
    """The encoder refuses NaN, as it always did; pydantic alone would have sent null."""
    media = InstagramMedia(
        1, "17900", "IMAGE", datetime(2030, 1, 1, tzinfo=UTC), datetime(2030, 1, 1, tzinfo=UTC)
    )
    media.children = [{"x": math.nan, "y": 1e-05}]
    media.id = 3
    (child,) = media_json(media).model_dump(mode="json")["children"]
    assert math.isnan(child["x"]) and child["y"] == 1e-05
