"""Importera internkontrollplan: upload, preview (a dry run), confirm; refusals by role."""

import json

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from styra.internal_control.importing import SALT
from styra.internal_control.models import ControlPlan, Risk

from .test_import import attest_file

pytestmark = pytest.mark.django_db


def _upload(client, data, **fields):
    content = data if isinstance(data, bytes) else json.dumps(data).encode()
    body = {"file": SimpleUploadedFile("ik.json", content), **fields}
    return client.post(reverse("internal_control:import"), body)


def _confirm(client, payload, **fields):
    return client.post(reverse("internal_control:import_confirm"), {"payload": payload, **fields})


def _signed(data, node, year):
    return signing.dumps(
        {"data": data, "node": node.pk, "year": year.pk, "filename": "ik.json"},
        salt=SALT,
        compress=True,
    )


def test_the_preview_shows_what_would_be_stored_and_stores_nothing(
    client, chain, committee_editor, django_assert_max_num_queries
):
    client.force_login(committee_editor)
    with django_assert_max_num_queries(60):
        response = _upload(client, attest_file(unit="Socialnämnden"), node="", year="")
    assert response.status_code == 400
    page = response.content.decode()
    # The file names no node the editor has: they choose.
    assert "Filen anger Socialnämnden, som du inte kan importera till" in page
    response = _upload(client, attest_file())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Sparas som utkast till internkontrollplanen 2026 för Norra nämnden." in page
    assert "Fel attest" in page and "Stickprov på fakturor (T1, VB)" in page
    assert "12 (Mycket hög)" in page
    assert not ControlPlan.objects.exists()
    response = _confirm(client, response.context["form"]["payload"].value())
    assert response.status_code == 302
    plan = ControlPlan.objects.get()
    assert plan.org_unit.name == "Norra nämnden" and plan.risks.count() == 2


def test_the_preview_says_the_warnings(client, chain, committee_editor):
    client.force_login(committee_editor)
    data = attest_file()
    data["processes"][0]["risks"][0]["goal"]["title"] = "Okänt mål"
    page = _upload(client, data).content.decode()
    assert "Att observera innan du sparar" in page
    assert "Okänt mål" in page


def test_a_draft_is_replaced_only_when_ticked(client, chain, committee_editor):
    client.force_login(committee_editor)
    _confirm(client, _upload(client, attest_file()).context["form"]["payload"].value())
    preview = _upload(client, attest_file())
    assert "Det finns redan ett utkast för året" in preview.content.decode()
    payload = preview.context["form"]["payload"].value()
    refused = _confirm(client, payload)
    assert refused.status_code == 400
    assert "Norra nämnden har redan en internkontrollplan för 2026." in refused.content.decode()
    assert _confirm(client, payload, replace="on").status_code == 302
    assert Risk.objects.count() == 2 and ControlPlan.objects.count() == 1


def test_a_locked_plan_is_refused_at_the_preview(client, chain, committee_editor):
    client.force_login(committee_editor)
    _confirm(client, _upload(client, attest_file()).context["form"]["payload"].value())
    ControlPlan.objects.update(status="adopted")
    response = _upload(client, attest_file())
    assert response.status_code == 400
    assert "är fastställd och kan inte ersättas" in response.content.decode()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{", "Filen är inte giltig JSON"),
        (json.dumps({"format": "styra-plan/1"}).encode(), "följer inte formatet"),
        (b"[" * 50_000 + b"]" * 50_000, "nästlad djupare"),
        (b" " * (4 * 1024 * 1024 + 1), "Filen är större än 4 MB."),
    ],
)
def test_a_bad_file_is_refused_with_its_message(client, chain, committee_editor, content, message):
    client.force_login(committee_editor)
    response = _upload(client, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ControlPlan.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("reader", 403), ("approver", 403), ("controller", 403), ("outsider", 403)],
)
def test_who_may_not_edit_anything_gets_no_page(client, request, chain, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("internal_control:import")).status_code == status


def test_a_units_editor_may_not_start_its_plan_but_may_replace_it(
    client, org, chain, editor_a, committee_editor
):
    client.force_login(editor_a)
    response = _upload(client, attest_file(unit="Enhet A"))
    assert response.status_code == 400
    assert "Du kan inte importera en internkontrollplan för Enhet A" in response.content.decode()
    # A forged payload for the unit is refused at the confirm too.
    assert _confirm(client, _signed(attest_file(), org.unit_a, chain.year)).status_code == 403
    assert not ControlPlan.objects.exists()
    client.force_login(committee_editor)
    _confirm(client, _signed(attest_file(), org.unit_a, chain.year))
    client.force_login(editor_a)
    payload = _upload(client, attest_file(unit="Enhet A")).context["form"]["payload"].value()
    assert _confirm(client, payload, replace="on").status_code == 302


@pytest.mark.parametrize("node", ["unit_b", "north", "unit_s"])
def test_a_forged_payload_for_another_node_is_refused(client, org, chain, editor_a, node):
    client.force_login(editor_a)
    response = _confirm(client, _signed(attest_file(), getattr(org, node), chain.year))
    assert response.status_code == 404
    assert not ControlPlan.objects.exists()


def test_an_altered_payload_is_refused(client, org, chain, committee_editor):
    client.force_login(committee_editor)
    payload = _signed(attest_file(), org.north, chain.year)
    response = _confirm(client, payload[:-2] + "xx")
    assert response.status_code == 302 and response["Location"] == reverse(
        "internal_control:import"
    )
    assert not ControlPlan.objects.exists()
