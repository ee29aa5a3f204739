"""Sign-in through the municipality's identity provider with OpenID Connect (mozilla-django-oidc).

The library does the authorization code flow with state, nonce and PKCE; this module makes it
fail closed where the library is lenient: the ID token must be signed with the configured
algorithm by a key from the provider's JWKS, issued by the configured issuer to this client,
and unexpired. A person is matched to an existing account by one claim
(STYRA_OIDC_MATCH_CLAIM against the user's email or username); an unknown person is refused
unless STYRA_OIDC_CREATE_USERS is on, and then gets an account with no role. Roles are
given in Styra, and, when STYRA_OIDC_GROUPS_CLAIM names the claim that lists the person's
groups, also by the groups: each sign-in makes the person's roles from the provider those
that accounts.GroupRole maps the groups to (services.memberships_sync_from_groups).

An e-mail address is only trusted when the provider says it verified it (`email_verified`),
and a superuser or staff member is never signed in by an e-mail match: whoever can
register that address at the provider would otherwise open Django's admin. The provider's
second factor stands in for Styra's TOTP (STYRA_OIDC_REQUIRE_MFA): the ID token must show
it, in `amr` (RFC 8176 "mfa") or as an `acr` from STYRA_OIDC_ACR_VALUES, which is also
requested.
See docs/identity-provider.md.
"""

from __future__ import annotations

import logging
from typing import Any

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from .services import memberships_sync_from_groups

log = logging.getLogger(__name__)

# mozilla-django-oidc ships no types: its classes are Any to mypy, hence the
# `type: ignore[misc]` (subclassing Any) on the three classes below.

# Claims every ID token must carry (OpenID Connect Core 1.0, 2).
REQUIRED_CLAIMS = ["iss", "sub", "aud", "exp", "iat"]
CLOCK_SKEW_SECONDS = 60


