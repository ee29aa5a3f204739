"""The guarantees in the plan: the plan page asks for them through plans.guarantees (answered
here), the styra-plan/1 dict carries them as an optional list (schema, documents, the
snapshot of an adopted plan) and the public page lists them as adopted."""

import io

import docx
import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from styra.decisions.services import plan_adopt, plan_submit, subject_publish
from styra.documents.render import render
from styra.documents.tests.sample_plans import SAMPLE_META
from styra.internal_control.guarantee_services import guarantee_create
from styra.internal_control.models import QualityGuarantee
from styra.plans.guarantees import plan_guarantees
from styra.plans.interchange import plan_to_dict, validate_plan_dict

pytestmark = pytest.mark.django_db

PROMISE = "Du får ett första samtal"


def plan_page(client, plan) -> str:
    response = client.get(reverse("plans:detail", args=[plan.pk]))
    assert response.status_code == 200
    return response.content.decode()


def pdf_text(data: bytes) -> str:
    return " ".join(p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(data)).pages)


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_internal_control_answers_the_plans_question():
    assert plan_guarantees.answered


def test_the_plan_page_shows_the_units_guarantees(client, reader, plan_a, guarantee):
    client.force_login(reader)
    body = plan_page(client, plan_a)
    assert 'id="guarantees"' in body and PROMISE in body and "inom 7 dagar från ansökan" in body
    assert "90 %" in body and 'href="#guarantees"' in body
    link = reverse("internal_control:guarantees", args=[plan_a.unit_id, plan_a.year.year])
    assert link in body and "Kvalitetsgarantierna och deras uppföljning" in body


def test_an_editor_of_a_plan_without_guarantees_is_shown_the_way_to_add_them(
    client, reader, editor_a, plan_a
):
    client.force_login(editor_a)
    body = plan_page(client, plan_a)
    assert "Planen har inga kvalitetsgarantier." in body
    assert "Lägg in och ändra kvalitetsgarantierna" in body
    client.force_login(reader)
    assert 'id="guarantees"' not in plan_page(client, plan_a)


def test_a_committees_plan_has_no_guarantees_part(client, committee_editor, org, chain):
    from styra.plans.services import plan_create

    plan = plan_create(unit=org.north, year=chain.year)
    client.force_login(committee_editor)
    assert 'id="guarantees"' not in plan_page(client, plan)


def test_the_guarantees_part_costs_the_plan_page_one_query_whatever_their_number(
    client, editor_a, org, chain, plan_a, django_assert_max_num_queries
):
    client.force_login(editor_a)

    def count() -> int:
        with CaptureQueriesContext(connection) as seen:
            plan_page(client, plan_a)
        return len(seen)

    guarantee_create(unit=org.unit_a, year=chain.year, promise="Löfte 0", term="snart")
    one = count()
    for i in range(1, 20):
        guarantee_create(unit=org.unit_a, year=chain.year, promise=f"Löfte {i}", term="snart")
    assert count() == one
    # The plan page's own bound (plans/tests/test_views_plan.py) holds with the panel.
    with django_assert_max_num_queries(25):
        assert "Löfte 19" in plan_page(client, plan_a)


# --- the dict, its schema and the documents --------------------------------------------------


def test_a_plan_without_guarantees_keeps_the_dict_it_always_had(plan_a):
    data = plan_to_dict(plan_a)
    assert "quality_guarantees" not in data
    validate_plan_dict(data)


def test_the_dict_carries_the_guarantees_in_the_plans_order(org, chain, plan_a, guarantee):
    guarantee_create(unit=org.unit_a, year=chain.year, promise="Du får svar", term="inom en dag")
    data = validate_plan_dict(plan_to_dict(plan_a))
    assert data["quality_guarantees"] == [
        {
            "promise": PROMISE,
            "term": "inom 7 dagar från ansökan",
            "target_percent": 90,
            "remedy": "Vi ringer upp dig samma dag som vi upptäcker felet.",
        },
        {"promise": "Du får svar", "term": "inom en dag", "target_percent": 100, "remedy": None},
    ]


