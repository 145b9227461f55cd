"""A worker's own /metrics: the same token rules as the web server's."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from autopost.adapters.observability.metrics_server import MetricsServer

pytestmark = pytest.mark.integration

TOKEN = "worker-metrics-token-0123456789"


@pytest.fixture
def server() -> Iterator[str]:
    started = MetricsServer("127.0.0.1", 0, TOKEN)
    started.start()
    yield f"http://127.0.0.1:{started.port}"
    started.stop()


def test_a_workers_metrics_answer_only_its_token(server: str) -> None:
    assert httpx.get(f"{server}/metrics").status_code == 401
    wrong = httpx.get(f"{server}/metrics", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
    bearer = {"Authorization": f"Bearer {TOKEN}"}
    answer = httpx.get(f"{server}/metrics", headers=bearer)
    assert answer.status_code == 200
    assert "autopost_publication_lateness_seconds" in answer.text
    assert httpx.get(f"{server}/other", headers=bearer).status_code == 404
