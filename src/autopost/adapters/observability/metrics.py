"""Every metric Autopost exposes, in the process-wide registry of ``prometheus_client``.

One registry per process: in the embedded mode the web server and the worker are two
containers in one process, and ``/metrics`` shows both. Each process exposes its own (the web
server at ``/metrics``, a worker on ``AUTOPOST_METRICS_PORT``); Prometheus adds them up.

Publications are counted as their steps end, by the worker that ends them, rather than read
from the database at each scrape: a grouped count over the publications table grows with the
table (a million future posts read every 15 s by every process scraped), while a counter costs
the publishing path one increment and adds up across workers. How many are scheduled right now
is the database's to say (``autopost status``), not a metric's.
"""

from __future__ import annotations

from prometheus_client import Counter, Histogram

# Publishing aims at the second: most posts within tens of milliseconds, a bad minute in
# seconds, a broken one past the minute.
LATENESS_BUCKETS = (0.05, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0, 30.0, 60.0)
# A platform answers in tens to hundreds of milliseconds; media_publish at busy times in
# seconds; the HTTP timeout is 30 s.
CALL_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
SWEEP_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

PUBLICATIONS = Counter(
    "autopost_publications",
    "Publications that ended, by platform and status (published, failed).",
    ["platform", "status"],
)
STEPS = Counter(
    "autopost_publication_steps",
    "Steps of work on publications, by platform and how they ended.",
    ["platform", "outcome"],
)
LATENESS = Histogram(
    "autopost_publication_lateness_seconds",
    "Seconds after its date_pub that a publication was recorded published.",
    ["platform"],
    buckets=LATENESS_BUCKETS,
)
RATE_LIMIT_WAITS = Counter(
    "autopost_rate_limit_waits",
    "Publications made to wait by a platform's rate limit.",
    ["platform"],
)
RATE_LIMIT_WAIT_SECONDS = Counter(
    "autopost_rate_limit_wait_seconds",
    "Seconds publications were made to wait by a platform's rate limit.",
    ["platform"],
)
QUOTA_DEFERRALS = Counter(
    "autopost_quota_deferrals",
    "Publications deferred because the account's publishing quota was spent.",
    ["platform"],
)
PLATFORM_CALLS = Histogram(
    "autopost_platform_call_duration_seconds",
    "Calls to a platform's API: how long each took, by platform, endpoint and outcome.",
    ["platform", "endpoint", "outcome"],
    buckets=CALL_BUCKETS,
)
PLATFORM_HELD_BACK = Counter(
    "autopost_platform_calls_held_back",
    "Calls not made because the platform's rate limit was nearly spent.",
    ["platform"],
)
SWEEP_DURATION = Histogram(
    "autopost_sweep_duration_seconds",
    "How long each run of the sweep took.",
    buckets=SWEEP_BUCKETS,
)
SWEEP_DISPATCHED = Counter(
    "autopost_sweep_dispatched",
    "Publications the sweep handed to the broker.",
)
SYNC_PAGES = Counter(
    "autopost_sync_pages",
    "Pages of an account's media read by the sync.",
    ["platform"],
)
SYNC_MEDIA = Counter(
    "autopost_sync_media",
    "Media read by the sync.",
    ["platform"],
)
