"""Autopost's use cases wired to in-memory fakes, with a broker whose clock the test turns."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit

from autopost.application.access import SYSTEM, Actor
from autopost.application.instagram.comments import CommentUseCase
from autopost.application.instagram.connect import (
    FinishInstagramConnect,
    RefreshInstagramTokens,
    StartInstagramConnect,
)
from autopost.application.instagram.media_listing import ListMedia
from autopost.application.instagram.sync import SyncInstagramMedia
from autopost.application.integrations.credentials import ConnectAccount, SaveCredential
from autopost.application.library.delete import DeleteLibraryItem
from autopost.application.library.inline_images import InlineImages
from autopost.application.library.links import MediaLinkPolicy, MediaLinks
from autopost.application.library.signed_files import OpenSignedFile
from autopost.application.library.upload import Upload, UploadMedia
from autopost.application.pinterest.boards import BoardCatalog
from autopost.application.pinterest.connect import (
    FinishPinterestConnect,
    StartPinterestConnect,
)
from autopost.application.pinterest.tokens import PinterestTokens
from autopost.application.policy import PinterestPolicy, PostingPolicy, PublishingPolicy
from autopost.application.ports.instagram_login_gateway import InstagramLogin
from autopost.application.ports.pinterest_gateway import RemoteBoard
from autopost.application.posting.posts import (
    CancelPostUseCase,
    EditPost,
    EditPostUseCase,
    GetPostUseCase,
    RetryPostUseCase,
    SchedulePost,
    SchedulePostUseCase,
    When,
)
from autopost.application.posting.views import PostView
from autopost.application.publishing.claim_leases import HeldClaims, RenewLeases
from autopost.application.publishing.dispatch import Dispatcher
from autopost.application.publishing.instagram.first_comment import InstagramCommentWriter
from autopost.application.publishing.instagram.publisher import InstagramPublisher
from autopost.application.publishing.instagram.quota import QuotaMemory
from autopost.application.publishing.instagram.video_upload import InstagramVideoUpload
from autopost.application.publishing.pinterest.publisher import PinterestPublisher
from autopost.application.publishing.pinterest.video_upload import PinterestVideoUpload
from autopost.application.publishing.publish import PublishPublication
from autopost.application.publishing.sweep import DispatchDue
from autopost.application.retrying import Patience
from autopost.domain.access import Role
from autopost.domain.backoff import Backoff
from autopost.domain.credential import Credential
from autopost.domain.library import LibraryItem
from autopost.domain.media_links import link_key
from autopost.domain.platform import Platform
from autopost.domain.post import ContentType, InstagramContent, PinContent
from autopost.domain.retry_policy import RetryPolicy
from tests.fake_library import FakeMediaStorage
from tests.fakes import (
    FakeClock,
    FakeInstagramGateway,
    FakeInstagramLoginGateway,
    FakeInstagramMediaGateway,
    FakePause,
    FakePinterestGateway,
    FakeScheduler,
    FakeSecretBox,
    InMemoryUnitOfWork,
    RecordingPublishingObserver,
    Store,
    WorkerDied,
)

C = TypeVar("C", bound=CommentUseCase)
NOON = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
ACCOUNT = "17841400000000001"
TOKEN = "EAAG-secret-token"


class Harness:
    def __init__(self) -> None:
        self.store = Store()
        # Who the use cases act as: Autopost itself, allowed everything, unless a test says.
        self.actor: Actor = SYSTEM
        self.clock = FakeClock(NOON - timedelta(hours=1))
        self.gateway = FakeInstagramGateway(clock=self.clock)
        self.scheduler = FakeScheduler()
        self.box = FakeSecretBox()
        self.policy = PublishingPolicy(
            lease=timedelta(seconds=60),
            poll_interval=timedelta(seconds=5),
            backoff=Backoff(base=timedelta(seconds=10)),
        )
        self.pending: list[tuple[int, int, datetime]] = []
        self.pinterest = FakePinterestGateway(clock=self.clock)
        # Comments go on the media the fake Instagram published, as the real one's do.
        self.media_gateway = FakeInstagramMediaGateway(media_exists=self.gateway.media.__contains__)
        self.quotas = QuotaMemory()
        self.meta = FakeInstagramLoginGateway()
        self.pinterest_policy = PinterestPolicy(environment="sandbox")
        self.posting_policy = PostingPolicy()
        # The claims "this process" holds: shared by every publisher the harness makes.
        self.held = HeldClaims()
        self.observer = RecordingPublishingObserver()
        self.gateway.before_call = self.no_transaction_open
        self.pinterest.before_call = self.no_transaction_open
        self.media_gateway.before_call = self.no_transaction_open
        # Waits take no time: they move the clock on.
        self.pause = FakePause(self.clock)
        # The media library's files, and how the platforms are sent them.
        self.storage = FakeMediaStorage()
        self.link_policy = MediaLinkPolicy(
            "https://autopost.example", timedelta(days=1), link_key("harness-secret")
        )

    def uow(self) -> InMemoryUnitOfWork:
        return InMemoryUnitOfWork(self.store, watched=True)

    def links(self) -> MediaLinks:
        return MediaLinks(self.uow(), self.clock, self.link_policy)

    async def upload(self, filename: str, data: bytes, declared: str = "") -> LibraryItem:
        async def chunks() -> AsyncIterator[bytes]:
            yield data

        use_case = UploadMedia(self.uow(), self.storage, self.clock, 300 * 1024 * 1024)
        return await use_case.execute(self.actor, Upload(filename, declared, chunks()))

    async def delete_from_library(self, item_id: int) -> None:
        await DeleteLibraryItem(self.uow(), self.storage, self.clock).execute(self.actor, item_id)

    async def open_link(self, url: str) -> bytes:
        """What fetching a signed link gets, as a platform would."""
        parts = urlsplit(url)
        name = parts.path.rsplit("/", 1)[-1]
        item_id, suffix = name.split(".", 1)
        query = parse_qs(parts.query)
        opened = await OpenSignedFile(
            self.uow(), self.storage, self.clock, self.link_policy.key
        ).execute(int(item_id), f".{suffix}", int(query["expires"][0]), query["signature"][0])
        return b"".join([chunk async for chunk in opened.chunks])

    def no_transaction_open(self, call: str) -> None:
        """No transaction of Autopost's is open across a call to a platform: a database would
        hold its locks (SQLite, its one write lock) for as long as the platform takes."""
        assert not self.store.open_transactions, f"a transaction is open across {call}"

    @property
    def tokens(self) -> PinterestTokens:
        return PinterestTokens(
            self.pinterest, self.box, self.clock, self.pinterest_policy, self.uow()
        )

    @property
    def catalog(self) -> BoardCatalog:
        return BoardCatalog(
            self.pinterest, self.tokens, self.clock, self.pinterest_policy, self.uow()
        )

    @property
    def dispatcher(self) -> Dispatcher:
        return Dispatcher(self.scheduler, self.clock, self.policy)

    async def schedule(
        self,
        at: When = NOON,
        content_type: ContentType = ContentType.PHOTO,
        url: str | None = "https://cdn.example.com/a.jpg",
        caption: str | None = "Hello",
        token: str | None = TOKEN,
        **content: object,
    ) -> PostView:
        command = SchedulePost(
            content=InstagramContent(
                content_type=content_type, url=url, caption=caption, **content
            ),  # type: ignore[arg-type]
            date_pub=at,
            user_id=ACCOUNT,
            token=token,
        )
        return await self.schedule_command(command)

    async def schedule_command(self, command: SchedulePost) -> PostView:
        return await SchedulePostUseCase(
            self.uow(),
            self.box,
            self.clock,
            self.dispatcher,
            self.catalog,
            self.pinterest_policy.template,
            self.posting_policy,
        ).execute(self.actor, command)

    async def start_instagram_connect(self, login: InstagramLogin) -> str:
        url = await StartInstagramConnect(self.uow(), self.meta, self.clock).execute(
            self.actor, login
        )
        return parse_qs(urlsplit(url).query)["state"][0]

    async def finish_instagram_connect(
        self, state: str | None, code: str | None = "the-code", error: str | None = None
    ) -> list[Credential]:
        return await FinishInstagramConnect(self.uow(), self.meta, self.box, self.clock).execute(
            state, code, error
        )

    def patience(self, policy: RetryPolicy | None = None) -> Patience:
        """The pauses of the harness's clock, with the jitter always in the middle."""
        return Patience(self.pause, self.clock, policy or RetryPolicy(), rand=lambda: 0.5)

    def refresh_instagram_tokens(self) -> RefreshInstagramTokens:
        return RefreshInstagramTokens(self.uow(), self.meta, self.box, self.clock)

    def sync(self) -> SyncInstagramMedia:
        return SyncInstagramMedia(
            self.uow(), self.media_gateway, self.box, self.clock, self.patience()
        )

    def comments(self, use_case: type[C]) -> C:
        return use_case(self.uow(), self.media_gateway, self.box, self.clock)

    def list_media(self) -> ListMedia:
        return ListMedia(self.uow())

    async def start_pinterest_connect(self, user_id: int | None = None) -> str:
        """The ``state`` Autopost put in the consent page's address."""
        url = await StartPinterestConnect(
            self.uow(), self.pinterest, self.clock, self.pinterest_policy
        ).execute(Actor(user_id, frozenset({Role.PUBLISHERS})) if user_id else self.actor)
        return parse_qs(urlsplit(url).query)["state"][0]

    async def finish_pinterest_connect(
        self, state: str | None, code: str | None = "the-code", error: str | None = None
    ) -> Credential:
        return await FinishPinterestConnect(
            self.uow(),
            self.pinterest,
            self.tokens,
            self.catalog,
            self.box,
            self.clock,
            self.pinterest_policy,
        ).execute(state, code, error)

    async def connect_instagram(self, account_id: str, token: str = TOKEN) -> Credential:
        """Another Instagram account connected, as ``POST /api/v1/credentials/`` does."""
        command = ConnectAccount(Platform.INSTAGRAM, account_id, token)
        use_case = SaveCredential(self.uow(), self.box, self.clock, self.pinterest_policy)
        return await use_case.execute(self.actor, command)

    async def connect_pinterest(self) -> Credential:
        return await self.finish_pinterest_connect(await self.start_pinterest_connect())

    async def schedule_pin(self, at: When = NOON, **fields: Any) -> PostView:
        board_id = fields.pop("board_id", None)
        content = {
            "content_type": ContentType.PHOTO,
            "url": "https://cdn.example.com/quiz.png",
            "link": "https://quiz.example/q/1",
        }
        content.update(fields)
        command = SchedulePost(
            content=PinContent(**content),
            date_pub=at,
            board_id=board_id,
        )
        return await self.schedule_command(command)

    async def edit(self, post_id: int, **fields: object) -> PostView:
        date_pub = fields.pop("date_pub", None)
        command = EditPost(post_id=post_id, changes=fields, date_pub=date_pub)  # type: ignore[arg-type]
        return await EditPostUseCase(
            self.uow(),
            self.box,
            self.clock,
            self.dispatcher,
            self.catalog,
            self.pinterest_policy.template,
            self.posting_policy,
        ).execute(self.actor, command)

    async def cancel(self, post_id: int) -> None:
        await CancelPostUseCase(self.uow(), self.clock).execute(self.actor, post_id)

    async def retry(self, post_id: int) -> PostView:
        use_case = RetryPostUseCase(self.uow(), self.clock, self.dispatcher)
        return await use_case.execute(self.actor, post_id)

    async def get(self, post_id: int) -> PostView:
        return await GetPostUseCase(self.uow(), self.clock).execute(self.actor, post_id)

    def publisher(self) -> PublishPublication:
        publishers = {
            Platform.INSTAGRAM: InstagramPublisher(
                self.gateway,
                self.box,
                self.quotas,
                self.links(),
                InstagramVideoUpload(self.uow(), self.storage, self.gateway),
            ),
            Platform.PINTEREST: PinterestPublisher(
                self.pinterest,
                self.tokens,
                self.catalog,
                self.links(),
                PinterestVideoUpload(self.uow(), self.storage, self.pinterest, self.pause),
                InlineImages(self.uow(), self.storage),
            ),
        }
        writers = {Platform.INSTAGRAM: InstagramCommentWriter(self.media_gateway, self.box)}
        return PublishPublication(
            self.uow(),
            publishers,
            self.clock,
            self.dispatcher,
            self.policy,
            self.held,
            comment_writers=writers,
            observer=self.observer,
        )

    async def renew_leases(self) -> int:
        return await RenewLeases(self.uow(), self.clock, self.policy, self.held).execute()

    async def sweep(self) -> int:
        return await DispatchDue(self.uow(), self.scheduler, self.clock, self.policy).execute()

    async def deliver_due(self) -> int:
        """Run every message whose time has come, as a broker and a worker would."""
        self.pending.extend(self.scheduler.take())
        due = [m for m in self.pending if m[2] <= self.clock.now()]
        self.pending = [m for m in self.pending if m[2] > self.clock.now()]
        for publication_id, version, _ in sorted(due, key=lambda m: m[2]):
            with contextlib.suppress(WorkerDied):  # the process is gone, its message with it
                await self.publisher().execute(publication_id, version)
        return len(due)

    async def run_until(
        self, end: datetime, sweep_every: timedelta = timedelta(seconds=30)
    ) -> None:
        """Turn the clock to ``end`` as a worker would live through it: delivering messages
        as they come due, and running the safety sweep every ``sweep_every``."""
        next_sweep = self.clock.now()
        while True:
            if self.clock.now() >= next_sweep:
                await self.sweep()
                next_sweep = self.clock.now() + sweep_every
            await self.deliver_due()
            if self.clock.now() >= end:
                return
            upcoming = [m[2] for m in self.pending + self.scheduler.sent if m[2] > self.clock.now()]
            target = min([end, next_sweep, *upcoming])
            self.clock.set(max(target, self.clock.now() + timedelta(microseconds=1)))


def pinterest_world() -> Harness:
    """Five minutes before noon, with a Pinterest whose account has one board, "code"."""
    world = Harness()
    world.clock.set(NOON - timedelta(minutes=5))
    world.pinterest.boards = [RemoteBoard("900", "code")]
    return world
