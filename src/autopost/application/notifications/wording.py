"""The notifications' words, in English and Russian: short, one line of what happened (the
e-mail's subject too), a line of why or what to do when there is one, and a link. Only the
event's named fields are used: nothing else of it (never a token) can reach a message."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from attrs import frozen

from autopost.domain import notifications as events
from autopost.domain.digest import DigestItem

# What happened, by event type; {post}, {platform}, {account}, {until} filled in.
_HEADLINES: Mapping[str, Mapping[str, str]] = {
    "en": {
        events.POST_SCHEDULED: "Post #{post} is scheduled on {platform}{at}.",
        events.PUBLICATION_PUBLISHED: "Post #{post} is published on {platform}.",
        events.PUBLICATION_FAILED: "Post #{post} was not published on {platform}.",
        events.PUBLICATION_DEFERRED: "Post #{post} on {platform} is put off until {until}.",
        events.PUBLICATION_AWAITING_APPROVAL: "Post #{post} is waiting for approval.",
        events.PUBLICATION_APPROVED: "Post #{post} was approved.",
        events.PUBLICATION_RETURNED: "Post #{post} was sent back to its author.",
        events.ACCOUNT_NEEDS_RECONNECT: "The {platform} account {account} must be reconnected.",
        events.ACCOUNT_TOKEN_EXPIRING: (
            "The {platform} account {account} must be reconnected by {until}."
        ),
        events.SYNC_COMPLETED: "The {platform} account {account} is synced.",
        events.COMMENT_RECEIVED: "A new comment on post #{post}.",
        events.WEBHOOK_DISABLED: "Your webhook {url} is turned off: it kept failing.",
    },
    "ru": {
        events.POST_SCHEDULED: "Публикация №{post} запланирована в {platform}{at}.",
        events.PUBLICATION_PUBLISHED: "Публикация №{post} опубликована в {platform}.",
        events.PUBLICATION_FAILED: "Публикация №{post} не опубликована в {platform}.",
        events.PUBLICATION_DEFERRED: "Публикация №{post} в {platform} отложена до {until}.",
        events.PUBLICATION_AWAITING_APPROVAL: "Публикация №{post} ждёт одобрения.",
        events.PUBLICATION_APPROVED: "Публикация №{post} одобрена.",
        events.PUBLICATION_RETURNED: "Публикация №{post} возвращена автору.",
        events.ACCOUNT_NEEDS_RECONNECT: "Аккаунт {platform} {account} нужно подключить заново.",
        events.ACCOUNT_TOKEN_EXPIRING: (
            "Аккаунт {platform} {account} нужно подключить заново до {until}."
        ),
        events.SYNC_COMPLETED: "Аккаунт {platform} {account} синхронизирован.",
        events.COMMENT_RECEIVED: "Новый комментарий к публикации №{post}.",
        events.WEBHOOK_DISABLED: "Ваш вебхук {url} отключён: доставки к нему не проходили.",
    },
}

_WORDS: Mapping[str, Mapping[str, str]] = {
    "en": {
        "at": " for {at}",
        "open": "Open: {link}",
        "seen": "On {platform}: {permalink}",
        "digest_subject": "Autopost: {published} published, {failed} failed in the last 24 hours",
        "digest_published": "Published",
        "digest_failed": "Not published",
        "digest_nothing": "Nothing was published and nothing failed.",
        "linked": "Done: this chat now gets Autopost's notifications for {username}.",
        "code_unknown": (
            "This code is unknown, used or expired. Take a new one on your settings page."
        ),
        "hello": "Send the code shown on your Autopost settings page: /start CODE",
    },
    "ru": {
        "at": " на {at}",
        "open": "Открыть: {link}",
        "seen": "В {platform}: {permalink}",
        "digest_subject": (
            "Autopost за 24 часа: опубликовано {published}, не опубликовано {failed}"
        ),
        "digest_published": "Опубликовано",
        "digest_failed": "Не опубликовано",
        "digest_nothing": "Ничего не опубликовано и ничего не сорвалось.",
        "linked": "Готово: в этот чат будут приходить уведомления Autopost для {username}.",
        "code_unknown": (
            "Этот код неизвестен, уже использован или устарел. Получите новый на странице настроек."
        ),
        "hello": "Отправьте код со страницы настроек Autopost: /start КОД",
    },
}

_PLATFORMS = {"instagram": "Instagram", "pinterest": "Pinterest"}


@frozen
class Rendered:
    subject: str
    text: str


def words(language: str) -> Mapping[str, str]:
    return _WORDS.get(language, _WORDS["en"])


def local_time(value: Any, time_zone: str) -> str:
    """An event's time (ISO 8601 or a datetime) as the person reads it: in their zone."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return str(value)
    if not isinstance(value, datetime):
        return "" if value is None else str(value)
    try:
        zone = ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    return f"{value.astimezone(zone):%Y-%m-%d %H:%M} ({zone.key})"


