"""What platform calls the sandbox received, for tests to look at. Never holds a token or a
client secret."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SECRET_PARAMS = frozenset({"access_token", "client_secret"})


@dataclass
class LoggedRequest:
    method: str
    path: str
    params: dict[str, str]
    status: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "path": self.path,
            "params": self.params,
            "status": self.status,
        }


class RequestLog:
    def __init__(self) -> None:
        self.entries: list[LoggedRequest] = []

    def record(self, method: str, path: str, params: dict[str, str]) -> LoggedRequest:
        entry = LoggedRequest(
            method, path, {k: v for k, v in params.items() if k not in SECRET_PARAMS}
        )
        self.entries.append(entry)
        return entry

    def clear(self) -> None:
        self.entries.clear()
