"""A test missing PostgreSQL, Redis or the contract files skips on a developer's machine and
fails under CI=true, saying what is missing."""

from __future__ import annotations

import pytest

from tests.ci_requirements import unavailable

MISSING = "no PostgreSQL answers at postgresql://127.0.0.1:5432/test"


def test_a_missing_requirement_fails_the_test_under_ci() -> None:
    with pytest.raises(pytest.fail.Exception, match=MISSING):
        unavailable(MISSING, environ={"CI": "true"})


@pytest.mark.parametrize("environ", [{}, {"CI": ""}, {"CI": "false"}])
def test_a_missing_requirement_skips_the_test_outside_ci(environ: dict[str, str]) -> None:
    with pytest.raises(pytest.skip.Exception, match=MISSING):
        unavailable(MISSING, environ=environ)


def test_the_skip_says_ci_would_fail_it() -> None:
    with pytest.raises(pytest.skip.Exception, match="with CI=true this fails"):
        unavailable(MISSING, environ={})
