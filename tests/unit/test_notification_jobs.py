"""The worker reads the bot's messages only when a bot is set up, and looks for digests only
when an SMTP server is."""

from __future__ import annotations

import pytest
from dramatiq.brokers.stub import StubBroker

from autopost.entrypoints.container import build_container
from autopost.entrypoints.settings import Settings
from autopost.entrypoints.worker_jobs import periodic_jobs

pytestmark = pytest.mark.unit


async def ready() -> None:
    return None


def job_names(**settings: object) -> dict[str, float]:
    configured = Settings(secret_key="k", **settings)  # type: ignore[arg-type]
    container = build_container(configured, StubBroker())
    return {job.name: job.interval for job in periodic_jobs(container, configured, ready)}


def test_without_a_bot_or_a_mail_server_only_the_upkeep_runs() -> None:
    jobs = job_names()
    assert "notifications upkeep" in jobs
    assert "telegram link" not in jobs and "daily digest" not in jobs


def test_a_bot_and_a_mail_server_bring_their_jobs() -> None:
    jobs = job_names(
        telegram_bot_token="1:x", telegram_poll_interval_seconds=3.0, smtp_host="mail.example"
    )
    assert jobs["telegram link"] == 3.0
    assert jobs["daily digest"] == 60.0
