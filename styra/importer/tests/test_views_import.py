"""Importera verksamhetsplan: upload, preview, confirm; nothing stored before confirmation."""

import copy
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from styra.goals.models import Goal, Level
from styra.importer.tests.forged import LEFT_OUT, above_the_unit, add_kf_indicator, forged_plan
from styra.indicators.models import Target
from styra.plans.context import shown_goals
from styra.plans.models import Plan

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


def confirm(client, preview, **fields):
    """Confirm a preview as its form stands, with `fields` changed."""
    initial = preview.context["form"].initial
    data = {
        "payload": initial["payload"],
        "unit": initial["unit"],
        "year": initial["year"],
        "seen": preview.context["check"].seen,
    }
    data.update(fields)
    return client.post(
        reverse("importer:confirm"), {k: v for k, v in data.items() if v is not None}
    )


def test_it_saves_on_confirmation(client, editor_a, org, chain):
    client.force_login(editor_a)
    preview = upload(client, json.dumps(PLAN).encode())
    assert preview.context["check"].left_out == []
    response = confirm(client, preview)
    plan = Plan.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/planer/{plan.pk}/"
    assert plan.unit == org.unit_a and plan.officer == "Kim Berg"
    assert Goal.objects.filter(owner=org.unit_a, title="Besök inom tre dagar").exists()


def test_it_refuses_a_unit_the_user_may_not_edit(client, editor_a, org):
    client.force_login(editor_a)
    response = confirm(client, upload(client, json.dumps(PLAN).encode()), unit=org.unit_b.pk)
    assert response.status_code == 400
    assert "Välj en enhet i listan." in response.content.decode()
    assert not Plan.objects.exists()


def test_it_refuses_a_tampered_preview(client, editor_a, org):
    client.force_login(editor_a)
    preview = upload(client, json.dumps(PLAN).encode())
    payload = preview.context["form"].initial["payload"]
    response = confirm(client, preview, payload=payload[:-3] + "abc", unit=org.unit_a.pk)
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
    response = confirm(client, upload(client, json.dumps(bad).encode()), unit=org.unit_a.pk)
    assert response.status_code == 400
    assert "kan inte ligga under" in response.content.decode()
    assert not Plan.objects.exists() and not Goal.objects.exists()


@pytest.mark.parametrize("persona", ["reader", "approver", "outsider"])
def test_it_is_only_for_editors(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("importer:upload")).status_code == 403


# ---------------------------------------------------------------- writes stay inside the unit


@pytest.fixture
def kf_indicator(chain, org):
    return add_kf_indicator(chain, org)


def test_an_editors_forged_json_is_left_out_and_shown_in_the_preview(
    client, editor_a, org, chain, kf_indicator
):
    """Found: an editor's JSON added a KF and a board goal, set a KF target to "1 %" and
    filled in a KF goal's description. Now the preview lists each as left out, and saving
    writes the unit's own part only."""
    before = above_the_unit(org.unit_a)
    client.force_login(editor_a)
    preview = upload(client, json.dumps(forged_plan()).encode())
    html = preview.content.decode()
    assert "Det här ligger ovanför enheten och lämnas utanför" in html
    assert "be stadens administratör lägga in det" in html
    assert "Skapa det som saknas ovanför enheten" not in html  # only for the city administrator
    left_out = preview.context["check"].left_out
    assert len(left_out) == len(LEFT_OUT)
    for message, start in zip(left_out, LEFT_OUT, strict=True):
        assert message.startswith(start) and escape(message) in html, message
    assert "KF:s årsmål för indikatorn Nöjda invånare ändras inte av en import" in html
    response = confirm(client, preview)
    assert response.status_code == 302
    assert above_the_unit(org.unit_a) == before
    plan = Plan.objects.get()
    assert Goal.objects.filter(owner=org.unit_a, title="Enhetens eget mål").exists()
    assert set(plan.chain_goals.all()) == {chain.board}
    assert {chain.direction, chain.area, chain.board} <= set(shown_goals(plan).values())


