"""Project-wide protections: headers, error pages, production settings."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_it_sends_security_headers(client):
    response = client.get(reverse("accounts:login"))
    csp = response["Content-Security-Policy"]
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_it_answers_unknown_pages_in_swedish_without_internals(client, editor_a):
    client.force_login(editor_a)
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Sidan finns inte" in html and "Traceback" not in html and "urlpatterns" not in html


@pytest.mark.django_db
def test_it_answers_refusals_in_swedish(client, reader, plan_a):
    client.force_login(reader)
    response = client.post(reverse("plans:header_edit", args=[plan_a.pk]), {"officer": "X"})
    assert response.status_code == 403
    assert "Du har inte behörighet" in response.content.decode()


def test_it_shows_a_plain_page_on_server_errors(rf):
    from styra.errors import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500 and "Något gick fel" in response.content.decode()


def test_production_settings_pass_the_deploy_check(tmp_path):
    env = {
        **os.environ,
        "STYRA_DEBUG": "0",
        "STYRA_SECRET_KEY": secrets.token_urlsafe(50),
        "STYRA_ALLOWED_HOSTS": "styra.example.se",
        "STYRA_SITE_URL": "https://styra.example.se",
        "STYRA_DATA_DIR": str(tmp_path),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-m", "styra", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**os.environ, "STYRA_DEBUG": "0", "STYRA_DATA_DIR": str(tmp_path)}
    env.pop("STYRA_SECRET_KEY", None)
    env.pop("STYRA_DEMO", None)  # production: no demo key may stand in
    result = subprocess.run(
        [sys.executable, "-m", "styra", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "STYRA_SECRET_KEY" in result.stderr


def _production(tmp_path, *, unset=(), **values):
    env = {
        **os.environ,
        "STYRA_SECRET_KEY": secrets.token_urlsafe(50),
        "STYRA_SITE_URL": "https://styra.example.se",
        "STYRA_DATA_DIR": str(tmp_path),
        **values,
    }
    for name in ("STYRA_DEMO", "DJANGO_SETTINGS_MODULE", *unset):
        env.pop(name, None)
    return env


def test_production_refuses_to_start_without_its_own_address(tmp_path):
    """Notices link to STYRA_SITE_URL: the default 127.0.0.1 would lead every reader astray."""
    env = _production(tmp_path, STYRA_DEBUG="0", unset=("STYRA_SITE_URL",))
    command = [sys.executable, "-m", "styra", "check"]
    result = subprocess.run(  # noqa: S603 (this test's own command)
        command, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0 and "STYRA_SITE_URL must be set" in result.stderr


def test_a_wsgi_server_runs_styra_as_production_unless_told_otherwise(tmp_path):
    """A forgotten STYRA_DEBUG under gunicorn is not debug mode: no key, no start."""
    code = "import styra.wsgi; from django.conf import settings; print(settings.DEBUG)"
    env = _production(tmp_path, unset=("STYRA_DEBUG",))
    result = subprocess.run(  # noqa: S603 (this test's own code)
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0 and result.stdout.strip() == "False", result.stderr
    env = _production(tmp_path, unset=("STYRA_DEBUG", "STYRA_SECRET_KEY"))
    result = subprocess.run(  # noqa: S603 (this test's own code)
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0 and "STYRA_SECRET_KEY" in result.stderr


PERMISSIONS_POLICY_FEATURES = ("camera=()", "microphone=()", "geolocation=()", "payment=()")
SECURITY_HEADERS = (
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "X-Frame-Options",
    "Permissions-Policy",
)


@pytest.mark.django_db
def test_every_response_has_a_permissions_policy(client, editor_a):
    anonymous = client.get(reverse("accounts:login"))
    static = client.get("/static/css/styra.css")
    client.force_login(editor_a)
    signed_in = client.get(reverse("start:home"))
    missing = client.get("/finns-inte/")
    for response in (anonymous, static, signed_in, missing):
        policy = response["Permissions-Policy"]
        assert all(feature in policy for feature in PERMISSIONS_POLICY_FEATURES), policy


@pytest.mark.django_db
def test_signed_in_pages_and_downloads_are_never_stored(client, editor_a, plan_a):
    client.force_login(editor_a)
    for url in (
        reverse("start:home"),
        reverse("plans:detail", args=[plan_a.pk]),
        reverse("documents:plan", args=[plan_a.pk, "json"]),
        "/finns-inte/",
    ):
        directives = {d.strip() for d in client.get(url)["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives, (url, directives)
        assert "public" not in directives


@pytest.mark.django_db
def test_refusals_redirects_and_fragments_for_signed_in_users_are_never_stored(
    client, reader, plan_a
):
    client.force_login(reader)
    refused = client.post(reverse("plans:header_edit", args=[plan_a.pk]), {"officer": "X"})
    fragment = client.get(reverse("plans:detail", args=[plan_a.pk]), HTTP_HX_REQUEST="true")
    redirect = client.get(reverse("plans:detail", args=[plan_a.pk]).rstrip("/"))  # APPEND_SLASH
    for response in (refused, fragment, redirect):
        assert {"private", "no-store"} <= {
            d.strip() for d in response["Cache-Control"].split(",")
        }, response.status_code
        assert response.has_header("Permissions-Policy")
    assert refused.status_code == 403 and redirect.status_code == 301
    # Static files stay cacheable for signed-in users too (whitenoise answers first).
    assert "no-store" not in client.get("/static/css/styra.css").get("Cache-Control", "")


@pytest.mark.django_db
def test_anonymous_pages_and_static_files_keep_their_caching(client):
    assert "no-store" not in client.get("/static/css/styra.css").get("Cache-Control", "")


@pytest.mark.django_db
def test_a_refused_host_gets_styras_page_with_the_security_headers(client):
    response = client.get(reverse("accounts:login"), HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Felaktig begäran" in response.content.decode()
    for header in SECURITY_HEADERS:
        assert response.has_header(header), header
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_a_refused_host_over_plain_http_gets_the_security_headers_too(client, settings):
    """With the HTTPS redirect on, Django's SecurityMiddleware read the host first and its
    400 went out with no security header at all."""
    settings.SECURE_SSL_REDIRECT = True
    response = client.get(reverse("accounts:login"), HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Felaktig begäran" in response.content.decode()
    for header in SECURITY_HEADERS:
        assert response.has_header(header), header
    # An allowed host is still sent to HTTPS, with the headers.
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 301 and response["Location"].startswith("https://")
    assert response.has_header("Permissions-Policy")


@pytest.mark.django_db
def test_an_appendix_whose_file_is_gone_is_a_404(client, editor_a, plan_a, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(editor_a)
    pdf = SimpleUploadedFile("plan.pdf", b"%PDF-1.7 test", content_type="application/pdf")
    client.post(reverse("plans:appendix_create", args=[plan_a.pk]), {"name": "Bilaga", "file": pdf})
    appendix = plan_a.appendices.get()
    (tmp_path / appendix.file.name).unlink()
    response = client.get(reverse("plans:appendix_download", args=[plan_a.pk, appendix.pk]))
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


DEMO_PROBE = """
from django.conf import settings
from django.test import Client
client = Client(raise_request_exception=False)
missing = client.get("/finns-inte/")
static = client.get("/static/css/styra.css")
html = missing.content.decode()
print("probe", settings.DEBUG, settings.SESSION_COOKIE_SECURE, settings.SECURE_SSL_REDIRECT)
print("probe", missing.status_code, "Sidan finns inte" in html, "urlpatterns" in html)
print("probe", static.status_code)
print("probe", settings.SECRET_KEY)
"""


def _demo_env(tmp_path) -> dict:
    env = {**os.environ, "STYRA_DEMO": "1", "STYRA_DATA_DIR": str(tmp_path)}
    for name in ("DJANGO_SETTINGS_MODULE", "STYRA_SECRET_KEY", "STYRA_DEBUG", "DATABASE_URL"):
        env.pop(name, None)
    return env


def _run_demo_probe(env) -> list[str]:
    result = subprocess.run(  # noqa: S603 (the probe is this module's own constant)
        [sys.executable, "-m", "styra", "shell", "-c", DEMO_PROBE],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return [line[6:] for line in result.stdout.splitlines() if line.startswith("probe ")]


def test_the_demo_shows_styras_error_pages_over_plain_http_without_a_key(tmp_path):
    """bin/run's settings: DEBUG off (no page listing every URL), static files, local HTTP."""
    env = _demo_env(tmp_path)
    flags, missing, static, key = _run_demo_probe(env)
    assert flags == "False False False"
    assert missing == "404 True False"
    assert static == "200"
    assert len(key) >= 50 and key != "styra-local-development-key"
    assert (tmp_path / "demo-secret-key").stat().st_mode & 0o077 == 0
    assert _run_demo_probe(env)[-1] == key  # kept: sessions survive a restart


def test_the_demo_keeps_its_key_readable_by_its_owner_only(tmp_path):
    """A key file copied with the umask's rights (0644) was used as it was."""
    env = _demo_env(tmp_path)
    path = tmp_path / "demo-secret-key"
    path.write_text("k" * 50 + "\n")
    path.chmod(0o644)
    assert _run_demo_probe(env)[-1] == "k" * 50
    assert path.stat().st_mode & 0o777 == 0o600


def test_the_demo_refuses_an_empty_key_file(tmp_path):
    env = _demo_env(tmp_path)
    (tmp_path / "demo-secret-key").write_text("")
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "styra", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "demo-secret-key holds no usable key" in result.stderr


def test_bin_run_starts_the_demo_configuration():
    script = (Path(__file__).resolve().parents[2] / "bin" / "run").read_text()
    assert 'export STYRA_DEMO="${STYRA_DEMO:-1}"' in script
