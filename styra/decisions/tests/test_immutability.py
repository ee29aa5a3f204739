"""A snapshot cannot be changed: not by save(), not by a queryset update, not in the admin."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import DatabaseError, transaction
from django.test import RequestFactory

from styra.importer.services import plan_import
from styra.plans.interchange import plan_to_dict

from ..models import Publication, Snapshot, SnapshotEvent
from ..services import plan_reopen


def test_it_refuses_a_raw_save_of_an_existing_snapshot(adopted):
    snapshot = Snapshot.objects.get()
    snapshot.data = {**snapshot.data, "unit": "Ändrad"}
    with pytest.raises(DatabaseError), transaction.atomic():
        snapshot.save()
    assert Snapshot.objects.get().data["unit"] == "Enhet A"


def test_it_refuses_a_raw_save_of_the_pdf(adopted):
    snapshot = Snapshot.objects.get()
    snapshot.pdf = b"%PDF-forged"
    with pytest.raises(DatabaseError), transaction.atomic():
        snapshot.save(update_fields=["pdf"])
    assert bytes(Snapshot.objects.get().pdf) != b"%PDF-forged"


def test_it_refuses_a_queryset_update(adopted):
    with pytest.raises(TypeError):
        Snapshot.objects.filter(pk=adopted.snapshot.pk).update(title="Ändrad")


def test_it_gives_the_admin_no_add_change_or_delete_permission(adopted, org):
    superuser = get_user_model().objects.create_superuser("root", password="x-x-x-x-x-x")
    request = RequestFactory().get("/admin/")
    request.user = superuser
    for model in (Snapshot, Publication, SnapshotEvent):
        model_admin = admin.site._registry[model]
        assert model_admin.has_view_permission(request)
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request, adopted.snapshot)
        assert not model_admin.has_delete_permission(request, adopted.snapshot)


def test_it_keeps_the_versions_when_the_decider_or_the_live_plan_goes(adopted, approver):
    data = plan_to_dict(adopted.plan)
    plan_reopen(plan=adopted.plan, by=approver, reason="Ersätts av en import.")
    approver.delete()
    plan_import(data=data, unit=adopted.plan.unit, replace=True)  # deletes the live plan
    snapshot = Snapshot.objects.get()
    assert snapshot.plan is None and snapshot.decided_by is None
    assert snapshot.decided_by_name == "approver"
    assert snapshot.data["goals"] == adopted.snapshot.data["goals"]
