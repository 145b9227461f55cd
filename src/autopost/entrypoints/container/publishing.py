"""Publishing: handing publications to the broker, each platform's publisher, publishing one
publication, the leases on what this process holds, and the sweep."""

from __future__ import annotations

from dependency_injector import containers, providers

from autopost.adapters.observability.prometheus_publishing_observer import (
    PrometheusPublishingObserver,
)
from autopost.application.library.inline_images import InlineImages
from autopost.application.library.links import MediaLinks
from autopost.application.publishing.addresses import PendingAddresses
from autopost.application.publishing.claim_leases import HandBackClaims, HeldClaims, RenewLeases
from autopost.application.publishing.dispatch import Dispatcher
from autopost.application.publishing.instagram.first_comment import InstagramCommentWriter
from autopost.application.publishing.instagram.publisher import InstagramPublisher
from autopost.application.publishing.instagram.quota import QuotaMemory
from autopost.application.publishing.instagram.video_upload import InstagramVideoUpload
from autopost.application.publishing.pinterest.publisher import PinterestPublisher
from autopost.application.publishing.pinterest.video_upload import PinterestVideoUpload
from autopost.application.publishing.publish import PublishPublication
from autopost.application.publishing.sweep import DispatchDue
from autopost.domain.platform import Platform


class Publishing(containers.DeclarativeContainer):
    infrastructure = providers.DependenciesContainer()
    instagram = providers.DependenciesContainer()
    pinterest = providers.DependenciesContainer()
    uow = infrastructure.uow
    clock = infrastructure.clock
    policy = infrastructure.policy
    scheduler = infrastructure.scheduler

    dispatcher = providers.Factory(Dispatcher, scheduler, clock, policy)
    # A post's library files, as the signed links the platforms fetch them from.
    links = providers.Factory(MediaLinks, uow, clock, infrastructure.media_link_policy)
    publishers = providers.Dict(
        {
            Platform.INSTAGRAM: providers.Factory(
                InstagramPublisher,
                instagram.gateway,
                infrastructure.secret_box,
                providers.Singleton(QuotaMemory),
                links,
                providers.Factory(
                    InstagramVideoUpload, uow, infrastructure.media_storage, instagram.gateway
                ),
            ),
            Platform.PINTEREST: providers.Factory(
                PinterestPublisher,
                pinterest.gateway,
                pinterest.tokens,
                pinterest.board_catalog,
                links,
                providers.Factory(
                    PinterestVideoUpload,
                    uow,
                    infrastructure.media_storage,
                    pinterest.gateway,
                    infrastructure.pause,
                ),
                providers.Factory(InlineImages, uow, infrastructure.media_storage),
            ),
        }
    )
    # The platforms whose posts may carry a first comment, written once they are published.
    comment_writers = providers.Dict(
        {
            Platform.INSTAGRAM: providers.Factory(
                InstagramCommentWriter, instagram.media_gateway, infrastructure.secret_box
            ),
        }
    )
    # The claims this process holds, renewed together while their work goes on.
    held_claims = providers.Singleton(HeldClaims)
    # The published posts whose address is still to be asked, gathered by account.
    pending_addresses = providers.Singleton(PendingAddresses)
    observer = providers.Singleton(PrometheusPublishingObserver)
    publish = providers.Factory(
        PublishPublication,
        uow,
        publishers,
        clock,
        dispatcher,
        policy,
        held_claims,
        pending_addresses,
        comment_writers,
        observer,
    )
    renew_leases = providers.Factory(RenewLeases, uow, clock, policy, held_claims)
    hand_back_claims = providers.Factory(HandBackClaims, uow, clock)
    dispatch_due = providers.Factory(DispatchDue, uow, scheduler, clock, policy)
