"""The sandbox's Telegram Bot API and SMTP sink: the Bot API's answers and refusals as its
reference gives them, what a person sends the bot injected by the control API, and the e-mail
the sink received listed under ``/_sandbox/mail/``."""

from __future__ import annotations

import asyncio
import smtplib
from email.message import EmailMessage

import httpx
import pytest
from tests.loopback_server import served_on_loopback

from autopost.sandbox import SandboxSettings, create_app
from autopost.sandbox.telegram_state import TELEGRAM_BOT_TOKEN

pytestmark = pytest.mark.integration

BOT = f"/telegram/bot{TELEGRAM_BOT_TOKEN}"


async def test_a_wrong_bot_token_is_refused_with_a_401(sandbox: httpx.AsyncClient) -> None:
    answer = await sandbox.post("/telegram/bot123:wrong/getUpdates", json={})
    assert answer.status_code == 401
    assert answer.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}


async def test_a_persons_start_reaches_the_bot_and_an_offset_confirms_it(
    sandbox: httpx.AsyncClient,
) -> None:
    sent = await sandbox.post(
        "/_sandbox/telegram/messages",
        json={"chat_id": 4242, "username": "@ann", "text": "/start ABC123"},
    )
    assert sent.status_code == 201, sent.text
    updates = (await sandbox.get(f"{BOT}/getUpdates")).json()
    assert updates["ok"] is True
    [update] = updates["result"]
    message = update["message"]
    assert message["text"] == "/start ABC123"
    assert message["chat"] == {
        "id": 4242,
        "first_name": "ann",
        "username": "ann",
        "type": "private",
    }
    assert message["from"]["username"] == "ann"
    assert message["entities"] == [{"offset": 0, "length": 6, "type": "bot_command"}]
    confirmed = await sandbox.post(
        f"{BOT}/getUpdates", data={"offset": str(update["update_id"] + 1)}
    )
    assert confirmed.json() == {"ok": True, "result": []}


async def test_the_bot_writes_only_to_a_chat_that_wrote_to_it(sandbox: httpx.AsyncClient) -> None:
    unknown = await sandbox.post(f"{BOT}/sendMessage", json={"chat_id": 1, "text": "hi"})
    assert unknown.status_code == 400
    assert unknown.json()["description"] == "Bad Request: chat not found"
    await sandbox.post("/_sandbox/telegram/messages", json={"chat_id": 7, "text": "/start"})
    answer = await sandbox.post(f"{BOT}/sendMessage", json={"chat_id": 7, "text": "Linked."})
    assert answer.status_code == 200, answer.text
    assert answer.json()["result"]["chat"]["id"] == 7
    sent = (await sandbox.get("/_sandbox/telegram/sent", params={"chat_id": "7"})).json()
    assert [m["text"] for m in sent["data"]] == ["Linked."]


async def test_a_long_poll_answers_as_soon_as_a_message_comes(sandbox: httpx.AsyncClient) -> None:
    poll = asyncio.create_task(sandbox.get(f"{BOT}/getUpdates", params={"timeout": "30"}))
    await asyncio.sleep(0)
    await sandbox.post("/_sandbox/telegram/messages", json={"chat_id": 9, "text": "hello"})
    answer = await asyncio.wait_for(poll, 5)
    assert [u["message"]["text"] for u in answer.json()["result"]] == ["hello"]


async def test_telegram_down_answers_503_and_the_token_is_never_logged(
    sandbox: httpx.AsyncClient,
) -> None:
    await sandbox.put("/_sandbox/services/telegram", json={"down": True})
    down = await sandbox.post(f"{BOT}/sendMessage", json={"chat_id": 7, "text": "x"})
    assert down.status_code == 503
    log = (await sandbox.get("/_sandbox/requests")).text
    assert TELEGRAM_BOT_TOKEN not in log


async def test_the_smtp_sink_lists_what_it_received() -> None:
    app = create_app(SandboxSettings(smtp_port=0))
    async with served_on_loopback(app) as url:
        message = EmailMessage()
        message["From"] = "autopost@example.com"
        message["To"] = "ann@example.com"
        message["Subject"] = "Post #3 was not published"
        message.set_content("Open: http://127.0.0.1:8000/posts/3/")

        def send() -> None:
            with smtplib.SMTP("127.0.0.1", app.state.smtp_port, timeout=5) as smtp:
                smtp.send_message(message)

        await asyncio.to_thread(send)
        async with httpx.AsyncClient(base_url=url) as client:
            [got] = (await client.get("/_sandbox/mail/")).json()["data"]
            assert got["rcpt_tos"] == ["ann@example.com"]
            assert got["subject"] == "Post #3 was not published"
            assert got["text"].strip() == "Open: http://127.0.0.1:8000/posts/3/"
            assert (await client.delete("/_sandbox/mail/")).status_code == 204
            assert (await client.get("/_sandbox/mail/")).json()["data"] == []