@pytest.mark.parametrize(
    "entry",
    [
        {"promise": "Svar", "term": "snart", "target_percent": 101},
        {"promise": "Svar", "term": "snart", "target_percent": -1},
        {"promise": "", "term": "snart", "target_percent": 100},
        {"promise": "Svar", "target_percent": 100},
        {"promise": "Svar", "term": "snart", "target_percent": 100, "kept": 3},
    ],
)
def test_the_schema_refuses_a_guarantee_that_is_none(plan_a, entry):
    data = plan_to_dict(plan_a) | {"quality_guarantees": [entry]}
    with pytest.raises(ValidationError):
        validate_plan_dict(data)


def test_the_documents_print_the_guarantees(plan_a, guarantee):
    data = plan_to_dict(plan_a)
    files = (render(data, "pdf", meta=SAMPLE_META), render(data, "docx", meta=SAMPLE_META))
    for text in (" ".join(pdf_text(files[0]).split()), " ".join(docx_text(files[1]).split())):
        assert "Kvalitetsgarantier" in text and PROMISE in text
        assert "inom 7 dagar från ansökan" in text and "Vi ringer upp dig" in text


def test_an_imported_plan_brings_its_guarantees(org, chain, city_admin, plan_a, guarantee):
    from styra.importer.services import plan_import

    data = plan_to_dict(plan_a)
    report = plan_import(data=data, user=city_admin, unit=org.unit_b, dry_run=False)
    copies = list(QualityGuarantee.objects.of_plan(org.unit_b.pk, chain.year.pk))
    assert [(g.promise, g.term, g.target_percent, g.remedy) for g in copies] == [
        (guarantee.promise, guarantee.term, guarantee.target_percent, guarantee.remedy)
    ]
    assert f"kvalitetsgaranti: {PROMISE}" in report.created
    # The round trip: the imported plan exports the same guarantees.
    assert plan_to_dict(report.plan)["quality_guarantees"] == data["quality_guarantees"]


def test_an_import_keeps_the_units_own_guarantees_and_says_so(
    org, chain, city_admin, plan_a, guarantee
):
    from styra.importer.services import plan_import

    data = plan_to_dict(plan_a) | {
        "quality_guarantees": [
            {"promise": "Annat löfte", "term": "snart", "target_percent": 100, "remedy": None}
        ]
    }
    report = plan_import(data=data, user=city_admin, unit=org.unit_a, replace=True)
    assert any("enheten har redan 1 för året" in warning for warning in report.warnings)
    assert [g.promise for g in QualityGuarantee.objects.filter(unit=org.unit_a)] == [PROMISE]


def test_a_dry_run_stores_no_guarantee(org, chain, city_admin, plan_a, guarantee):
    from styra.importer.services import plan_import

    report = plan_import(data=plan_to_dict(plan_a), user=city_admin, unit=org.unit_b, dry_run=True)
    assert f"kvalitetsgaranti: {PROMISE}" in report.created
    assert not QualityGuarantee.objects.filter(unit=org.unit_b).exists()


# --- adopted and public ------------------------------------------------------------------------


@pytest.fixture
def published(approver, editor_a, plan_a, guarantee):
    plan_submit(plan=plan_a, by=editor_a)
    snapshot = plan_adopt(plan=plan_a, by=approver)
    subject_publish(subject=plan_a, by=approver)
    return snapshot


def test_the_adopted_snapshot_holds_the_guarantees(published):
    assert [g["promise"] for g in published.data["quality_guarantees"]] == [PROMISE]


def test_the_public_page_lists_the_guarantees_as_adopted(client, published, guarantee):
    # Even if the database moved on behind the decision, the page says what was adopted.
    QualityGuarantee.objects.filter(pk=guarantee.pk).update(promise="Ändrat i efterhand")
    body = client.get(reverse("decisions:public_detail", args=[published.pk])).content.decode()
    assert "Kvalitetsgarantier" in body and PROMISE in body
    assert "Ändrat i efterhand" not in body


def test_the_adopted_plan_page_and_files_show_the_adopted_guarantees(
    client, reader, plan_a, published, guarantee
):
    QualityGuarantee.objects.filter(pk=guarantee.pk).update(promise="Ändrat i efterhand")
    client.force_login(reader)
    body = plan_page(client, plan_a)
    assert PROMISE in body and "Ändrat i efterhand" not in body
    pdf = client.get(reverse("documents:plan", args=[plan_a.pk, "pdf"])).content
    assert PROMISE in pdf_text(pdf)


def test_a_public_report_page_has_no_guarantees_part(client, published):
    body = client.get(reverse("decisions:public_detail", args=[published.pk])).content.decode()
    assert body.count('id="guarantees-h"') == 1
