"""OpenID Connect sign-in: the happy path and every refusal, against a fake identity provider.

The provider is a locally generated RSA key, its JWKS and a token endpoint faked by
replacing `requests` in mozilla-django-oidc; nothing leaves the machine.
"""

from __future__ import annotations

import base64
import hashlib
import json
import time
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import SESSION_KEY, get_user_model
from django.urls import reverse

from styra.accounts.models import Membership, Role

ISSUER = "https://idp.kommun.test/realms/styra"
CLIENT_ID = "styra"
KID = "key-1"


def _rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


IDP_KEY = _rsa_key()
OTHER_KEY = _rsa_key()


class FakeResponse:
    def __init__(self, body: dict, status: int = 200, url: str = ""):
        self.status_code = status
        self._body = body
        self.url = url
        self.headers = {"content-type": "application/json"}
        self.text = json.dumps(body)

    def json(self):
        return self._body

    def raise_for_status(self):
        if self.status_code != 200:
            raise requests.HTTPError(f"{self.status_code}", response=self)


class FakeProvider:
    """Answers the token and JWKS endpoints; `id_token` is what the next token request gets."""

    def __init__(self):
        self.token_requests: list[dict] = []
        self.id_token: str | None = None
        self.userinfo: dict | None = None

    def post(self, url, data=None, **kwargs):
        assert url == "https://idp.kommun.test/token"
        self.token_requests.append(dict(data))
        return FakeResponse(
            {"id_token": self.id_token, "access_token": "access", "token_type": "Bearer"}
        )

    def get(self, url, **kwargs):
        if url == "https://idp.kommun.test/jwks":
            jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(IDP_KEY.public_key()))
            return FakeResponse({"keys": [{**jwk, "kid": KID, "alg": "RS256", "use": "sig"}]})
        if url == "https://idp.kommun.test/userinfo" and self.userinfo is not None:
            return FakeResponse(self.userinfo)
        raise AssertionError(f"unexpected request to {url}")


@pytest.fixture
def idp(settings, monkeypatch):
    settings.STYRA_OIDC_ENABLED = True
    settings.OIDC_OP_ISSUER = ISSUER
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://idp.kommun.test/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://idp.kommun.test/token"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://idp.kommun.test/jwks"
    settings.OIDC_OP_USER_ENDPOINT = ""
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = "hemligt" * 8
    settings.OIDC_CREATE_USER = False
    settings.STYRA_OIDC_MATCH_CLAIM = "email"
    settings.STYRA_OIDC_MATCH_FIELD = "email"
    settings.STYRA_OIDC_REQUIRE_MFA = True
    settings.STYRA_OIDC_ACR_VALUES = []
    settings.STYRA_OIDC_GROUPS_CLAIM = ""
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "styra.accounts.oidc.Backend",
    ]
    provider = FakeProvider()
    monkeypatch.setattr("mozilla_django_oidc.auth.requests.post", provider.post)
    monkeypatch.setattr("mozilla_django_oidc.auth.requests.get", provider.get)
    return provider


@pytest.fixture
def anna(db):
    return get_user_model().objects.create_user(
        username="anna", email="Anna.Andersson@kommun.test", password="ett-lösenord-123"
    )


def _start(client, next_url: str = "") -> dict:
    """Begin a sign-in; returns the parameters Styra sent to the provider."""
    url = reverse("accounts:oidc_login") + (f"?next={next_url}" if next_url else "")
    response = client.get(url)
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == (
        "https://idp.kommun.test/authorize"
    )
    return {key: values[0] for key, values in parse_qs(location.query).items()}


def _id_token(key=IDP_KEY, kid=KID, algorithm="RS256", **claims) -> str:
    now = int(time.time())
    payload = {
        "iss": ISSUER,
        "aud": CLIENT_ID,
        "sub": "f3b1-anna",
        "iat": now,
        "exp": now + 300,
        "email": "anna.andersson@kommun.test",
        "email_verified": True,
        "amr": ["pwd", "mfa"],
        **claims,
    }
    payload = {name: value for name, value in payload.items() if value is not None}
    return jwt.encode(payload, key, algorithm=algorithm, headers={"kid": kid})