def test_an_editors_forged_opt_in_is_ignored(client, editor_a, org, chain, kf_indicator):
    before = above_the_unit(org.unit_a)
    client.force_login(editor_a)
    preview = upload(client, json.dumps(forged_plan()).encode())
    # The form has no such field for an editor; the posted value is not read.
    assert confirm(client, preview, create_chain="on").status_code == 302
    assert above_the_unit(org.unit_a) == before


@pytest.mark.parametrize("year", [1990, 2099])
def test_an_editor_cannot_create_a_planning_year(client, editor_a, org, chain, year):
    """Found: an editor's import created planning years 1990 and 2099."""
    before = above_the_unit(org.unit_a)
    client.force_login(editor_a)
    preview = upload(client, json.dumps(forged_plan(year=year)).encode())
    assert f"Planeringsåret {year} finns inte." in preview.content.decode()
    response = confirm(client, preview)
    assert response.status_code == 400
    assert f"Planeringsåret {year} finns inte." in response.content.decode()
    # Nor by changing the year in the form.
    preview = upload(client, json.dumps(forged_plan()).encode())
    assert confirm(client, preview, year=year).status_code in (200, 400)
    assert above_the_unit(org.unit_a) == before and not Plan.objects.exists()


def test_an_administrator_who_does_not_opt_in_only_links(
    client, city_admin, org, chain, kf_indicator
):
    before = above_the_unit(org.unit_a)
    client.force_login(city_admin)
    preview = upload(client, json.dumps(forged_plan()).encode())
    html = preview.content.decode()
    assert "Det här lämnas utanför om du inte väljer att skapa det som saknas" in html
    assert "Skapas eller fylls i ovanför enheten om du väljer att skapa det som saknas" in html
    assert 'name="create_chain"' in html
    assert confirm(client, preview).status_code == 302
    assert above_the_unit(org.unit_a) == before
    assert Plan.objects.get().unit == org.unit_a


def test_an_administrator_who_opts_in_creates_the_chain_and_the_year(
    client, city_admin, org, chain, kf_indicator
):
    client.force_login(city_admin)
    preview = upload(client, json.dumps(forged_plan(year=2099)).encode())
    check = preview.context["check"]
    assert "Planeringsåret 2099 finns inte." in check.errors[0]
    assert check.above_unit[0] == "planeringsår 2099"
    response = confirm(client, preview, create_chain="on")
    assert response.status_code == 302
    plan = Plan.objects.get()
    assert plan.year.year == 2099
    assert Goal.objects.filter(year=plan.year, level=Level.DIRECTION).count() == 2
    assert Target.objects.filter(org_unit=org.city, text="1 %").exists()


def test_the_save_shows_the_preview_again_when_it_would_do_otherwise(
    client, editor_a, org, chain, kf_indicator
):
    """Preview and write never disagree: saving for another unit or year than the preview
    showed, or after the chain changed, shows the new preview and saves nothing."""
    client.force_login(editor_a)
    preview = upload(client, json.dumps(forged_plan()).encode())
    # The file's chain is checked per unit: Enhet S's committee has no such board goal.
    editor_a.memberships.create(org_unit=org.unit_s, role="editor")
    other = confirm(client, preview, unit=org.unit_s.pk)
    assert other.status_code == 200 and not Plan.objects.exists()
    assert "inte längre detsamma som i förhandsvisningen" in other.content.decode()
    assert other.context["form"].initial["unit"] == org.unit_s.pk
    chain.board.delete()  # the board goal the file links to is gone before the save
    again = confirm(client, preview)
    assert again.status_code == 200 and not Plan.objects.exists()
    assert "inte längre detsamma som i förhandsvisningen" in again.content.decode()
    assert any(m.startswith("Nämndmål Ingen ska vänta") for m in again.context["check"].left_out)
    assert confirm(client, again).status_code == 302
    assert Plan.objects.get().unit == org.unit_a


