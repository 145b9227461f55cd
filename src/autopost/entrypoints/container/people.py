"""People: users and groups, signing in (password, session, Google), API tokens, the
audit trail."""

from __future__ import annotations

from datetime import timedelta

from dependency_injector import containers, providers

from autopost.adapters.http.session_cookies import SignInSettings
from autopost.adapters.platforms.google_sign_in_api import HttpxGoogleSignInGateway
from autopost.application.idempotency import IdempotentCreates
from autopost.application.people.accounts import AuthenticateToken, CreateSuperuser, IssueApiToken
from autopost.application.people.api_tokens import (
    IssueNamedApiToken,
    ListApiTokens,
    RevokeApiToken,
)
from autopost.application.people.audit_listing import ListAuditEntries
from autopost.application.people.google_sign_in import FinishGoogleSignIn, StartGoogleSignIn
from autopost.application.people.groups import GetGroup, ListGroups
from autopost.application.people.password_check import PasswordCheck
from autopost.application.people.sessions import AuthenticateSession, SignOut
from autopost.application.people.sign_in import SignIn
from autopost.application.people.user_changes import AssignGroups, CreateUser, UpdateUser
from autopost.application.people.user_settings import (
    ChangePassword,
    GetUserSettings,
    UpdateUserSettings,
)
from autopost.application.people.users import DeleteUser, GetUser, ListUsers, UserStats
from autopost.entrypoints.settings import Settings


def sign_in_settings(settings: Settings) -> SignInSettings:
    return SignInSettings(
        session_max_age_seconds=int(settings.session_max_age_seconds),
        secure_cookies=settings.secure_cookies,
        trust_proxy_headers=settings.trust_proxy_headers,
        debug=settings.debug,
        # What the debug pages may show: never the client secret.
        google={
            "client_id": settings.google_client_id,
            "client_secret": "set" if settings.google_client_secret else "not set",
            "redirect_uri": settings.google_redirect_uri,
            "authorize_url": settings.google_authorize_url,
            "token_url": settings.google_token_url,
            "userinfo_url": settings.google_userinfo_url,
        },
    )


def session_lifetime(settings: Settings) -> timedelta:
    return timedelta(seconds=settings.session_max_age_seconds)


class People(containers.DeclarativeContainer):
    infrastructure = providers.DependenciesContainer()
    settings = infrastructure.settings
    uow = infrastructure.uow
    clock = infrastructure.clock
    secret_box = infrastructure.secret_box
    password_hasher = infrastructure.password_hasher

    sign_in_settings = providers.Singleton(sign_in_settings, settings)
    session_lifetime = providers.Callable(session_lifetime, settings)
    # One check behind signing in and getting a token: they count, refuse and wait alike.
    password_check = providers.Factory(PasswordCheck, password_hasher, clock, infrastructure.pause)

    create_superuser = providers.Factory(CreateSuperuser, uow, password_hasher, clock)
    issue_api_token = providers.Factory(IssueApiToken, uow, password_check, clock)
    authenticate_token = providers.Factory(AuthenticateToken, uow)
    list_api_tokens = providers.Factory(ListApiTokens, uow)
    issue_named_api_token = providers.Factory(IssueNamedApiToken, uow, clock)
    revoke_api_token = providers.Factory(RevokeApiToken, uow, clock)

    sign_in = providers.Factory(SignIn, uow, password_check, clock, lifetime=session_lifetime)
    authenticate_session = providers.Factory(AuthenticateSession, uow, clock)
    sign_out = providers.Factory(SignOut, uow, clock)
    google_sign_in_gateway = providers.Singleton(
        HttpxGoogleSignInGateway,
        infrastructure.http_client,
        settings.provided.google_client_id,
        settings.provided.google_client_secret,
        settings.provided.google_redirect_uri,
        settings.provided.google_authorize_url,
        settings.provided.google_token_url,
        settings.provided.google_userinfo_url,
    )
    start_google_sign_in = providers.Factory(StartGoogleSignIn, uow, google_sign_in_gateway, clock)
    finish_google_sign_in = providers.Factory(
        FinishGoogleSignIn, uow, google_sign_in_gateway, clock, lifetime=session_lifetime
    )

    list_users = providers.Factory(ListUsers, uow)
    get_user = providers.Factory(GetUser, uow)
    create_user = providers.Factory(CreateUser, uow, password_hasher, secret_box, clock)
    update_user = providers.Factory(UpdateUser, uow, secret_box, clock)
    delete_user = providers.Factory(DeleteUser, uow, clock)
    assign_groups = providers.Factory(AssignGroups, uow, clock)
    user_stats = providers.Factory(UserStats, uow)
    change_password = providers.Factory(ChangePassword, uow, password_hasher, clock)
    get_user_settings = providers.Factory(GetUserSettings, uow)
    update_user_settings = providers.Factory(UpdateUserSettings, uow, secret_box, clock)
    list_groups = providers.Factory(ListGroups, uow)
    get_group = providers.Factory(GetGroup, uow)
    list_audit_entries = providers.Factory(ListAuditEntries, uow)
    idempotent_creates = providers.Factory(
        IdempotentCreates, uow, clock, settings.provided.secret_key
    )