def _callback(client, state: str, code: str = "kod-123"):
    return client.get(reverse("accounts:oidc_callback"), {"code": code, "state": state})


def _signed_in(client) -> bool:
    return SESSION_KEY in client.session


def test_it_signs_in_a_known_user_with_pkce_state_and_nonce(client, idp, anna):
    params = _start(client, next_url="/organisation/")
    assert params["client_id"] == CLIENT_ID and params["response_type"] == "code"
    assert params["code_challenge_method"] == "S256" and params["state"] and params["nonce"]
    idp.id_token = _id_token(nonce=params["nonce"])

    response = _callback(client, params["state"])

    assert response.status_code == 302 and response["Location"] == "/organisation/"
    assert client.session[SESSION_KEY] == str(anna.pk)
    # PKCE: the token request proves knowledge of the verifier behind the challenge.
    verifier = idp.token_requests[0]["code_verifier"]
    digest = hashlib.sha256(verifier.encode()).digest()
    assert base64.urlsafe_b64encode(digest).rstrip(b"=").decode() == params["code_challenge"]
    assert idp.token_requests[0]["code"] == "kod-123"


def test_it_does_not_give_roles_from_the_provider(client, idp, anna):
    params = _start(client)
    idp.id_token = _id_token(nonce=params["nonce"], roles=["admin"], groups=["styra-admin"])
    _callback(client, params["state"])
    assert _signed_in(client)
    assert not Membership.objects.filter(user=anna).exists()
    anna.refresh_from_db()
    assert not anna.is_superuser and not anna.is_staff


@pytest.mark.parametrize(
    "token_kwargs",
    [
        pytest.param({"key": OTHER_KEY}, id="bad-signature"),
        pytest.param({"iss": "https://evil.test/realms/styra"}, id="wrong-issuer"),
        pytest.param({"iss": None}, id="no-issuer"),
        pytest.param({"aud": "another-app"}, id="wrong-audience"),
        pytest.param({"aud": None}, id="no-audience"),
        pytest.param({"aud": ["styra", "another-app"]}, id="several-audiences-no-azp"),
        pytest.param({"exp": int(time.time()) - 3600}, id="expired"),
        pytest.param({"exp": None}, id="no-expiry"),
        pytest.param({"nonce": "a-nonce-we-never-sent"}, id="wrong-nonce"),
        pytest.param({"nonce": None}, id="no-nonce"),
        pytest.param({"kid": "unknown-key"}, id="unknown-key-id"),
    ],
)
def test_it_refuses_a_bad_id_token(client, idp, anna, token_kwargs):
    params = _start(client)
    claims = {"nonce": params["nonce"], **token_kwargs}
    if "exp" in token_kwargs and token_kwargs["exp"] is not None:
        claims["iat"] = token_kwargs["exp"] - 300
    idp.id_token = _id_token(**claims)

    response = _callback(client, params["state"])

    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")
    assert not _signed_in(client)
    page = client.get(response["Location"]).content.decode()
    assert "Inloggningen med kommunens konto misslyckades" in page


def test_it_refuses_an_unsigned_or_symmetric_token(client, idp, anna):
    for token in (
        jwt.encode({"iss": ISSUER, "aud": CLIENT_ID, "sub": "x"}, None, algorithm="none"),
        _id_token(key="hemligt" * 8, algorithm="HS256"),
    ):
        params = _start(client)
        idp.id_token = token
        response = _callback(client, params["state"])
        assert response["Location"] == reverse("accounts:login")
        assert not _signed_in(client)


def test_it_accepts_several_audiences_when_it_is_the_authorized_party(client, idp, anna):
    params = _start(client)
    idp.id_token = _id_token(nonce=params["nonce"], aud=[CLIENT_ID, "other"], azp=CLIENT_ID)
    _callback(client, params["state"])
    assert _signed_in(client)


