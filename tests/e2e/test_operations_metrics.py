"""`autopost serve` as its operators watch it: /metrics read while a burst is published, and
the log as JSON lines, each with its context, none with a secret."""

from __future__ import annotations

import json
from typing import Any

import httpx
from prometheus_client.parser import text_string_to_metric_families

from tests.e2e.conftest import IG_TOKEN, Sandbox, StartServer, soon
from tests.e2e.processes import wait_until

METRICS_TOKEN = "e2e-metrics-token-0123456789abcdef"
BURST = 20


def samples(exposition: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(exposition)
        for sample in family.samples
    }


def value(scraped: dict[Any, float], name: str, **labels: str) -> float:
    return scraped.get((name, frozenset(labels.items())), 0.0)


def test_metrics_read_during_a_burst_count_it_and_the_log_is_json_lines(
    start_server: StartServer, sandbox: Sandbox
) -> None:
    api, server = start_server(AUTOPOST_LOG_FORMAT="json", AUTOPOST_METRICS_TOKEN=METRICS_TOKEN)
    scrape_http = httpx.Client(base_url=str(api.http.base_url), timeout=10.0)

    def scrape() -> dict[Any, float]:
        answer = scrape_http.get("/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
        assert answer.status_code == 200, answer.text
        return samples(answer.text)

    assert scrape_http.get("/metrics").status_code == 401
    due = soon(4)
    ids = [api.schedule(due, caption=f"burst {n}")["id"] for n in range(BURST)]
    published = ("autopost_publications_total", {"platform": "instagram", "status": "published"})
    seen: list[float] = []

    def all_published() -> dict[Any, float] | None:
        scraped = scrape()
        seen.append(value(scraped, published[0], **published[1]))
        return scraped if seen[-1] >= BURST else None

    after = wait_until(all_published, 60, f"{BURST} publications counted")
    assert seen == sorted(seen), "a counter never goes back"
    assert value(after, published[0], **published[1]) == BURST
    assert all(api.post(i)["status"] == "published" for i in ids)
    assert len(sandbox.published()) == BURST

    lateness = "autopost_publication_lateness_seconds"
    assert value(after, f"{lateness}_count", platform="instagram") == BURST
    assert value(after, f"{lateness}_bucket", platform="instagram", le="+Inf") == BURST
    assert value(after, f"{lateness}_sum", platform="instagram") >= 0
    calls = "autopost_platform_call_duration_seconds_count"
    publish = {"platform": "instagram", "endpoint": "POST {id}/media_publish", "outcome": "ok"}
    assert value(after, calls, **publish) == BURST
    assert value(after, "autopost_sweep_duration_seconds_count") >= 1
    assert ("autopost_queue_depth", frozenset({("state", "delayed")})) in after

    log = wait_until(lambda: (text := server.log()) and text, 5, "the server's log")
    lines = [json.loads(line) for line in log.splitlines() if line.strip()]
    assert all({"time", "level", "logger", "message"} <= line.keys() for line in lines)
    requests = [line for line in lines if line["logger"] == "uvicorn.access"]
    assert requests and all(line.get("request_id") for line in requests)
    publishing = [
        line
        for line in lines
        if line["logger"] == "autopost.platform_calls" and "media_publish" in line["endpoint"]
    ]
    assert len(publishing) == BURST
    assert {line["post_id"] for line in publishing} == set(ids)
    assert all(line["publication_id"] and line["status"] == 200 for line in publishing)
    for secret in (IG_TOKEN, METRICS_TOKEN, "e2e-secret-key-not-for-production"):
        assert secret not in log, "a secret reached the server's log"
