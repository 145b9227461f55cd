"""Control routes of the Telegram and mail emulators.

Under ``/_sandbox/telegram``: ``POST /messages`` sends the bot a person's message
(``{"chat_id", "text", "username", "first_name"}``, such as ``/start CODE``) and ``GET /sent``
lists what the bot sent (``?chat_id=`` for one chat). Under ``/_sandbox/mail``: ``GET /`` lists
the messages the SMTP sink received, ``DELETE /`` forgets them.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from autopost.sandbox.control_http import ControlError, control_route, json_object
from autopost.sandbox.mail_sink import MailSink
from autopost.sandbox.telegram_state import TelegramSandbox


def telegram_control_routes(telegram: TelegramSandbox) -> list[Route]:
    async def send_to_bot(request: Request) -> Response:
        """A person's message to the bot: {"chat_id", "text" ("/start CODE"), "username"}."""
        body = await json_object(request)
        chat_id, text = body.get("chat_id"), body.get("text")
        if not isinstance(chat_id, int) or isinstance(chat_id, bool):
            raise ControlError("chat_id must be an integer")
        if not isinstance(text, str) or not text:
            raise ControlError("text must be a non-empty string")
        username = body.get("username", "")
        if not isinstance(username, str):
            raise ControlError("username must be a string")
        username = username.removeprefix("@")
        first_name = body.get("first_name") or username or "Sandbox"
        if not isinstance(first_name, str):
            raise ControlError("first_name must be a string")
        update = telegram.receive(chat_id, text, username, first_name)
        return JSONResponse(update, status_code=201)

    async def sent(request: Request) -> Response:
        """What the bot sent, oldest first (?chat_id= for one chat)."""
        chat = request.query_params.get("chat_id")
        messages = [m for m in telegram.sent if chat is None or str(m["chat"]["id"]) == chat]
        return JSONResponse({"data": messages})

    async def pending(request: Request) -> Response:
        """The updates the bot has not confirmed yet."""
        return JSONResponse({"data": telegram.updates})

    return [
        control_route("/messages", send_to_bot, ["POST"]),
        control_route("/sent", sent, ["GET"]),
        control_route("/updates", pending, ["GET"]),
    ]


def mail_control_routes(mail: MailSink) -> list[Route]:
    async def received(request: Request) -> Response:
        """The e-mail the SMTP sink received, oldest first (?to= for one address)."""
        to = request.query_params.get("to")
        messages = [m for m in mail.received if to is None or to in m["rcpt_tos"]]
        return JSONResponse({"data": messages})

    async def forget(request: Request) -> Response:
        """Forget the e-mail received."""
        mail.reset()
        return Response(status_code=204)

    return [control_route("/", received, ["GET"]), control_route("/", forget, ["DELETE"])]