def test_it_refuses_a_state_it_never_sent(client, idp, anna):
    params = _start(client)
    idp.id_token = _id_token(nonce=params["nonce"])
    response = _callback(client, "a-state-from-someone-else")
    assert response["Location"] == reverse("accounts:login")
    assert not _signed_in(client) and idp.token_requests == []


def test_it_refuses_a_callback_without_a_started_sign_in(client, idp, anna):
    response = _callback(client, "any-state")
    assert response["Location"] == reverse("accounts:login")
    assert not _signed_in(client) and idp.token_requests == []


def test_it_refuses_a_replayed_state(client, idp, anna):
    params = _start(client)
    idp.id_token = _id_token(nonce=params["nonce"])
    _callback(client, params["state"])
    client.post(reverse("accounts:logout"))
    assert not _signed_in(client)
    response = _callback(client, params["state"])
    assert response["Location"] == reverse("accounts:login") and not _signed_in(client)


def test_it_refuses_when_the_provider_reports_an_error(client, idp, anna):
    params = _start(client)
    response = client.get(
        reverse("accounts:oidc_callback"), {"error": "access_denied", "state": params["state"]}
    )
    assert response["Location"] == reverse("accounts:login") and not _signed_in(client)


def test_it_refuses_an_unknown_person_when_provisioning_is_off(client, idp, anna):
    params = _start(client)
    idp.id_token = _id_token(nonce=params["nonce"], email="okand@kommun.test")
    response = _callback(client, params["state"])
    assert response["Location"] == reverse("accounts:login") and not _signed_in(client)
    assert not get_user_model().objects.filter(email="okand@kommun.test").exists()


def test_it_creates_an_account_without_roles_when_provisioning_is_on(client, idp, settings, db):
    settings.OIDC_CREATE_USER = True
    params = _start(client)
    idp.id_token = _id_token(
        nonce=params["nonce"], email="ny@kommun.test", given_name="Nils", family_name="Ny"
    )
    _callback(client, params["state"])
    user = get_user_model().objects.get(email="ny@kommun.test")
    assert client.session[SESSION_KEY] == str(user.pk)
    assert user.get_full_name() == "Nils Ny" and not user.has_usable_password()
    assert not user.memberships.exists() and not user.is_superuser and not user.is_staff


def test_it_matches_by_an_employee_id_claim(client, idp, settings, anna):
    settings.STYRA_OIDC_MATCH_CLAIM = "employee_id"
    settings.STYRA_OIDC_MATCH_FIELD = "username"
    employee = get_user_model().objects.create_user(username="K12345")
    params = _start(client)
    idp.id_token = _id_token(nonce=params["nonce"], employee_id="K12345")
    _callback(client, params["state"])
    assert client.session[SESSION_KEY] == str(employee.pk)


def test_it_refuses_a_deactivated_account(client, idp, anna):
    anna.is_active = False
    anna.save()
    params = _start(client)
    idp.id_token = _id_token(nonce=params["nonce"])
    _callback(client, params["state"])
    assert not _signed_in(client)


def test_a_deactivated_account_loses_its_oidc_session_on_the_next_request(client, idp, anna):
    params = _start(client)
    idp.id_token = _id_token(nonce=params["nonce"])
    _callback(client, params["state"])
    assert client.get(reverse("start:home")).status_code == 200
    get_user_model().objects.filter(pk=anna.pk).update(is_active=False)
    response = client.get(reverse("start:home"))
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:login")
    )