def event_link(public_url: str, data: Mapping[str, Any]) -> str:
    """The post's page; the webhooks page for a webhook; the connected accounts page for an
    event about an account."""
    post_id = data.get("post_id")
    if isinstance(post_id, int) and not isinstance(post_id, bool):
        return f"{public_url}/posts/{post_id}/"
    if data.get("webhook_id") is not None:
        return f"{public_url}/webhooks/"
    return f"{public_url}/connected-accounts/"


def render_event(
    event_type: str,
    data: Mapping[str, Any],
    *,
    language: str,
    time_zone: str,
    public_url: str,
) -> Rendered:
    headlines = _HEADLINES.get(language, _HEADLINES["en"])
    said = words(language)
    platform = _PLATFORMS.get(str(data.get("platform", "")), str(data.get("platform", "")))
    at = local_time(data.get("publish_at"), time_zone) if data.get("publish_at") else ""
    headline = headlines.get(event_type, event_type).format(
        post=data.get("post_id", "?"),
        platform=platform,
        account=_account(data),
        until=local_time(data.get("until"), time_zone),
        url=data.get("url", ""),
        at=said["at"].format(at=at) if at else "",
    )
    lines = [headline]
    why = " ".join(str(data[key]).strip() for key in ("reason", "advice") if data.get(key))
    if why:
        lines.append(why)
    if data.get("permalink") and event_type == events.PUBLICATION_PUBLISHED:
        lines.append(said["seen"].format(platform=platform, permalink=data["permalink"]))
    lines.append(said["open"].format(link=event_link(public_url, data)))
    return Rendered(subject=headline, text="\n".join(lines))


def _account(data: Mapping[str, Any]) -> str:
    name = data.get("account") or data.get("username")
    if name:
        return str(name)
    credential = data.get("credential_id")
    return f"#{credential}" if credential is not None else ""


def render_digest(
    items: Sequence[DigestItem], *, language: str, time_zone: str, public_url: str
) -> Rendered:
    said = words(language)
    published = [item for item in items if item.published]
    failed = [item for item in items if not item.published]
    subject = said["digest_subject"].format(published=len(published), failed=len(failed))
    lines = [subject, ""]
    if not items:
        lines.append(said["digest_nothing"])
    for title, group in ((said["digest_published"], published), (said["digest_failed"], failed)):
        if not group:
            continue
        lines.append(f"{title}:")
        for item in group:
            platform = _PLATFORMS.get(item.platform, item.platform)
            when = local_time(item.at, time_zone)
            line = f"- #{item.post_id} {platform}, {when}: {item.summary}".rstrip(": ")
            if item.error:
                line += f" — {item.error}"
            lines.append(line)
            lines.append(f"  {public_url}/posts/{item.post_id}/")
        lines.append("")
    return Rendered(subject=subject, text="\n".join(lines).rstrip() + "\n")
