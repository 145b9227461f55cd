"""`autopost rotate-secret-key` as a person runs it: the real command, in a process of its own,
on a SQLite database whose account tokens were sealed with the old key. The README's recipe:
set AUTOPOST_SECRET_KEY=new,old, run the command, then drop the old key."""

from __future__ import annotations

import asyncio
import os
import secrets
import subprocess
from pathlib import Path

import pytest

from autopost.adapters.persistence.migrate import upgrade_database
from autopost.adapters.security.fernet_secret_box import FernetSecretBox, SecretUnreadable
from autopost.application.access import SYSTEM
from autopost.application.integrations.credentials import ConnectAccount
from autopost.domain.credential import Credential
from autopost.domain.post import Platform
from autopost.entrypoints.container import opened_container
from autopost.entrypoints.settings import Settings
from tests.e2e.processes import AUTOPOST

SRC = Path(__file__).resolve().parents[2] / "src"
ACCESS_TOKEN = "EAAG-rotate-me-access"
REFRESH_TOKEN = "pinr-rotate-me-refresh"


async def _connect(settings: Settings) -> int:
    async with opened_container(settings, broker=None) as container:
        command = ConnectAccount(
            Platform.PINTEREST, "autopost_demo", ACCESS_TOKEN, refresh_token=REFRESH_TOKEN
        )
        credential = await container.integrations.save_credential().execute(SYSTEM, command)
    assert credential.id is not None
    return credential.id


async def _stored(settings: Settings, credential_id: int) -> Credential:
    async with (
        opened_container(settings, broker=None) as container,
        container.infrastructure.uow() as uow,
    ):
        credential = await uow.credentials.get(credential_id)
    assert credential is not None
    return credential


def _without_autopost_settings() -> dict[str, str]:
    """This process's environment, but none of its AUTOPOST_* settings, and this checkout's
    code first on the path."""
    kept = {k: v for k, v in os.environ.items() if not k.startswith("AUTOPOST_")}
    path = [str(SRC), *filter(None, [kept.get("PYTHONPATH")])]
    return {**kept, "PYTHONPATH": os.pathsep.join(path)}


def test_the_command_reseals_every_account_token_with_the_new_key(tmp_path: Path) -> None:
    old_key, new_key = f"old-{secrets.token_hex(16)}", f"new-{secrets.token_hex(16)}"
    database_url = f"sqlite:///{tmp_path / 'autopost.sqlite3'}"
    upgrade_database(database_url)
    before = Settings(var_dir=tmp_path / "var", database_url=database_url, secret_key=old_key)
    credential_id = asyncio.run(_connect(before))

    done = subprocess.run(
        [*AUTOPOST, "rotate-secret-key"],
        env={
            **_without_autopost_settings(),
            "AUTOPOST_DATABASE_URL": database_url,
            "AUTOPOST_VAR_DIR": str(tmp_path / "var"),
            "AUTOPOST_SECRET_KEY": f"{new_key},{old_key}",
        },
        cwd=tmp_path,  # no .env of the checkout's
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "re-encrypted 2 account token(s) and 0 integration key(s)" in done.stdout
    for secret in (ACCESS_TOKEN, REFRESH_TOKEN, old_key, new_key):
        assert secret not in output
    after = asyncio.run(_stored(before, credential_id))
    assert after.refresh_token is not None
    new_only, old_only = FernetSecretBox(new_key), FernetSecretBox(old_key)
    assert new_only.open(after.access_token) == ACCESS_TOKEN
    assert new_only.open(after.refresh_token) == REFRESH_TOKEN
    with pytest.raises(SecretUnreadable):
        old_only.open(after.access_token)
    with pytest.raises(SecretUnreadable):
        old_only.open(after.refresh_token)