def test_it_checks_that_userinfo_is_about_the_same_person(client, idp, settings, anna):
    settings.OIDC_OP_USER_ENDPOINT = "https://idp.kommun.test/userinfo"
    idp.userinfo = {"sub": "someone-else", "email": "anna.andersson@kommun.test"}
    params = _start(client)
    idp.id_token = _id_token(nonce=params["nonce"])
    _callback(client, params["state"])
    assert not _signed_in(client)

    idp.userinfo = {"sub": "f3b1-anna", "name": "Anna Andersson"}
    params = _start(client)
    idp.id_token = _id_token(nonce=params["nonce"])
    _callback(client, params["state"])
    assert _signed_in(client)


def test_failed_oidc_callbacks_are_not_counted_as_password_failures(client, idp, anna):
    for _ in range(8):
        params = _start(client)
        idp.id_token = _id_token(key=OTHER_KEY, nonce=params["nonce"])
        _callback(client, params["state"])
    params = _start(client)
    idp.id_token = _id_token(nonce=params["nonce"])
    _callback(client, params["state"])
    assert _signed_in(client)


def test_an_oidc_administrator_is_not_asked_for_a_totp_code(client, idp, settings, anna, org):
    settings.STYRA_REQUIRE_ADMIN_OTP = True
    Membership.objects.create(user=anna, org_unit=org.city, role=Role.ADMIN)
    params = _start(client)
    idp.id_token = _id_token(nonce=params["nonce"])
    _callback(client, params["state"])
    assert client.get(reverse("start:home")).status_code == 200


def test_the_login_page_offers_the_municipality_account_when_configured(client, idp):
    html = client.get(reverse("accounts:login") + "?next=/organisation/").content.decode()
    assert "Logga in med kommunens konto" in html
    assert reverse("accounts:oidc_login") + "?next=/organisation/" in html


@pytest.mark.django_db
def test_it_is_off_unless_configured(client, settings):
    settings.STYRA_OIDC_ENABLED = False
    assert "kommunens konto" not in client.get(reverse("accounts:login")).content.decode()
    assert client.get(reverse("accounts:oidc_login")).status_code == 404
    assert (
        client.get(reverse("accounts:oidc_callback"), {"code": "x", "state": "y"}).status_code
        == 404
    )


@pytest.mark.parametrize(
    "verified",
    [
        pytest.param(None, id="no-claim"),
        False,
        "false",
        "False",
        pytest.param("yes", id="not-a-boolean"),
        pytest.param(1, id="a-number"),
    ],
)
def test_it_matches_by_e_mail_only_when_the_provider_verified_it(client, idp, anna, verified):
    params = _start(client)
    idp.id_token = _id_token(nonce=params["nonce"], email_verified=verified)
    response = _callback(client, params["state"])
    assert response["Location"] == reverse("accounts:login") and not _signed_in(client)


@pytest.mark.parametrize("verified", ["true", "True", "TRUE"])
def test_it_accepts_a_verified_e_mail_sent_as_a_string(client, idp, anna, verified):
    params = _start(client)
    idp.id_token = _id_token(nonce=params["nonce"], email_verified=verified)
    _callback(client, params["state"])
    assert client.session[SESSION_KEY] == str(anna.pk)


def test_an_unverified_e_mail_creates_no_account_either(client, idp, settings, db):
    settings.OIDC_CREATE_USER = True
    params = _start(client)
    idp.id_token = _id_token(nonce=params["nonce"], email="ny@kommun.test", email_verified=False)
    _callback(client, params["state"])
    assert not _signed_in(client)
    assert not get_user_model().objects.filter(email="ny@kommun.test").exists()


def test_a_matching_employee_id_needs_no_verified_e_mail(client, idp, settings, anna):
    settings.STYRA_OIDC_MATCH_CLAIM = "employee_id"
    settings.STYRA_OIDC_MATCH_FIELD = "username"
    employee = get_user_model().objects.create_user(username="K12345")
    params = _start(client)
    idp.id_token = _id_token(nonce=params["nonce"], employee_id="K12345", email_verified=None)
    _callback(client, params["state"])
    assert client.session[SESSION_KEY] == str(employee.pk)


