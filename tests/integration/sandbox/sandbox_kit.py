"""What the sandbox tests share: a clock they move by hand, the demo account's Graph address and
header, how an error answer is read, and where the contract files are."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from tests.ci_requirements import unavailable

from autopost.sandbox.settings import DEMO_ACCESS_TOKEN, DEMO_IG_USER_ID

START = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
AUTH = {"Authorization": f"Bearer {DEMO_ACCESS_TOKEN}"}
USER = f"/v24.0/{DEMO_IG_USER_ID}"


class FakeClock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def error_of(response: httpx.Response, status: int | None = None) -> dict[str, Any]:
    """Graph's ``error`` object of a refusal: any 4xx/5xx, or exactly ``status``."""
    if status is None:
        assert response.status_code >= 400, response.text
    else:
        assert response.status_code == status, response.text
    error: dict[str, Any] = response.json()["error"]
    return error


def traced_error_of(response: httpx.Response) -> dict[str, Any]:
    """Graph's ``error`` object of a refusal, which must carry an ``fbtrace_id``."""
    error = error_of(response)
    assert error["fbtrace_id"]
    return error


def contract_file(*parts: str) -> Path | None:
    """The file ``parts`` names in a ``contracts`` or ``shared/contracts`` folder beside any
    folder above this one, or None when the contract files are not beside the repo."""
    for root in Path(__file__).resolve().parents:
        for candidate in (root / "contracts", root / "shared" / "contracts"):
            if candidate.joinpath(*parts).is_file():
                return candidate.joinpath(*parts)
    return None


def required_contract_file(*parts: str) -> Path:
    """The contract file ``parts`` names; the test is skipped, or fails in CI, without it."""
    found = contract_file(*parts)
    if found is None:
        unavailable(
            f"the contract file {'/'.join(parts)} is not in a contracts or shared/contracts "
            "folder beside the repo (../shared/contracts)"
        )
    return found


def graph_contracts(node: str) -> Path:
    """The folder of the Graph node specs, which must hold ``node``'s."""
    return required_contract_file("instagram-graph", f"{node}.json").parent
