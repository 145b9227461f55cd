"""What a test does when the machine lacks something it needs (PostgreSQL, Redis, the contract
files in ``../shared/contracts``): skipped on a developer's machine, a failure in CI.

CI says so with ``CI=true`` (as GitHub Actions, GitLab CI and most others set it). There a
quiet skip would let a whole family of tests stop running unnoticed, so the test fails instead,
naming what is missing.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import NoReturn

import pytest

CI_VARIABLE = "CI"


def in_ci(environ: Mapping[str, str] = os.environ) -> bool:
    return environ.get(CI_VARIABLE) == "true"


def unavailable(what: str, environ: Mapping[str, str] = os.environ) -> NoReturn:
    """Skip the test for want of ``what``, or fail it under ``CI=true``."""
    if in_ci(environ):
        pytest.fail(f"{what} (CI=true: a missing requirement fails the test)", pytrace=False)
    pytest.skip(f"{what} (with CI=true this fails)")
