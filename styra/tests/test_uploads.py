"""Uploads (size, real type, zip bombs), role combinations and form allow-lists.

* Appendices go through styra.lib.uploads: a zip bomb (a huge declared
  unpacked size), too many entries, encrypted or path-traversing entries and a
  renamed program are refused before anything is stored; real DOCX, XLSX and
  PDF files are accepted and stored under their real type.
* A user with two roles (reader on the committee, editor on unit A) edits unit
  A's plan and only reads unit B's.
* Fields outside a form's allow-list (status, unit, owner, year, budget …) sent
  with a valid POST change nothing beyond the form's own fields.
"""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.urls import reverse

from styra.accounts.models import Membership, Role
from styra.accounts.permissions import Action, can
from styra.budget.models import BudgetRow
from styra.budget.services import budget_row_create
from styra.conftest import PASSWORD, add_unit_goal
from styra.goals.models import Goal, Level
from styra.lib import uploads
from styra.plans.models import Appendix, Plan, PlanStatus
from styra.plans.services import appendix_add

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- files


def _zip(entries: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return out.getvalue()


def real_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Bilaga", level=1)
    document.add_paragraph("En riktig Word-fil.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def real_xlsx() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["Rad", "Belopp"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def real_pdf() -> bytes:
    """A minimal, valid one-page PDF with its cross-reference table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def bomb_docx() -> bytes:
    """A small file whose document.xml declares (and holds) 200 MB of zeros."""
    big = b"\0" * (200 * uploads.MB)
    data = _zip(
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": big},
    )
    return data


def _upload(data: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


@pytest.fixture(scope="module")
def bomb():
    return bomb_docx()


def test_an_appendix_zip_bomb_is_refused_before_it_is_unpacked(plan_a, bomb):
    assert len(bomb) < 1 * uploads.MB
    with pytest.raises(ValidationError, match="packas upp till mer än 100 MB"):
        appendix_add(plan=plan_a, name="Bomb", file=_upload(bomb, "bomb.docx"))
    assert not Appendix.objects.exists()


def test_an_appendix_with_too_many_entries_is_refused(plan_a):
    entries = {f"word/media/bild{i}.png": b"x" for i in range(1001)}
    data = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>", **entries})
    with pytest.raises(ValidationError, match="för många delar"):
        appendix_add(plan=plan_a, name="Många", file=_upload(data, "manga.docx"))
    assert not Appendix.objects.exists()


@pytest.mark.parametrize(
    "data, name",
    [
        (b"MZ\x90\x00\x03\x00\x00\x00" + b"\0" * 200 + b"This program", "rapport.pdf"),
        (b"MZ\x90\x00" + b"\0" * 100, "rapport.docx"),
        (b"\x7fELF\x02\x01\x01" + b"\0" * 100, "rapport.xlsx"),
        (b"<html><script>alert(1)</script></html>", "rapport.pdf"),
        (_zip({"setup.exe": b"MZ"}), "rapport.docx"),  # a zip, but no Office package
        (_zip({"[Content_Types].xml": b"<Types/>", "payload.exe": b"MZ"}), "rapport.docx"),
    ],
)
def test_a_renamed_program_or_archive_is_refused(plan_a, data, name):
    with pytest.raises(ValidationError) as exc:
        appendix_add(plan=plan_a, name="Fel typ", file=_upload(data, name))
    assert "file" in exc.value.message_dict
    assert not Appendix.objects.exists()


@pytest.mark.parametrize(
    "entries, message",
    [
        ({"../../etc/passwd": b"x"}, "otillåtet namn"),
        ({"/abs/path.xml": b"x"}, "otillåtet namn"),
        ({"C:/windows/x.xml": b"x"}, "otillåtet namn"),
        ({"word\\..\\..\\x.xml": b"x"}, "otillåtet namn"),
        ({"word/vbaProject.bin": b"x"}, "makron"),
        ({}, None),
    ],
)
def test_hostile_zip_entries_are_refused(plan_a, entries, message):
    parts = {"word/document.xml": b"<w/>", **entries}
    if message is not None:
        parts["[Content_Types].xml"] = b"<Types/>"
    with pytest.raises(ValidationError, match=message or "Content_Types"):
        uploads.check_zip(_zip(parts))


def test_an_encrypted_zip_is_refused():
    data = bytearray(_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}))
    # Set the "encrypted" flag bit in every local and central directory header.
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            data[start + offset] |= 0x1
            start += 4
    with pytest.raises(uploads.UploadRefused, match="lösenordsskyddad") as exc:
        uploads.check_zip(bytes(data))
    assert exc.value.code == "encrypted"


@pytest.mark.parametrize(
    "make, name, kind",
    [
        (real_docx, "Bilaga 1.docx", "docx"),
        (real_xlsx, "Budget.xlsx", "xlsx"),
        (real_pdf, "Protokoll.pdf", "pdf"),
        (real_pdf, "protokoll-utan-andelse", "pdf"),
    ],
)
def test_real_office_files_and_pdfs_are_accepted(plan_a, make, name, kind):
    data = make()
    assert uploads.sniff(data) == kind
    appendix = appendix_add(plan=plan_a, name="Bilaga", file=_upload(data, name))
    assert appendix.file.name.endswith(uploads.EXTENSIONS[kind])
    with appendix.file.open("rb") as stored:
        assert stored.read() == data
    appendix.file.delete(save=False)


def test_a_renamed_program_is_refused_through_the_web(client, editor_a, plan_a):
    client.force_login(editor_a)
    response = client.post(
        reverse("plans:appendix_create", args=[plan_a.pk]),
        {"name": "Program", "file": _upload(b"MZ\x90\x00" + b"\0" * 64, "bilaga.pdf")},
    )
    assert response.status_code in (200, 400, 422)
    assert "Bilagor tas emot som PDF, Word eller Excel." in response.content.decode()
    assert not Appendix.objects.exists()


def test_the_importer_refuses_a_word_zip_bomb(bomb):
    from styra.importer.legacy.detect import Unreadable
    from styra.importer.legacy.docx import docx_to_lines

    small = _zip(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b"<w/>",
            **{f"word/p{i}.xml": b"" for i in range(2001)},
        }
    )
    for data in (bomb, small):
        with pytest.raises(Unreadable, match="för stort"):
            docx_to_lines(data)


# ---------------------------------------------------------------- role combinations


@pytest.fixture
def two_roles(org):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(username="tva_roller", password=PASSWORD)
    Membership.objects.create(user=user, org_unit=org.north, role=Role.READER)
    Membership.objects.create(user=user, org_unit=org.unit_a, role=Role.EDITOR)
    return user


def test_reader_on_the_committee_and_editor_on_unit_a(org, two_roles):
    assert can(two_roles, Action.EDIT, org.unit_a)
    for unit in (org.unit_b, org.north, org.dept):
        assert can(two_roles, Action.VIEW, unit)
        assert not can(two_roles, Action.EDIT, unit)
        assert not can(two_roles, Action.BUDGET, unit)
    assert not can(two_roles, Action.VIEW, org.unit_s)
    assert not can(two_roles, Action.APPROVE, org.unit_a)


def test_two_roles_edit_unit_a_and_only_read_unit_b(client, two_roles, plan_a, plan_b):
    client.force_login(two_roles)
    for plan in (plan_a, plan_b):
        assert client.get(reverse("plans:detail", args=[plan.pk])).status_code == 200
    url_a = reverse("plans:header_edit", args=[plan_a.pk])
    url_b = reverse("plans:header_edit", args=[plan_b.pk])
    assert client.post(url_a, {"officer": "Kim Berg"}).status_code < 400
    assert client.post(url_b, {"officer": "Kim Berg"}).status_code == 403
    plan_a.refresh_from_db()
    plan_b.refresh_from_db()
    assert (plan_a.officer, plan_b.officer) == ("Kim Berg", "")


# ---------------------------------------------------------------- allow-lists


def _state(obj, *, allowed: set[str]) -> dict:
    obj.refresh_from_db()
    data = model_to_dict(obj)
    return {k: v for k, v in data.items() if k not in allowed and "updated" not in k}


def _hostile(org, plan_b) -> dict:
    """Fields no edit form offers, aimed at moving or adopting the object."""
    return {
        "status": PlanStatus.ADOPTED,
        "unit": org.unit_b.pk,
        "unit_id": org.unit_b.pk,
        "owner": org.unit_b.pk,
        "owner_id": org.unit_b.pk,
        "plan": plan_b.pk,
        "budget": plan_b.pk,
        "year": 1999,
        "level": Level.DIRECTION,
        "parent": "",
        "number": "99",
        "position": 0,
        "created_by": 1,
        "adopted_at": "2020-01-01",
        "is_public": "on",
        "id": 999,
        "pk": 999,
    }


def test_the_plan_header_edit_changes_only_its_fields(client, org, editor_a, plan_a, plan_b):
    allowed = {"officer", "phone", "addressee", "meeting_date"}
    before = _state(plan_a, allowed=allowed)
    client.force_login(editor_a)
    body = {**_hostile(org, plan_b), "officer": "Kim Berg", "phone": "08-1"}
    assert client.post(reverse("plans:header_edit", args=[plan_a.pk]), body).status_code < 400
    assert _state(plan_a, allowed=allowed) == before
    assert (plan_a.officer, plan_a.status, plan_a.unit) == (
        "Kim Berg",
        PlanStatus.DRAFT,
        org.unit_a,
    )
    assert Plan.objects.get(pk=plan_b.pk).officer == ""


def test_the_goal_edit_changes_only_its_fields(client, org, chain, editor_a, plan_a, plan_b):
    goal = add_unit_goal(chain, org.unit_a, "Mål A")
    allowed = {"title", "description", "expected_result", "method", "resources"}
    allowed |= {"follow_up", "development"}
    before = _state(goal, allowed=allowed)
    client.force_login(editor_a)
    body = {**_hostile(org, plan_b), "title": "Nytt mål", "description": "Text"}
    url = reverse("plans:goal_edit", args=[plan_a.pk, goal.pk])
    assert client.post(url, body).status_code < 400
    assert _state(goal, allowed=allowed) == before
    assert (goal.title, goal.owner, goal.level, goal.number) == ("Nytt mål", org.unit_a, "unit", "")
    assert not Goal.objects.filter(owner=org.unit_b).exists()


def test_the_budget_row_edit_changes_only_its_fields(client, org, editor_a, plan_a, plan_b):
    row = budget_row_create(plan=plan_a, name="Personal", costs=Decimal(10))
    other = budget_row_create(plan=plan_b, name="B:s rad", costs=Decimal(5))
    allowed = {"name", "costs", "revenues", "net", "kind"}
    before = _state(row, allowed=allowed)
    client.force_login(editor_a)
    body = {**_hostile(org, plan_b), "name": "Lokaler", "costs": "12", "revenues": "", "net": ""}
    body["row_kind"] = "line"
    url = reverse("plans:budget_row_edit", args=[plan_a.pk, row.pk])
    assert client.post(url, body).status_code < 400
    assert _state(row, allowed=allowed) == before
    assert (row.name, row.costs, row.budget.plan_id) == ("Lokaler", Decimal(12), plan_a.pk)
    assert BudgetRow.objects.get(pk=other.pk).name == "B:s rad"
