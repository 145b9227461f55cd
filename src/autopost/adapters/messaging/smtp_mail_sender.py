"""``SmtpMailSender``: plain-text e-mail through an SMTP server, with the standard library's
``smtplib`` in a thread (nothing else to install; a message is small and rare)."""

from __future__ import annotations

import asyncio
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from attrs import frozen

from autopost.application.ports.channel_errors import ChannelRefused, ChannelUnavailable


@frozen(repr=False)
class SmtpSettings:
    host: str
    port: int = 587
    username: str = ""
    password: str = ""
    sender: str = ""
    starttls: bool = True
    timeout: float = 30.0

    def __repr__(self) -> str:  # never the password
        return f"SmtpSettings(host={self.host!r}, port={self.port}, sender={self.sender!r})"


class SmtpMailSender:
    def __init__(self, settings: SmtpSettings) -> None:
        self._settings = settings

    async def send(self, to: str, subject: str, text: str) -> None:
        if not self._settings.host:
            raise ChannelRefused("no SMTP server is set up (AUTOPOST_SMTP_HOST)")
        message = EmailMessage()
        message["From"] = self._settings.sender
        message["To"] = to
        message["Subject"] = subject
        message["Date"] = formatdate(localtime=False)
        message["Message-ID"] = make_msgid(domain=self._settings.sender.rpartition("@")[2] or None)
        message.set_content(text)
        await asyncio.to_thread(self._send, message)

    def _send(self, message: EmailMessage) -> None:
        settings = self._settings
        try:
            with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout) as smtp:
                if settings.starttls:
                    smtp.starttls(context=ssl.create_default_context())
                if settings.username:
                    smtp.login(settings.username, settings.password)
                smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused:
            raise ChannelRefused("the SMTP server refused the address") from None
        except smtplib.SMTPResponseException as refused:
            # 5xx is for good, 4xx for now; the server's words name no secret of ours.
            said = refused.smtp_error
            words = (said.decode(errors="replace") if isinstance(said, bytes) else said)[:200]
            failure = f"the SMTP server answered {refused.smtp_code} {words}"
            if refused.smtp_code >= 500 and not isinstance(
                refused, smtplib.SMTPAuthenticationError
            ):
                raise ChannelRefused(failure) from None
            raise ChannelUnavailable(failure) from None
        except (smtplib.SMTPException, OSError) as failed:
            raise ChannelUnavailable(
                f"the SMTP server could not be reached ({type(failed).__name__})"
            ) from None