class Backend(OIDCAuthenticationBackend):  # type: ignore[misc]
    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        """The user, or None for a request that is no OIDC callback; PermissionDenied on refusal.

        PermissionDenied makes django.contrib.auth.authenticate() stop, send
        `user_login_failed` (the security log) and return None.
        """
        try:
            user: User | None = super().authenticate(request, **kwargs)
            return user
        except (SuspiciousOperation, requests.RequestException) as exc:
            log.warning("OpenID Connect sign-in refused: %s", exc)
            raise PermissionDenied from exc

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        try:
            claims: dict[str, Any] = super().verify_token(token, **kwargs)
            return claims
        except (jwt.PyJWTError, KeyError, TypeError, ValueError) as exc:
            raise SuspiciousOperation(f"ID token refused: {exc}") from exc

    def _verify_jws(self, payload: bytes | str, key: Any) -> dict[str, Any]:
        """Check signature, algorithm, issuer, audience and lifetime (the library skips `aud`)."""
        header = jwt.get_unverified_header(payload)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation(f"ID token algorithm {header.get('alg')!r} is not allowed")
        claims: dict[str, Any] = jwt.decode(
            payload,
            key,
            algorithms=[self.OIDC_RP_SIGN_ALGO],
            audience=self.OIDC_RP_CLIENT_ID,
            issuer=settings.OIDC_OP_ISSUER,
            leeway=CLOCK_SKEW_SECONDS,
            options={"require": REQUIRED_CLAIMS},
        )
        audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        if len(audiences) > 1 and claims.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise SuspiciousOperation("ID token for several audiences without our azp")
        return claims

    def get_userinfo(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> dict[str, Any]:
        """The ID token's claims, completed from the userinfo endpoint when one is configured."""
        if not self.OIDC_OP_USER_ENDPOINT:
            return payload
        userinfo: dict[str, Any] = super().get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub") != payload["sub"]:
            raise SuspiciousOperation("userinfo is about someone else than the ID token")
        return {**userinfo, **payload}

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        """The match claim is there, an e-mail used to match is verified, and so is the MFA.

        Raises SuspiciousOperation with the reason, for the log; the person sees the
        login page's refusal.
        """
        if not claims.get(settings.STYRA_OIDC_MATCH_CLAIM):
            raise SuspiciousOperation(f"no {settings.STYRA_OIDC_MATCH_CLAIM} claim")
        if _matches_by_email() and not _email_verified(claims):
            raise SuspiciousOperation("the e-mail address is not verified by the provider")
        acr_values = settings.STYRA_OIDC_ACR_VALUES
        if acr_values:
            # A configured level is required of every token, and it is the MFA the token shows.
            if claims.get("acr") not in acr_values:
                raise SuspiciousOperation(f"acr {claims.get('acr')!r} is not one of {acr_values}")
        elif settings.STYRA_OIDC_REQUIRE_MFA and not _amr_shows_mfa(claims):
            raise SuspiciousOperation("the ID token shows no second factor (acr/amr)")
        return True

    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[User]:
        value = claims.get(settings.STYRA_OIDC_MATCH_CLAIM)
        users: QuerySet[User]
        if not value:
            users = self.UserModel.objects.none()
            return users
        if settings.STYRA_OIDC_MATCH_FIELD == "email":
            users = self.UserModel.objects.filter(email__iexact=value)
        else:
            users = self.UserModel.objects.filter(username=value)
        # An e-mail claim matched against usernames is an e-mail match too. Staff open
        # Django's admin like a superuser, with whatever rights they were given there.
        if _matches_by_email() and any(user.is_superuser or user.is_staff for user in users):
            # Refused outright, not skipped: provisioning would otherwise make a second
            # account with the superuser's address.
            raise SuspiciousOperation("a superuser or staff member is never signed in by e-mail")
        return users

    def create_user(self, claims: dict[str, Any]) -> User:
        """A new account without any role (STYRA_OIDC_CREATE_USERS)."""
        value = str(claims[settings.STYRA_OIDC_MATCH_CLAIM])
        if self.UserModel.objects.filter(username=value).exists():
            raise SuspiciousOperation("a local account already has that username")
        user: User = self.UserModel(
            username=value,
            email=claims.get("email", ""),
            first_name=claims.get("given_name", "")[:150],
            last_name=claims.get("family_name", "")[:150],
        )
        user.set_unusable_password()
        user.full_clean()
        with transaction.atomic():  # the account and its audit entry are stored together
            user.save()
        log.info("OpenID Connect created the account %s without roles", user.pk)
        _sync_groups(user, claims)
        return user

    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        """A known account signs in: only its roles from the groups follow the claims."""
        _sync_groups(user, claims)
        return user

    def get_user(self, user_id: int) -> User | None:
        """As ModelBackend: an inactive user is nobody (the library's version forgets this)."""
        user: User | None = super().get_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


def _groups(value: Any) -> list[str]:
    """The group claim as a list of names: a list of strings, or one string of names.

    Anything else (missing, a number, an object) is no groups at all, so that a token
    without the claim takes the mapped roles away rather than keeping them.
    """
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def _sync_groups(user: User, claims: dict[str, Any]) -> None:
    claim = settings.STYRA_OIDC_GROUPS_CLAIM
    if not claim or not user.is_active:
        return
    added, removed = memberships_sync_from_groups(user=user, groups=_groups(claims.get(claim)))
    if added or removed:
        log.info("OpenID Connect groups: account %s +%d -%d roles", user.pk, added, removed)


def _matches_by_email() -> bool:
    return settings.STYRA_OIDC_MATCH_FIELD == "email" or settings.STYRA_OIDC_MATCH_CLAIM == "email"


def _email_verified(claims: dict[str, Any]) -> bool:
    # Some providers send the boolean as a string ("true", "True"); anything else is no.
    value = claims.get("email_verified")
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def _amr_shows_mfa(claims: dict[str, Any]) -> bool:
    """`amr` holds "mfa" (RFC 8176)."""
    amr = claims.get("amr")
    if isinstance(amr, str):
        amr = amr.split()
    # RFC 8176 makes it a list of strings; anything else (a number, an object) shows nothing.
    return isinstance(amr, list) and "mfa" in amr


class LoginView(OIDCAuthenticationRequestView):  # type: ignore[misc]
    """Sends the browser to the identity provider with state, nonce and a PKCE challenge."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.STYRA_OIDC_ENABLED:
            raise Http404
        response: HttpResponse = super().dispatch(request, *args, **kwargs)
        return response

    def get_extra_params(self, request: HttpRequest) -> dict[str, str]:
        """Ask for the authentication level the ID token must then show (STYRA_OIDC_ACR_VALUES)."""
        params = dict(super().get_extra_params(request))
        if settings.STYRA_OIDC_ACR_VALUES:
            params["acr_values"] = " ".join(settings.STYRA_OIDC_ACR_VALUES)
        return params


class CallbackView(OIDCAuthenticationCallbackView):  # type: ignore[misc]
    """Where the identity provider sends the browser back; every refusal lands on the login page."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.STYRA_OIDC_ENABLED:
            raise Http404
        response: HttpResponse = super().dispatch(request, *args, **kwargs)
        return response

    @property
    def failure_url(self) -> str:
        return resolve_url(settings.LOGIN_URL)

    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            response: HttpResponse = super().get(request)
            return response
        except SuspiciousOperation as exc:  # a state this browser never sent
            log.warning("OpenID Connect callback refused: %s", exc)
            return self.login_failure()

    def login_failure(self) -> HttpResponse:
        messages.error(
            self.request,
            _(
                "Inloggningen med kommunens konto misslyckades. Försök igen, eller kontakta "
                "en administratör om du inte har något konto i Styra."
            ),
        )
        response: HttpResponse = super().login_failure()
        return response
