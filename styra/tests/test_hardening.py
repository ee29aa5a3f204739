"""Project-wide protections: headers, error pages, production settings."""

import os
import secrets
import subprocess
import sys

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
    result = subprocess.run(
        [sys.executable, "-m", "styra", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "STYRA_SECRET_KEY" in result.stderr
