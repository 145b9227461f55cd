"""Pinterest end to end: `autopost serve` connects an account through the OAuth flow of
`autopost sandbox`, learns its boards and publishes a pin at its time, exactly once."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import httpx

from tests.e2e.conftest import Sandbox, StartServer, autopost_env, soon
from tests.e2e.processes import AUTOPOST, free_port


def pinterest_settings(sandbox: Sandbox, port: int) -> dict[str, str]:
    return {
        "AUTOPOST_PINTEREST_USE_SANDBOX": "true",
        "AUTOPOST_PINTEREST_API_URL": f"{sandbox.url}/pinterest/v5",
        "AUTOPOST_PINTEREST_OAUTH_URL": f"{sandbox.url}/pinterest/oauth/",
        "AUTOPOST_PINTEREST_CLIENT_ID": "sandbox-client-id",
        "AUTOPOST_PINTEREST_CLIENT_SECRET": "sandbox-client-secret",
        "AUTOPOST_PINTEREST_REDIRECT_URI": f"http://127.0.0.1:{port}/auth/pinterest/callback/",
    }


def connect(api_http: httpx.Client) -> dict[str, Any]:
    started = api_http.get("/auth/pinterest/authorize/", params={"format": "json"})
    assert started.status_code == 200, started.text
    # The person's browser: Pinterest's consent page sends it back to Autopost's callback.
    consent = httpx.get(started.json()["authorize_url"], follow_redirects=False, timeout=10)
    assert consent.status_code == 302
    back = httpx.get(consent.headers["location"], timeout=10)
    assert back.status_code == 200, back.text
    return dict(back.json()["credential"])


def test_a_connected_account_gets_its_pin_on_its_topics_board_once(
    start_server: StartServer, sandbox: Sandbox
) -> None:
    port = free_port()
    api, process = start_server(port=port, **pinterest_settings(sandbox, port))
    credential = connect(api.http)
    assert credential["platform"] == "pinterest" and credential["environment"] == "sandbox"
    boards = api.http.get(f"/api/v1/credentials/{credential['id']}/boards/").json()
    assert {b["name"] for b in boards} >= {"code", "Python"}

    post = api.schedule(
        soon(1),
        platform="pinterest",
        credential=credential["id"],
        user_id=None,
        token=None,
        url="https://cdn.example.com/quiz.png",
        topic="python",
        answers=["1", "2", "3"],
        link="https://quiz.example/q/1",
    )
    python_board = next(b["board_id"] for b in boards if b["name"] == "Python")
    assert post["board_id"] == python_board
    assert post["title"] == "Что вернет этот код python?"

    done = api.wait_for_status(post["id"], "published")

    created = sandbox.http.get("/_sandbox/pinterest/pins_created").json()["data"]
    (pin,) = [p for p in created if p["link"] == "https://quiz.example/q/1"]
    assert pin["board_id"] == python_board
    assert done["remote_id"] == pin["pin_id"]
    assert done["permalink"] == f"https://www.pinterest.com/pin/{pin['pin_id']}/"
    assert "sandbox-client-secret" not in process.log()


def test_the_boards_command_refreshes_and_takes_boards_by_hand(
    start_server: StartServer, sandbox: Sandbox, tmp_path: Path
) -> None:
    port = free_port()
    settings = pinterest_settings(sandbox, port)
    api, _ = start_server(port=port, **settings)
    credential = connect(api.http)
    env = {**os.environ, **autopost_env(tmp_path, sandbox, **settings)}

    def boards(*args: str) -> str:
        done = subprocess.run(
            [*AUTOPOST, "pinterest", "boards", "--credential", str(credential["id"]), *args],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    refreshed = boards()
    assert "Python" in refreshed and "900579325426238156" in refreshed and " api" in refreshed
    assert "Basics (549755885175000001), Quizzes (549755885175000002)" in refreshed
    by_hand = boards("--boards", '{"JavaScript": "900579325426238999"}')
    assert "JavaScript" in by_hand and "manual" in by_hand and "Python" in by_hand
    (tmp_path / "boards.json").write_text('{"Rust": "900579325426238998"}')
    from_file = boards("--boards-file", str(tmp_path / "boards.json"))
    assert "Rust" in from_file and "JavaScript" in from_file
    cached = api.http.get(f"/api/v1/credentials/{credential['id']}/boards/").json()
    assert {"JavaScript", "Rust", "Python", "code"} <= {b["name"] for b in cached}


def test_a_pin_into_a_section_and_a_multi_image_pin_by_topic(
    start_server: StartServer, sandbox: Sandbox
) -> None:
    port = free_port()
    api, _ = start_server(port=port, **pinterest_settings(sandbox, port))
    credential = connect(api.http)
    boards = api.http.get(f"/api/v1/credentials/{credential['id']}/boards/").json()
    code = next(b for b in boards if b["name"] == "code")
    sections = {s["name"]: s["section_id"] for s in code["sections"]}
    assert set(sections) == {"Basics", "Quizzes"}

    into_section = api.schedule(
        soon(1),
        platform="pinterest",
        credential=credential["id"],
        user_id=None,
        token=None,
        url="https://cdn.example.com/quiz.png",
        title="Loops",
        link="https://quiz.example/q/loops",
        board_section_id=sections["Quizzes"],
    )
    assert (into_section["board_id"], into_section["board_name"]) == (code["board_id"], "code")
    assert into_section["board_section_name"] == "Quizzes"
    images = [
        {"url": f"https://cdn.example.com/{n}.png", "title": f"Step {n}"} for n in range(1, 4)
    ]
    by_topic = api.schedule(
        soon(1),
        platform="pinterest",
        credential=credential["id"],
        user_id=None,
        token=None,
        content_type="Carousel",
        url=None,
        images=images,
        alt_text="Three steps of a loop",
        topic="basics",
        link="https://quiz.example/q/steps",
    )
    assert by_topic["board_section_id"] == sections["Basics"]
    assert by_topic["images"] == images and by_topic["url"] is None

    api.wait_for_status(into_section["id"], "published")
    api.wait_for_status(by_topic["id"], "published")
    created = {
        p["link"]: p for p in sandbox.http.get("/_sandbox/pinterest/pins_created").json()["data"]
    }
    loops, steps = created["https://quiz.example/q/loops"], created["https://quiz.example/q/steps"]
    assert (loops["board_section_id"], loops["image_count"]) == (sections["Quizzes"], 1)
    assert (steps["board_section_id"], steps["image_count"]) == (sections["Basics"], 3)
