"""Report downloads: the unit's report and the committee's, for whoever may see them."""

import json

import pytest
from django.urls import reverse

from .test_report_documents import build_reports


@pytest.fixture
def built(org, chain, plan_a, plan_b, approver):
    return build_reports(org, chain, plan_a, plan_b, approver)


def _report_url(report, fmt="pdf"):
    return reverse("documents:report", args=[report.pk, fmt])


def _committee_url(org, fmt="pdf", period="2026T1"):
    return reverse("documents:committee_report", args=[org.north.pk, period, fmt])


@pytest.mark.django_db
@pytest.mark.parametrize("fmt,magic", [("pdf", b"%PDF"), ("docx", b"PK"), ("json", b"{")])
def test_it_downloads_the_unit_report(client, built, editor_a, fmt, magic):
    client.force_login(editor_a)
    response = client.get(_report_url(built.report, fmt))
    assert response.status_code == 200
    assert response.content.startswith(magic)
    assert 'filename="tertialrapport-1-2026-Enhet-A.' in response["Content-Disposition"]


@pytest.mark.django_db
def test_readers_above_the_unit_may_download(client, built, reader):
    client.force_login(reader)
    assert client.get(_report_url(built.report, "json")).status_code == 200


@pytest.mark.django_db
def test_it_is_404_for_a_sibling_unit_and_an_outsider(client, built, editor_b, outsider):
    for user in (editor_b, outsider):
        client.force_login(user)
        assert client.get(_report_url(built.report)).status_code == 404


@pytest.mark.django_db
def test_it_needs_a_login(client, built):
    response = client.get(_report_url(built.report))
    assert response.status_code == 302


@pytest.mark.django_db
def test_it_is_404_for_an_unknown_report_or_format(client, built, editor_a):
    client.force_login(editor_a)
    assert client.get(reverse("documents:report", args=[99999, "pdf"])).status_code == 404
    assert client.get(_report_url(built.report, "exe")).status_code == 404


@pytest.mark.django_db
def test_it_downloads_the_committee_report(client, built, org, approver):
    client.force_login(approver)
    response = client.get(_committee_url(org, "json"))
    assert response.status_code == 200
    assert json.loads(response.content)["kind"] == "committee"
    assert client.get(_committee_url(org, "pdf")).content.startswith(b"%PDF")


@pytest.mark.django_db
def test_the_committee_report_is_404_below_the_committee(client, built, org, editor_a, outsider):
    for user in (editor_a, outsider):
        client.force_login(user)
        assert client.get(_committee_url(org)).status_code == 404


@pytest.mark.django_db
def test_the_committee_report_is_404_for_a_unit_or_an_unknown_period(
    client, built, org, city_admin
):
    client.force_login(city_admin)
    assert client.get(_committee_url(org, period="2031T1")).status_code == 404
    url = reverse("documents:committee_report", args=[org.unit_a.pk, "2026T1", "pdf"])
    assert client.get(url).status_code == 404
