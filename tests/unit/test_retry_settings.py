"""The retry settings reach the publishing policy, and the one they replaced says it is gone."""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

import pytest

from autopost.domain.backoff import Backoff
from autopost.entrypoints.container.infrastructure import publishing_policy
from autopost.entrypoints.settings import Settings, load_settings


@pytest.fixture
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no .env from the checkout
    for name in ("BASE_SECONDS", "MAX_DELAY_SECONDS", "WINDOW_SECONDS", "MAX_ATTEMPTS"):
        monkeypatch.delenv(f"AUTOPOST_RETRY_{name}", raising=False)
    monkeypatch.setenv("AUTOPOST_SECRET_KEY", "a-test-key")
    monkeypatch.setenv("AUTOPOST_VAR_DIR", str(tmp_path / "var"))


def test_passing_failures_are_retried_for_an_hour_by_default(clean_environment: None) -> None:
    backoff = publishing_policy(Settings()).backoff
    assert backoff == Backoff(
        base=timedelta(seconds=5), cap=timedelta(minutes=5), window=timedelta(hours=1)
    )


def test_the_retry_settings_shape_the_backoff(
    clean_environment: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AUTOPOST_RETRY_BASE_SECONDS", "2")
    monkeypatch.setenv("AUTOPOST_RETRY_MAX_DELAY_SECONDS", "30")
    monkeypatch.setenv("AUTOPOST_RETRY_WINDOW_SECONDS", "7200")
    backoff = publishing_policy(Settings()).backoff
    assert (backoff.base, backoff.cap, backoff.window) == (
        timedelta(seconds=2),
        timedelta(seconds=30),
        timedelta(hours=2),
    )


def test_the_old_count_of_attempts_is_said_to_do_nothing_any_more(
    clean_environment: None, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("AUTOPOST_RETRY_MAX_ATTEMPTS", "6")
    with caplog.at_level(logging.WARNING, logger="autopost.entrypoints.settings"):
        load_settings()
    assert "AUTOPOST_RETRY_MAX_ATTEMPTS no longer does anything" in caplog.text
    assert "AUTOPOST_RETRY_WINDOW_SECONDS (3600 s)" in caplog.text


def test_nothing_is_said_when_the_old_setting_is_not_set(
    clean_environment: None, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="autopost.entrypoints.settings"):
        load_settings()
    assert "RETRY_MAX_ATTEMPTS" not in caplog.text