@pytest.mark.parametrize("create_users", [False, True])
def test_it_never_signs_in_a_superuser_by_e_mail(client, idp, settings, db, create_users):
    settings.OIDC_CREATE_USER = create_users
    get_user_model().objects.create_superuser("root", "Anna.Andersson@kommun.test", "x" * 20)
    params = _start(client)
    idp.id_token = _id_token(nonce=params["nonce"])
    response = _callback(client, params["state"])
    assert response["Location"] == reverse("accounts:login") and not _signed_in(client)
    assert get_user_model().objects.filter(email__iexact="anna.andersson@kommun.test").count() == 1


def test_it_never_signs_in_staff_by_e_mail(client, idp, db):
    """Staff open Django's admin: a matching address at the provider must not be enough."""
    get_user_model().objects.create_user("st", "Anna.Andersson@kommun.test", is_staff=True)
    params = _start(client)
    idp.id_token = _id_token(nonce=params["nonce"])
    response = _callback(client, params["state"])
    assert response["Location"] == reverse("accounts:login") and not _signed_in(client)


def test_an_e_mail_claim_matched_against_usernames_never_signs_in_a_superuser(
    client, idp, settings, db
):
    settings.STYRA_OIDC_MATCH_FIELD = "username"
    get_user_model().objects.create_superuser("anna.andersson@kommun.test", "", "x" * 20)
    params = _start(client)
    idp.id_token = _id_token(nonce=params["nonce"])
    _callback(client, params["state"])
    assert not _signed_in(client)


def test_a_superuser_may_be_matched_by_a_stable_identifier(client, idp, settings, db):
    """Not an e-mail: the provider's own id (sub) or an employee id cannot be registered."""
    settings.STYRA_OIDC_MATCH_CLAIM = "sub"
    settings.STYRA_OIDC_MATCH_FIELD = "username"
    root = get_user_model().objects.create_superuser("f3b1-anna", "", "x" * 20)
    params = _start(client)
    idp.id_token = _id_token(nonce=params["nonce"], email_verified=None)
    _callback(client, params["state"])
    assert client.session[SESSION_KEY] == str(root.pk)


@pytest.mark.parametrize(
    "amr",
    [
        pytest.param(None, id="no-amr"),
        ["pwd"],
        pytest.param("pwd", id="amr-as-text"),
        pytest.param(5, id="amr-as-a-number"),
        pytest.param({"mfa": True}, id="amr-as-an-object"),
    ],
)
def test_it_refuses_a_sign_in_without_a_second_factor(client, idp, anna, amr):
    params = _start(client)
    idp.id_token = _id_token(nonce=params["nonce"], amr=amr)
    response = _callback(client, params["state"])
    assert response["Location"] == reverse("accounts:login") and not _signed_in(client)


def test_it_requests_and_checks_the_configured_acr(client, idp, settings, anna):
    settings.STYRA_OIDC_ACR_VALUES = ["urn:kommun:loa:3", "urn:kommun:loa:4"]
    params = _start(client)
    assert params["acr_values"] == "urn:kommun:loa:3 urn:kommun:loa:4"
    idp.id_token = _id_token(nonce=params["nonce"], amr=None, acr="urn:kommun:loa:2")
    _callback(client, params["state"])
    assert not _signed_in(client)

    params = _start(client)
    idp.id_token = _id_token(nonce=params["nonce"], amr=None, acr="urn:kommun:loa:3")
    _callback(client, params["state"])
    assert _signed_in(client)


def test_without_the_providers_mfa_an_oidc_administrator_is_asked_for_totp(
    client, idp, settings, anna, org
):
    settings.STYRA_REQUIRE_ADMIN_OTP = True
    settings.STYRA_OIDC_REQUIRE_MFA = False
    Membership.objects.create(user=anna, org_unit=org.city, role=Role.ADMIN)
    params = _start(client)
    idp.id_token = _id_token(nonce=params["nonce"], amr=["pwd"])
    _callback(client, params["state"])
    assert _signed_in(client)
    assert client.get(reverse("start:home"))["Location"].startswith(reverse("accounts:otp"))


