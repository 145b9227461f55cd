"""``GET /api/posts/`` latency: the whole cursor chain walked once to a depth, then the first
page against the page at that depth, requested in turn."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

from benchmarks.lateness_report import percentile

WALK_LIMIT = 100  # the most /api/posts/ gives in one page
PAGE_LIMIT = 20  # the page a client shows
WARM_UP = 5


def latency_summary(seconds: list[float]) -> dict[str, Any]:
    ordered = sorted(seconds)
    return {
        "requests": len(ordered),
        "p50_ms": round(percentile(ordered, 0.50) * 1000, 2),
        "p95_ms": round(percentile(ordered, 0.95) * 1000, 2),
        "max_ms": round(ordered[-1] * 1000, 2),
        "mean_ms": round(sum(ordered) / len(ordered) * 1000, 2),
    }


def walk_cursor_chain(api: httpx.Client, depth: int) -> tuple[dict[str, Any], str | None]:
    """Follow ``next`` from the first page until ``depth`` rows are behind; the cursor of the
    page that starts there (None when the listing is not that deep)."""
    url: str | None = f"/api/posts/?limit={WALK_LIMIT}"
    seconds: list[float] = []
    rows = 0
    started = time.perf_counter()
    while url is not None and rows < depth:
        began = time.perf_counter()
        answer = api.get(url)
        seconds.append(time.perf_counter() - began)
        answer.raise_for_status()
        page = answer.json()
        rows += len(page["results"])
        url = page["next"]
    total = time.perf_counter() - started
    cursor = parse_qs(urlsplit(url).query)["cursor"][0] if url else None
    tenth = max(1, len(seconds) // 10)
    walk = {
        "rows": rows,
        "pages": len(seconds),
        "seconds": round(total, 2),
        "rows_per_s": round(rows / total, 1) if total else None,
        "per_request": latency_summary(seconds),
        # Flat means the last tenth of the chain costs what the first tenth did.
        "first_tenth": latency_summary(seconds[:tenth]),
        "last_tenth": latency_summary(seconds[-tenth:]),
    }
    return walk, cursor


def first_against_deep(api: httpx.Client, cursor: str, repeats: int) -> dict[str, Any]:
    """The first page and the deep one, in turn, so that drift hits both alike."""
    urls = {
        "first": f"/api/posts/?limit={PAGE_LIMIT}",
        "deep": f"/api/posts/?limit={PAGE_LIMIT}&cursor={cursor}",
    }
    seconds: dict[str, list[float]] = {name: [] for name in urls}
    for round_number in range(WARM_UP + repeats):
        for name, url in urls.items():
            began = time.perf_counter()
            answer = api.get(url)
            took = time.perf_counter() - began
            answer.raise_for_status()
            if len(answer.json()["results"]) != PAGE_LIMIT:
                raise RuntimeError(f"the {name} page is not full: {answer.text[:300]}")
            if round_number >= WARM_UP:
                seconds[name].append(took)
    first, deep = latency_summary(seconds["first"]), latency_summary(seconds["deep"])
    return {
        "first": first,
        "deep": deep,
        "deep_over_first_p50": round(deep["p50_ms"] / first["p50_ms"], 2),
        "deep_over_first_p95": round(deep["p95_ms"] / first["p95_ms"], 2),
    }
