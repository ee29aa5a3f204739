"""acting_as: a command's writes recorded as the named user's, with the command as origin."""

import threading

import pytest
from django.test import RequestFactory
from django.urls import reverse

from styra.audit.models import AuditEntry
from styra.audit.trail import acting_as, current_acting, current_request, system_actor
from styra.plans.services import section_create


def test_it_records_the_user_and_where_the_write_came_from(audited, plan_a, editor_a):
    with audited(), acting_as(editor_a, via="import-plan"):
        section_create(plan=plan_a, heading="Bakgrund")
    [entry] = AuditEntry.objects.all()
    assert (entry.actor_id, entry.actor) == (editor_a.pk, "editor_a")
    assert entry.path == f"via styra import-plan ({system_actor()})"
    assert entry.path.startswith("via styra import-plan (system")
    assert entry.request_id == "" and entry.ip is None


def test_a_change_keeps_its_actor_when_the_entry_is_written_after_the_block(
    django_capture_on_commit_callbacks, plan_a, editor_a
):
    """The actor is taken when the change is made, as the request is, not when it commits."""
    with django_capture_on_commit_callbacks(execute=True):
        with acting_as(editor_a, via="import-plan"):
            section_create(plan=plan_a, heading="Bakgrund")
        section_create(plan=plan_a, heading="Övrigt")
    actors = dict(AuditEntry.objects.values_list("object_name", "actor"))
    assert actors == {"Bakgrund": "editor_a", "Övrigt": system_actor()}


def test_without_it_a_command_is_the_system_user(audited, plan_a):
    with audited():
        section_create(plan=plan_a, heading="Bakgrund")
    [entry] = AuditEntry.objects.all()
    assert (entry.actor_id, entry.actor, entry.path) == (None, system_actor(), "")


def test_the_context_ends_with_the_block_even_on_an_exception(editor_a):
    with acting_as(editor_a, via="import-plan") as acting:
        assert current_acting.get() is acting
    assert current_acting.get() is None
    with pytest.raises(RuntimeError), acting_as(editor_a, via="import-plan"):
        raise RuntimeError("import failed")
    assert current_acting.get() is None


def test_the_context_does_not_reach_another_thread(editor_a):
    seen = []
    with acting_as(editor_a, via="import-plan"):
        worker = threading.Thread(target=lambda: seen.append(current_acting.get()))
        worker.start()
        worker.join()
    assert seen == [None]


def test_a_request_takes_precedence(audited, plan_a, editor_a, reader):
    request = RequestFactory().post("/planer/")
    request.user, request.request_id = reader, "abc123"
    token = current_request.set(request)
    try:
        with audited(), acting_as(editor_a, via="import-plan"):
            section_create(plan=plan_a, heading="Bakgrund")
    finally:
        current_request.reset(token)
    [entry] = AuditEntry.objects.all()
    assert (entry.actor, entry.path, entry.request_id) == ("reader", "/planer/", "abc123")


def test_the_plans_history_shows_the_user_and_the_command(client, audited, plan_a, editor_a):
    with audited(), acting_as(editor_a, via="import-plan"):
        section_create(plan=plan_a, heading="Bakgrund")
    client.force_login(editor_a)
    page = client.get(reverse("audit:plan", args=[plan_a.pk])).content.decode()
    assert "<td>editor_a</td>" in page
    # The command in words; the server account it ran under is for administrators only.
    assert "via kommandot styra import-plan" in page
    assert "system:" not in page
