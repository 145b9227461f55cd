"""Meta's rate-limit bookkeeping: calls in the last hour, per app and per Instagram account.

Every Graph answer carries ``x-app-usage`` and, once the account is known,
``x-business-use-case-usage``: the share of the hourly limit used, in percent. A call past the
app limit is refused with code 4, one past an account's limit with code 80002 and a positive
``estimated_time_to_regain_access`` (minutes).
"""

from __future__ import annotations

import json
import math
from collections import deque
from datetime import datetime, timedelta

from autopost.sandbox.graph_errors import GraphError

WINDOW = timedelta(hours=1)


class CallWindow:
    def __init__(self) -> None:
        self._calls: deque[datetime] = deque()

    def record(self, now: datetime) -> None:
        self._calls.append(now)

    def count(self, now: datetime) -> int:
        while self._calls and self._calls[0] <= now - WINDOW:
            self._calls.popleft()
        return len(self._calls)

    def percent(self, now: datetime, limit: int) -> int:
        return self.count(now) * 100 // max(limit, 1)

    def minutes_to_regain(self, now: datetime, limit: int) -> int:
        count = self.count(now)
        if count <= limit:
            return 0
        # The next call is allowed once all but limit - 1 of these calls have left the window.
        leaving = self._calls[min(count - limit, count - 1)]
        return max(1, math.ceil((leaving + WINDOW - now).total_seconds() / 60))


class UsageMeter:
    def __init__(self) -> None:
        self.app = CallWindow()
        self.accounts: dict[str, CallWindow] = {}

    def account(self, ig_user_id: str) -> CallWindow:
        return self.accounts.setdefault(ig_user_id, CallWindow())

    def headers(
        self, now: datetime, app_limit: int, account_limit: int, ig_user_id: str | None
    ) -> dict[str, str]:
        app = self.app.percent(now, app_limit)
        headers = {
            "x-app-usage": _compact({"call_count": app, "total_cputime": app, "total_time": app})
        }
        if ig_user_id is not None:
            window = self.account(ig_user_id)
            used = window.percent(now, account_limit)
            entry = {
                "type": "instagram",
                "call_count": used,
                "total_cputime": used,
                "total_time": used,
                "estimated_time_to_regain_access": window.minutes_to_regain(now, account_limit),
            }
            headers["x-business-use-case-usage"] = _compact({ig_user_id: [entry]})
        return headers


def limit_reached_headers(
    account_wide: bool, ig_user_id: str | None, minutes: int
) -> dict[str, str]:
    """The usage header Meta sends with a rate-limit refusal: the app's usage at 100 % (codes
    4, 17), or the account's with the minutes until it regains access (32, 613, 80002)."""
    full = {"call_count": 100, "total_cputime": 100, "total_time": 100}
    if not account_wide or ig_user_id is None:
        return {"x-app-usage": _compact(full)}
    entry = {"type": "instagram", **full, "estimated_time_to_regain_access": max(1, minutes)}
    return {"x-business-use-case-usage": _compact({ig_user_id: [entry]})}


def app_limit_reached() -> GraphError:
    return GraphError("(#4) Application request limit reached", code=4, is_transient=True)


def account_limit_reached() -> GraphError:
    return GraphError(
        "There have been too many calls to this Instagram account. Wait a bit and try again. For "
        "more info, please refer to https://developers.facebook.com/docs/graph-api/overview/"
        "rate-limiting.",
        code=80002,
        is_transient=True,
    )


def _compact(value: object) -> str:
    return json.dumps(value, separators=(",", ":"))
