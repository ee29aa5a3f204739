"""Reopening a plan and reopening a report ask for the reason alike: one form, one check.

A reason that says nothing is refused next to the reason's field (linked from the error
summary, which is announced), whether the form catches it (empty) or the service does (a
dot); the plan or report stays decided.
"""

import pytest
from django.urls import reverse

from styra.decisions.services import plan_submit

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def decided(request, plan_a, editor_a, submitted_report):
    """A submitted plan or report, by the name of the parameter."""
    if request.param == "plan":
        plan_submit(plan=plan_a, by=editor_a)
        return plan_a, reverse("decisions:plan_reopen", args=[plan_a.pk]), "planen"
    return (
        submitted_report,
        reverse("decisions:report_reopen", args=[submitted_report.pk]),
        "rapporten",
    )


def refused_on_the_field(html: str, what: str) -> None:
    message = f"Ange varför {what} öppnas igen."
    assert (
        f'<span class="field-error" id="id_reason_error">'
        f'<span class="field-error__line">{message}</span></span>' in html
    )
    assert 'aria-describedby="id_reason_helptext id_reason_error"' in html
    assert f'<a href="#id_reason">Skäl till att {what} öppnas igen: {message}</a>' in html
    assert 'role="alert"' in html and 'aria-invalid="true"' in html


@pytest.mark.parametrize("decided", ["plan", "report"], indirect=True)
@pytest.mark.parametrize("reason", ["", " ", ".", "\u200b"])
def test_a_reason_that_says_nothing_is_refused_next_to_its_field(client, approver, decided, reason):
    subject, url, what = decided
    client.force_login(approver)
    form = client.get(url).content.decode()
    assert f'<label for="id_reason">Skäl till att {what} öppnas igen</label>' in form
    refused = client.post(url, {"reason": reason})
    assert refused.status_code == 400
    refused_on_the_field(refused.content.decode(), what)
    subject.refresh_from_db()
    assert subject.status == "submitted"


@pytest.mark.parametrize("decided", ["plan", "report"], indirect=True)
def test_htmx_shows_the_refusal_on_the_field_too(client, approver, decided):
    subject, url, what = decided
    client.force_login(approver)
    refused_on_the_field(client.post(url, {"reason": "."}, **HTMX).content.decode(), what)


@pytest.mark.parametrize("decided", ["plan", "report"], indirect=True)
def test_a_reason_that_says_something_reopens(client, approver, decided):
    subject, url, _what = decided
    client.force_login(approver)
    assert client.post(url, {"reason": "Fel i budgeten."}).status_code == 302
    subject.refresh_from_db()
    assert subject.status == "draft"