# ---------------------------------------------------------------- roles from the groups claim


@pytest.fixture
def group_roles(settings, org):
    from styra.accounts.models import GroupRole

    settings.STYRA_OIDC_GROUPS_CLAIM = "groups"
    GroupRole.objects.create(group="styra-socialtjanst", role=Role.READER, org_unit=org.north)
    GroupRole.objects.create(group="styra-enhet-a", role=Role.EDITOR, org_unit=org.unit_a)
    return org


def _sign_in_with(client, idp, **claims):
    params = _start(client)
    idp.id_token = _id_token(nonce=params["nonce"], **claims)
    return _callback(client, params["state"])


def _roles(user):
    """(node, role, from the provider) of each of the user's roles."""
    from styra.accounts.models import Source

    rows = Membership.objects.filter(user=user).values_list("org_unit__name", "role", "source")
    return {(name, role, source == Source.IDENTITY_PROVIDER) for name, role, source in rows}


def test_each_sign_in_gives_the_roles_of_the_persons_groups(client, idp, anna, group_roles):
    from styra.audit.models import SecurityEvent, SecurityKind

    _sign_in_with(client, idp, groups=["styra-socialtjanst", "styra-enhet-a", "okand-grupp"])
    assert _signed_in(client)
    assert _roles(anna) == {("Norra nämnden", "reader", True), ("Enhet A", "editor", True)}
    membership = Membership.objects.get(user=anna, role=Role.EDITOR)
    assert membership.granted_by == "identitetsleverantören (styra-enhet-a)"
    events = SecurityEvent.objects.filter(kind=SecurityKind.ROLE_GRANTED)
    assert {e.actor for e in events} == {"anna"}

    client.logout()
    _sign_in_with(client, idp, groups="styra-socialtjanst")  # one string of names
    assert _roles(anna) == {("Norra nämnden", "reader", True)}


def test_the_groups_never_touch_a_role_given_in_styra(client, idp, anna, group_roles):
    Membership.objects.create(user=anna, org_unit=group_roles.unit_a, role=Role.EDITOR)
    Membership.objects.create(user=anna, org_unit=group_roles.south, role=Role.APPROVER)
    _sign_in_with(client, idp, groups=[])
    assert _roles(anna) == {("Enhet A", "editor", False), ("Södra nämnden", "approver", False)}


def test_a_token_without_the_claim_takes_the_mapped_roles_away(client, idp, anna, group_roles):
    _sign_in_with(client, idp, groups=["styra-enhet-a"])
    client.logout()
    _sign_in_with(client, idp)
    assert _signed_in(client)
    assert _roles(anna) == set()
    client.logout()
    _sign_in_with(client, idp, groups={"not": "a list"})
    assert _roles(anna) == set()


def test_a_new_account_gets_its_groups_roles(client, idp, settings, group_roles):
    settings.OIDC_CREATE_USER = True
    _sign_in_with(client, idp, email="ny@kommun.test", groups=["styra-enhet-a"])
    user = get_user_model().objects.get(email="ny@kommun.test")
    assert _roles(user) == {("Enhet A", "editor", True)}


def test_a_refused_sign_in_changes_no_roles(client, idp, anna, group_roles):
    anna.is_active = False
    anna.save()
    _sign_in_with(client, idp, groups=["styra-enhet-a"])
    assert not _signed_in(client)
    assert _roles(anna) == set()
    anna.is_active = True
    anna.save()
    _sign_in_with(client, idp, groups=["styra-enhet-a"], amr=["pwd"])  # no second factor
    assert _roles(anna) == set()


def test_without_the_setting_the_groups_give_nothing(client, idp, anna, group_roles, settings):
    settings.STYRA_OIDC_GROUPS_CLAIM = ""
    _sign_in_with(client, idp, groups=["styra-enhet-a"])
    assert _signed_in(client)
    assert _roles(anna) == set()
