"""``HttpxTelegramBot``: the Bot API's ``sendMessage`` and ``getUpdates``
(``{api_url}/bot<token>/<method>``, answers ``{"ok", "result"}`` or ``{"ok": false,
"error_code", "description"}``). The token is in the path: it never goes into an error's text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import httpx

from autopost.application.ports.channel_errors import ChannelRefused, ChannelUnavailable
from autopost.application.ports.telegram_sender import TelegramUpdate

# Telegram's answer when a message cannot go to this chat, ever: the bot was blocked, the
# chat is gone, or the bot's token was revoked.
_FOR_GOOD = {400, 401, 403, 404}


class TelegramNotSetUp(ChannelRefused):
    def __init__(self) -> None:
        super().__init__("no Telegram bot is set up (AUTOPOST_TELEGRAM_BOT_TOKEN)")


class HttpxTelegramBot:
    def __init__(self, client: httpx.AsyncClient, api_url: str, token: str) -> None:
        self._client = client
        self._base = f"{api_url.rstrip('/')}/bot{token}"
        self._token = token

    async def send_message(self, chat_id: int, text: str) -> None:
        await self._call("sendMessage", {"chat_id": chat_id, "text": text})

    async def updates(self, offset: int) -> Sequence[TelegramUpdate]:
        # No long polling: the periodic job asks again, and a worker's thread is not held.
        result = await self._call(
            "getUpdates", {"offset": offset, "timeout": 0, "allowed_updates": ["message"]}
        )
        found = []
        for update in result if isinstance(result, list) else []:
            message = update.get("message") or {}
            text = message.get("text")
            chat = message.get("chat") or {}
            sender = message.get("from") or {}
            if not isinstance(text, str) or not isinstance(chat.get("id"), int):
                continue
            found.append(
                TelegramUpdate(
                    update_id=int(update["update_id"]),
                    chat_id=chat["id"],
                    username=str(sender.get("username") or chat.get("username") or ""),
                    text=text,
                )
            )
        return found

    async def _call(self, method: str, body: dict[str, Any]) -> Any:
        if not self._token:
            raise TelegramNotSetUp()
        try:
            response = await self._client.post(f"{self._base}/{method}", json=body)
        except httpx.RequestError as failed:
            # Only the exception's type: its text would carry the URL, and the URL the token.
            raise ChannelUnavailable(f"Telegram did not answer ({type(failed).__name__})") from None
        try:
            answer = response.json()
        except ValueError:
            answer = {}
        if response.status_code == 200 and answer.get("ok") is True:
            return answer.get("result")
        description = str(answer.get("description") or f"HTTP {response.status_code}")
        description = description.replace(self._token, "[token]")
        code = answer.get("error_code", response.status_code)
        if code in _FOR_GOOD:
            raise ChannelRefused(f"Telegram refused {method}: {description}")
        raise ChannelUnavailable(f"Telegram could not take {method}: {description}")
