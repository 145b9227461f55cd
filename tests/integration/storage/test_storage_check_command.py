"""`autopost check` says whether the bucket the library's files go to answers, and never
shows its key."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from tests.integration.storage.s3_server import ACCESS_KEY_ID, REGION, SECRET_ACCESS_KEY

from autopost.adapters.persistence.migrate import upgrade_database
from autopost.entrypoints.cli import main

pytestmark = pytest.mark.integration


def check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **media: str) -> Result:
    monkeypatch.chdir(tmp_path)  # no .env read
    upgrade_database(f"sqlite:///{tmp_path / 'var' / 'autopost.db'}")
    env = {
        "AUTOPOST_VAR_DIR": str(tmp_path / "var"),
        "AUTOPOST_SECRET_KEY": "cli-test-secret-key",
        "AUTOPOST_BROKER_URL": "",
        "AUTOPOST_DATABASE_URL": "",
        "AUTOPOST_MEDIA_S3_REGION": REGION,
        "AUTOPOST_MEDIA_S3_ACCESS_KEY_ID": ACCESS_KEY_ID,
        "AUTOPOST_MEDIA_S3_SECRET_ACCESS_KEY": SECRET_ACCESS_KEY,
        **media,
    }
    return CliRunner().invoke(main, ["check"], env=env, catch_exceptions=False)


def test_check_says_the_bucket_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, s3_endpoint: str, bucket: str
) -> None:
    result = check(
        tmp_path,
        monkeypatch,
        AUTOPOST_MEDIA_S3_BUCKET=bucket,
        AUTOPOST_MEDIA_S3_ENDPOINT_URL=s3_endpoint,
    )
    assert result.exit_code == 0, result.output
    line = f"ok       media storage: the bucket {bucket} at {s3_endpoint} answers"
    assert line in result.output.splitlines()


def test_check_says_a_missing_bucket_is_a_problem_without_showing_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, s3_endpoint: str
) -> None:
    result = check(
        tmp_path,
        monkeypatch,
        AUTOPOST_MEDIA_S3_BUCKET="no-such-bucket",
        AUTOPOST_MEDIA_S3_ENDPOINT_URL=s3_endpoint,
    )
    assert result.exit_code == 1
    (problem,) = [line for line in result.output.splitlines() if line.startswith("problem")]
    assert problem.startswith("problem  media storage: the bucket no-such-bucket at")
    assert "check AUTOPOST_MEDIA_S3_BUCKET" in problem
    assert SECRET_ACCESS_KEY not in result.output


def test_an_endpoint_that_is_no_address_is_a_settings_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = check(
        tmp_path,
        monkeypatch,
        AUTOPOST_MEDIA_S3_BUCKET="media",
        AUTOPOST_MEDIA_S3_ENDPOINT_URL="minio:9000",
    )
    assert result.exit_code == 1
    assert "AUTOPOST_MEDIA_S3_ENDPOINT_URL" in result.output
    assert SECRET_ACCESS_KEY not in result.output
