"""The plan as a file: the downloads by role and `styra export-internal-control`."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from styra.internal_control import services
from styra.internal_control.files import control_plan_filename
from styra.internal_control.interchange import control_plan_dict
from styra.internal_control.models import ControlPlan
from styra.plans.models import PlanStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def adopted(control_plan, process, periods):
    """Norra nämnden's plan, adopted, with a control reported in T1 with a deviation."""
    risk = services.risk_create(process=process, title="Fel attest", probability=3, consequence=4)
    services.risk_update(risk=risk, selected=True)
    control = services.control_create(risk=risk, what="Stickprov", report_t1=True)
    ControlPlan.objects.filter(pk=control_plan.pk).update(status=PlanStatus.ADOPTED)
    control.refresh_from_db()
    result = services.result_report(
        control=control,
        period=periods["T1"],
        done=True,
        result="deviation",
        findings="Två",
        by=None,
    )
    services.measure_create(result=result, name="Påminnelse")
    return ControlPlan.objects.get(pk=control_plan.pk)


def _get(client, user, *args, name="internal_control:download"):
    if user is not None:
        client.force_login(user)
    return client.get(reverse(name, args=args))


def test_the_json_download_is_the_plans_dict_in_plain_swedish(client, reader, adopted):
    response = _get(client, reader, adopted.pk, "json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == (
        'attachment; filename="internkontrollplan-2026-Norra-nämnden.json"'
    )
    assert "Påminnelse" in response.content.decode("utf-8")  # ensure_ascii=False
    assert json.loads(response.content) == control_plan_dict(adopted)


def test_the_follow_up_download_holds_only_its_period(client, reader, adopted, periods):
    response = _get(
        client, reader, adopted.pk, "2026t1", "json", name="internal_control:followup_download"
    )
    assert response.status_code == 200
    data = json.loads(response.content)
    assert (data["period"], data["summary"]["reported"]) == ("2026T1", 1)
    assert response["Content-Disposition"] == (
        'attachment; filename="internkontroll-tertialrapport-1-2026-Norra-nämnden.json"'
    )
    t2 = _get(client, None, adopted.pk, "2026T2", "json", name="internal_control:followup_download")
    assert json.loads(t2.content)["summary"]["reported"] == 0


def test_the_follow_up_of_another_year_or_of_a_draft_is_not_found(
    client, reader, control_plan, adopted, periods
):
    name = "internal_control:followup_download"
    assert _get(client, reader, adopted.pk, "2025T1", "json", name=name).status_code == 404
    ControlPlan.objects.filter(pk=adopted.pk).update(status=PlanStatus.DRAFT)
    assert _get(client, None, adopted.pk, "2026T1", "json", name=name).status_code == 404


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("reader", 200),
        ("committee_editor", 200),
        ("approver", 200),
        ("city_admin", 200),
        ("editor_a", 404),  # a unit's editor sees its own plan, not the committee's above
        ("outsider", 404),
    ],
)
def test_who_may_download(client, request, adopted, persona, status):
    user = request.getfixturevalue(persona)
    assert _get(client, user, adopted.pk, "json").status_code == status


def test_signed_out_is_sent_to_sign_in_and_an_unknown_format_is_not_found(client, reader, adopted):
    assert _get(client, None, adopted.pk, "json").status_code == 302
    assert _get(client, reader, adopted.pk, "xlsx").status_code == 404


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_documents_download(client, reader, adopted, fmt):
    response = _get(client, reader, adopted.pk, fmt)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'Norra-nämnden.{fmt}"')


def test_the_file_name_keeps_the_units_letters():
    assert control_plan_filename(
        {"unit": "Vård & omsorg", "year": 2026, "period_label": None}, "pdf"
    ) == ("internkontrollplan-2026-Vård---omsorg.pdf")


# ---------------------------------------------------------------- export-internal-control


def _export(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("export_internal_control", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_writes_json_to_stdout(adopted):
    out, _ = _export("--unit", "norra nämnden", "--year", 2026)
    assert json.loads(out) == control_plan_dict(adopted)


def test_the_command_writes_the_follow_up_of_a_period_to_a_file(adopted, tmp_path):
    target = tmp_path / "ik.json"
    _, err = _export("--unit", "Norra nämnden", "--year", 2026, "--period", "2026T1", "-o", target)
    assert f"Skrev {target}" in err
    assert json.loads(target.read_text(encoding="utf-8"))["period"] == "2026T1"


def test_the_command_reads_as_the_user_through_the_policy(adopted, reader, editor_a, outsider):
    out, _ = _export("--unit", "Norra nämnden", "--year", 2026, "--user", "reader")
    assert json.loads(out)["unit"] == "Norra nämnden"
    for name in ("editor_a", "outsider"):
        with pytest.raises(CommandError, match=f"{name} får inte läsa internkontrollplanen"):
            _export("--unit", "Norra nämnden", "--year", 2026, "--user", name)
    with pytest.raises(CommandError, match="Det finns ingen användare 'nobody'"):
        _export("--unit", "Norra nämnden", "--year", 2026, "--user", "nobody")


def test_the_command_refuses_what_it_cannot_write(adopted, org, periods):
    with pytest.raises(CommandError, match="Ingen enhet heter 'Enhet Q'"):
        _export("--unit", "Enhet Q", "--year", 2026)
    with pytest.raises(CommandError, match="Södra nämnden har ingen internkontrollplan för 2026"):
        _export("--unit", "Södra nämnden", "--year", 2026)
    with pytest.raises(CommandError, match="Ange en fil med -o för formatet pdf"):
        _export("--unit", "Norra nämnden", "--year", 2026, "--format", "pdf")
    with pytest.raises(CommandError, match="Perioden 2025T1 hör inte till 2026"):
        _export("--unit", "Norra nämnden", "--year", 2026, "--period", "2025T1")
    ControlPlan.objects.filter(pk=adopted.pk).update(status=PlanStatus.DRAFT)
    with pytest.raises(CommandError, match="inte fastställd"):
        _export("--unit", "Norra nämnden", "--year", 2026, "--period", "2026T1")


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_command_writes_the_documents(adopted, tmp_path, fmt):
    target = tmp_path / f"ik.{fmt}"
    _export("--unit", "Norra nämnden", "--year", 2026, "--format", fmt, "-o", target)
    assert target.stat().st_size > 0
