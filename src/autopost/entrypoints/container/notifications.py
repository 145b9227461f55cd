"""Notifications by Telegram and e-mail: people's choices, linking a chat, sending, digests."""

from __future__ import annotations

from dependency_injector import containers, providers

from autopost.adapters.messaging.smtp_mail_sender import SmtpMailSender, SmtpSettings
from autopost.adapters.messaging.telegram_bot_api import HttpxTelegramBot
from autopost.adapters.persistence.notification_store import SqlaNotificationStore
from autopost.adapters.scheduling.dramatiq_notification_dispatcher import (
    DramatiqNotificationDispatcher,
)
from autopost.application.notifications.channels import NotifyPeople
from autopost.application.notifications.choices import (
    GetNotificationSettings,
    SaveNotificationChoices,
)
from autopost.application.notifications.delivery import (
    DeliverNotification,
    KeepNotificationsMoving,
)
from autopost.application.notifications.digest import SendDailyDigests
from autopost.application.notifications.telegram_link import (
    IssueTelegramCode,
    LinkTelegramChats,
    UnlinkTelegram,
)
from autopost.domain.notifications import Channel
from autopost.entrypoints.settings import Settings

# Where links point when no AUTOPOST_PUBLIC_URL is set: `autopost serve`'s own default.
LOCAL_URL = "http://127.0.0.1:8000"


def public_url(settings: Settings) -> str:
    return (settings.public_url or LOCAL_URL).rstrip("/")


def smtp_settings(settings: Settings) -> SmtpSettings:
    return SmtpSettings(
        host=settings.smtp_host,
        port=settings.smtp_port,
        username=settings.smtp_username,
        password=settings.smtp_password,
        sender=settings.smtp_from,
        starttls=settings.smtp_starttls,
        timeout=settings.http_timeout_seconds,
    )


def channels_set_up(settings: Settings) -> frozenset[Channel]:
    ready = set()
    if settings.telegram_bot_token:
        ready.add(Channel.TELEGRAM)
    if settings.smtp_host:
        ready.add(Channel.EMAIL)
    return frozenset(ready)


class Notifications(containers.DeclarativeContainer):
    infrastructure = providers.DependenciesContainer()
    settings = infrastructure.settings
    clock = infrastructure.clock

    store = providers.Singleton(SqlaNotificationStore, infrastructure.engine)
    dispatcher = providers.Singleton(DramatiqNotificationDispatcher, infrastructure.broker, clock)
    telegram = providers.Singleton(
        HttpxTelegramBot,
        infrastructure.http_client,
        settings.provided.telegram_api_url,
        settings.provided.telegram_bot_token,
    )
    mail = providers.Singleton(SmtpMailSender, providers.Callable(smtp_settings, settings))
    public_url = providers.Callable(public_url, settings)
    channels = providers.Callable(channels_set_up, settings)

    notify_people = providers.Factory(
        NotifyPeople, store, dispatcher, clock, public_url, channels=channels
    )
    deliver_notification = providers.Factory(
        DeliverNotification, store, telegram, mail, dispatcher, clock
    )
    keep_notifications_moving = providers.Factory(KeepNotificationsMoving, store, dispatcher, clock)
    link_telegram_chats = providers.Factory(
        LinkTelegramChats, store, telegram, telegram, clock, settings.provided.language
    )
    send_daily_digests = providers.Factory(
        SendDailyDigests, store, dispatcher, clock, public_url, settings.provided.digest_hour
    )
    issue_telegram_code = providers.Factory(IssueTelegramCode, store, clock)
    unlink_telegram = providers.Factory(UnlinkTelegram, store)
    get_notification_settings = providers.Factory(
        GetNotificationSettings,
        store,
        settings.provided.telegram_bot_username,
        providers.Callable(lambda s: bool(s.telegram_bot_token), settings),
        providers.Callable(lambda s: bool(s.smtp_host), settings),
    )
    save_notification_choices = providers.Factory(SaveNotificationChoices, store)