def test_a_preview_without_a_unit_is_checked_before_anything_is_saved(client, editor_a, org, chain):
    # An editor of two units: the file's unknown name leaves the choice to them.
    editor_a.memberships.create(org_unit=org.unit_b, role="editor")
    client.force_login(editor_a)
    preview = upload(client, json.dumps(forged_plan(unit="Okänd enhet")).encode())
    assert preview.context["check"].ran is False
    first = confirm(client, preview, unit=org.unit_a.pk)
    assert first.status_code == 200 and not Plan.objects.exists()
    assert len(first.context["check"].left_out) == len(LEFT_OUT)
    assert confirm(client, first).status_code == 302


def test_an_existing_plan_is_shown_and_refused_in_the_pages_own_terms(
    client, editor_a, org, chain, plan_a
):
    """The page names its tick box, not the command's --replace (a unit editor has no shell)."""
    client.force_login(editor_a)
    preview = upload(client, json.dumps(PLAN).encode())
    html = preview.content.decode()
    assert preview.context["check"].replaces
    assert "Enheten har redan en plan för året" in html
    assert escape("Kryssa i ”Ersätt enhetens befintliga plan för året” om den ska ersättas") in html
    response = confirm(client, preview)
    html = response.content.decode()
    assert response.status_code == 400
    assert (
        escape(
            "Enhet A har redan en verksamhetsplan för 2026. Kryssa i ”Ersätt enhetens befintliga "
            "plan för året” för att ersätta den."
        )
        in html
    )
    assert "--replace" not in html
    assert Plan.objects.get() == plan_a
    response = confirm(client, preview, replace="on")
    assert response.status_code == 302
    assert Plan.objects.get().pk != plan_a.pk


def test_the_preview_shows_what_the_import_notes_for_the_users_only_unit(
    client, editor_a, org, chain
):
    """A file naming another unit: the preview picks the editor's only unit, runs the check
    at once and says under which name the plan is saved (the save's own warnings were not
    shown on the page, and nothing was checked before a second round)."""
    client.force_login(editor_a)
    data = {**copy.deepcopy(PLAN), "unit": "Enhet B"}
    own = data["goals"][0]["children"][0]["children"][0]["children"][0]
    own["indicators"][0]["period"] = "Ofta"
    preview = upload(client, json.dumps(data).encode())
    html = preview.content.decode()
    assert preview.context["check"].ran
    assert f'<option value="{org.unit_a.pk}" selected>' in html
    assert "Att observera innan du sparar" in html
    assert "Filen anger enheten Enhet B, men planen sparas för Enhet A och med det namnet." in html
    assert escape("Indikatorn Andel besök i tid har en okänd periodicitet: 'Ofta'.") in html
    assert confirm(client, preview).status_code == 302
    assert Plan.objects.get().unit_name == "Enhet A"


def test_a_plan_created_after_the_preview_is_not_replaced_unseen(client, editor_a, org, chain):
    """The preview showed no plan to replace; a colleague creates one before the save, which
    asks to replace: the page shows the preview again instead of deleting the new plan."""
    from styra.plans.services import plan_create

    client.force_login(editor_a)
    preview = upload(client, json.dumps(PLAN).encode())
    assert not preview.context["check"].replaces
    colleagues = plan_create(unit=org.unit_a, year=chain.year)
    again = confirm(client, preview, replace="on")
    assert again.status_code == 200
    assert "inte längre detsamma som i förhandsvisningen" in again.content.decode()
    assert again.context["check"].replaces
    assert Plan.objects.get() == colleagues
    assert confirm(client, again, replace="on").status_code == 302
    assert Plan.objects.get() != colleagues


NO_YEAR = (
    "Dnr 2025/0412\n\nEnhet A\n\nInledning\n\nEnheten ger stöd i tid.\n\nSammanträde 2025-12-16\n"
).encode()


