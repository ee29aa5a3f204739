"""Entries written before Plan, Section and Appendix moved from goals to plans keep their
old object type ("goals.plan"): the trail is append-only. They must read as before."""

import pytest

from styra.audit.history import present_page, type_label
from styra.audit.models import Action, AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def old_and_new(audited, plan_a):
    common = dict(actor="editor_a", object_id=str(plan_a.pk), plan_id=plan_a.pk)
    old = AuditEntry.objects.create(
        action=Action.UPDATE,
        object_type="goals.plan",
        object_name=str(plan_a),
        changes={"officer": ["", "Kim Berg"]},
        **common,
    )
    with audited():
        plan_a.officer = "Kim Lind"
        plan_a.save()
    new = AuditEntry.objects.filter(object_type="plans.plan", object_id=str(plan_a.pk)).get()
    return old, new


def test_new_entries_carry_todays_label_and_a_search_finds_both(old_and_new):
    old, new = old_and_new
    assert new.object_type == "plans.plan"
    found = set(AuditEntry.objects.search(object_type="plans.plan"))
    assert {old, new} <= found
    assert set(AuditEntry.objects.search(object_type="goals.plan")) == found


def test_an_old_label_is_named_and_resolved_as_todays_model(old_and_new, plan_a):
    old, _new = old_and_new
    assert type_label("goals.plan") == type_label("plans.plan") == "Verksamhetsplan"
    [shown] = present_page([old], administrator=False)
    assert shown.type_label == "Verksamhetsplan"
    assert [c.label for c in shown.changes] == ["Handläggare"]
