"""Importera verksamhetsplan: upload, preview, confirm; nothing stored before confirmation."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from styra.goals.models import Goal, Plan

PLAN = {
    "format": "styra-plan/1",
    "unit": "Enhet A",
    "year": 2026,
    "officer": "Kim Berg",
    "addressee": "Norra nämnden",
    "sections": [{"heading": "Inledning", "text": "Vi gör skillnad.\n\n- ett\n- två"}],
    "goals": [
        {
            "level": "direction",
            "number": "1",
            "title": "En stad för alla",
            "children": [
                {
                    "level": "area",
                    "number": "1.1",
                    "title": "Invånarna får stöd i tid",
                    "children": [
                        {
                            "level": "board",
                            "title": "Ingen ska vänta längre än nödvändigt",
                            "children": [
                                {
                                    "level": "unit",
                                    "title": "Besök inom tre dagar",
                                    "indicators": [
                                        {
                                            "name": "Andel besök i tid",
                                            "target": "90 %",
                                            "period": "Tertial",
                                        }
                                    ],
                                    "activities": [
                                        {
                                            "name": "Ny rutin",
                                            "start": "2026-01-01",
                                            "end": "2026-06-30",
                                        }
                                    ],
                                }
                            ],
                        }
                    ],
                }
            ],
        }
    ],
    "budget": {"currency_unit": "tkr", "rows": [{"name": "Personal", "costs": 1234.5}]},
}


def upload(client, content: bytes, name="plan.json"):
    return client.post(reverse("importer:upload"), {"file": SimpleUploadedFile(name, content)})


def test_it_previews_without_storing_anything(client, editor_a, org):
    client.force_login(editor_a)
    response = upload(client, json.dumps(PLAN).encode())
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Besök inom tre dagar",
        "Andel besök i tid",
        "90 %",
        "1\xa0234,5",
        "Ny rutin",
        "Vi gör skillnad.",
    ):
        assert text in html, text
    assert f'<option value="{org.unit_a.pk}" selected>' in html
    assert not Plan.objects.exists() and not Goal.objects.exists()


def test_it_previews_the_goals_as_the_plan_page_shows_them(client, editor_a, org):
    client.force_login(editor_a)
    html = upload(client, json.dumps(PLAN).encode()).content.decode()
    assert '<span class="chain-label">KF:s inriktningsmål:</span>' in html
    assert '<span class="chain-label">Enhetens mål:</span>' in html
    assert '<div role="heading" aria-level="6" class="goal__title">' in html
    assert '<caption>Indikatorer<span class="visually-hidden"> – Besök inom tre dagar' in html
    assert '<time datetime="2026-06-30">2026-06-30</time>' in html
    assert "Åtgärder" not in html


def test_it_saves_on_confirmation(client, editor_a, org):
    client.force_login(editor_a)
    preview = upload(client, json.dumps(PLAN).encode())
    payload = preview.context["form"].initial["payload"]
    response = client.post(
        reverse("importer:confirm"), {"payload": payload, "unit": org.unit_a.pk, "year": 2026}
    )
    plan = Plan.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/planer/{plan.pk}/"
    assert plan.unit == org.unit_a and plan.officer == "Kim Berg"
    assert Goal.objects.filter(owner=org.unit_a, title="Besök inom tre dagar").exists()


def test_it_refuses_a_unit_the_user_may_not_edit(client, editor_a, org):
    client.force_login(editor_a)
    payload = upload(client, json.dumps(PLAN).encode()).context["form"].initial["payload"]
    response = client.post(
        reverse("importer:confirm"), {"payload": payload, "unit": org.unit_b.pk, "year": 2026}
    )
    assert response.status_code == 400
    assert "Välj en enhet i listan." in response.content.decode()
    assert not Plan.objects.exists()


def test_it_refuses_a_tampered_preview(client, editor_a, org):
    client.force_login(editor_a)
    payload = upload(client, json.dumps(PLAN).encode()).context["form"].initial["payload"]
    response = client.post(
        reverse("importer:confirm"),
        {"payload": payload[:-3] + "abc", "unit": org.unit_a.pk, "year": 2026},
    )
    assert response.status_code == 302 and not Plan.objects.exists()


@pytest.mark.parametrize(
    "content,message",
    [
        (b'{"format": "styra-plan/1", "unit": "A"', "kan inte läsas"),
        (
            json.dumps(
                {
                    **PLAN,
                    "goals": [
                        {
                            "level": "unit",
                            "title": "X",
                            "activities": [{"name": "A", "start": "inte ett datum"}],
                        }
                    ],
                }
            ).encode(),
            "är inget datum",
        ),
    ],
)
def test_it_explains_bad_files_in_swedish(client, editor_a, content, message):
    client.force_login(editor_a)
    response = upload(client, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Plan.objects.exists()


def test_it_stores_nothing_when_the_chain_is_malformed(client, editor_a, org):
    bad = {
        **PLAN,
        "goals": [
            {
                "level": "direction",
                "title": "X",
                "children": [{"level": "unit", "title": "Fel nivå"}],
            }
        ],
    }
    client.force_login(editor_a)
    payload = upload(client, json.dumps(bad).encode()).context["form"].initial["payload"]
    response = client.post(
        reverse("importer:confirm"), {"payload": payload, "unit": org.unit_a.pk, "year": 2026}
    )
    assert response.status_code == 400
    assert "kan inte ligga under" in response.content.decode()
    assert not Plan.objects.exists() and not Goal.objects.exists()


@pytest.mark.parametrize("persona", ["reader", "approver", "outsider"])
def test_it_is_only_for_editors(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("importer:upload")).status_code == 403