def test_a_plan_that_names_no_year_asks_for_it_and_saves_nothing_without(
    client, editor_a, org, chain
):
    client.force_login(editor_a)
    preview = upload(client, NO_YEAR, name="plan.txt")
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Planens år står inte i dokumentet" in html
    assert preview.context["form"].initial["year"] is None  # not the dnr's, not the clock's
    response = confirm(client, preview)
    assert response.status_code == 400 and not Plan.objects.exists()
    assert "Ange planens år." in response.content.decode()
    response = confirm(client, preview, year=2026)
    if response.status_code == 200:  # the preview again, for the year now chosen
        response = confirm(client, response)
    plan = Plan.objects.get()
    assert response.status_code == 302 and (plan.unit, plan.year) == (org.unit_a, chain.year)


TWO_PAGE_PDF = r"""
#set page(paper: "a4", margin: 25mm)
#set text(lang: "sv", size: 10pt)
Handläggare: Eva Berg \
Telefon: 08-508 80 443

Verksamhetsplan 2025 Enhet A

KF:s inriktningsmål:

1. Alla invånare får stöd i rätt tid

Nämnden arbetar för att alla ska få stöd i rätt tid.

#table(columns: (60mm, 20mm, 30mm, 25mm), stroke: 0.4pt,
  [KF:s indikatorer], [Årsmål], [KF:s årsmål], [Periodicitet],
  [Andel nöjda brukare], [90 %], [tas fram av nämnden], [Tertial],
)

#pagebreak()
Beskrivningen fortsätter på nästa sida.

#table(columns: (80mm, 30mm, 30mm), stroke: 0.4pt,
  [Aktivitet], [Startdatum], [Slutdatum],
  [Införa digital tidsbokning], [2025-01-01], [2025-12-31],
)
"""


def test_a_pdfs_preview_says_which_pages_each_goal_was_read_from(client, editor_a, org):
    import typst

    client.force_login(editor_a)
    response = upload(client, typst.compile(TWO_PAGE_PDF.encode()), name="plan.pdf")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Andel nöjda brukare" in page
    assert "I PDF-filen: Sidorna 1–2, indikatorer sidan 1, aktiviteter sidan 2." in page
    # The telephone has no place in the plan: shown, and said not to be stored.
    assert "<dt>Telefon</dt><dd>08-508 80 443 " in page
    assert "sparas inte i planen" in page


def test_a_text_files_preview_names_no_pages(client, editor_a, org):
    client.force_login(editor_a)
    text = "Verksamhetsplan 2025 Enhet A\n\nKF:s inriktningsmål:\n\n1. Alla får stöd\n"
    response = upload(client, text.encode(), name="plan.txt")
    assert response.status_code == 200
    assert "I PDF-filen" not in response.content.decode()


def test_a_refused_confirm_shows_the_pdfs_preview_again_whole(client, editor_a, org):
    # The pages each goal came from, the telephone, the file's name and the reader's
    # warnings travel signed with the plan, so the preview shown again keeps them.
    import typst

    client.force_login(editor_a)
    preview = upload(client, typst.compile(TWO_PAGE_PDF.encode()), name="plan.pdf")
    first = preview.content.decode()
    response = confirm(client, preview, unit="")
    assert response.status_code == 400
    page = response.content.decode()
    assert "I PDF-filen: Sidorna 1–2, indikatorer sidan 1, aktiviteter sidan 2." in page
    assert "<dt>Telefon</dt><dd>08-508 80 443 " in page
    assert "plan.pdf" in page
    assert response.context["warnings"] == preview.context["warnings"]
    assert first.count("I PDF-filen") == page.count("I PDF-filen")


def test_a_preview_signed_with_the_plan_alone_is_still_confirmed(client, editor_a, org, chain):
    # Previews signed before they carried what was shown (for six hours after an upgrade).
    from django.core import signing

    from styra.importer.views import SALT

    client.force_login(editor_a)
    preview = upload(client, json.dumps(PLAN).encode())
    plan = signing.loads(preview.context["form"].initial["payload"], salt=SALT)["plan"]
    old = signing.dumps(plan, salt=SALT, compress=True)
    response = confirm(client, preview, payload=old)
    assert response.status_code == 302
    assert Plan.objects.get().unit == org.unit_a
