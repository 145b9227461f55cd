"""``/api/v1/series/``: reading, changing and cancelling recurring posts."""

from __future__ import annotations

from autopost.adapters.http.answers.series import Series
from autopost.adapters.http.openapi.operation import (
    CONFLICT,
    INVALID,
    NO_CONTENT,
    NOT_FOUND,
    Operation,
    Reply,
    path_id,
)
from autopost.adapters.http.series import SeriesIn

SERIES_ID = path_id("series_id", "series")
SERIES = Reply("The series, with its occurrences ahead.", Series)

SERIES_OPERATIONS = (
    Operation(
        "get",
        "/api/v1/series/{series_id}/",
        "get_series",
        "Read a recurring post",
        "scheduling",
        {200: SERIES, 404: NOT_FOUND},
        params=(SERIES_ID,),
        description="Its rule and content, and its occurrences made so far that are ahead "
        "(up to `AUTOPOST_SERIES_HORIZON_WEEKS`) or still at work.",
    ),
    Operation(
        "patch",
        "/api/v1/series/{series_id}/",
        "edit_series",
        "Change a recurring post",
        "scheduling",
        {200: SERIES, 400: INVALID, 404: NOT_FOUND, 409: CONFLICT},
        body=SeriesIn,
        example={"caption": "Every Monday and Thursday", "repeat": {"weekdays": ["mon", "thu"]}},
        params=(SERIES_ID,),
        description="Only the fields sent change. The occurrences to come that were not edited "
        "on their own follow; under a new rule, those at a time it no longer gives are "
        "cancelled. One occurrence is changed alone at /api/v1/posts/{id}/.",
    ),
    Operation(
        "delete",
        "/api/v1/series/{series_id}/",
        "cancel_series",
        "Cancel a recurring post",
        "scheduling",
        {204: NO_CONTENT, 404: NOT_FOUND, 409: CONFLICT},
        params=(SERIES_ID,),
        description="Its occurrences to come are cancelled; those published stay. Cancelling a "
        "cancelled series is harmless.",
    ),
)
