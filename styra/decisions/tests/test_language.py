"""Decided versions and downloaded documents are Swedish whatever the interface language.

They are the municipality's records: a snapshot taken by an approver who reads Styra in
English, or a document downloaded with English chosen, says the same as in Swedish.
"""

import json

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from styra.decisions.services import plan_submit

from ..capture import capture_plan, capture_report
from ..services import plan_adopt, report_approve


@pytest.fixture(autouse=True)
def back_to_the_default_language():
    yield
    translation.deactivate()


def test_a_report_approved_in_english_is_kept_in_swedish(submitted_report, approver):
    with translation.override("en"):
        snapshot = report_approve(report=submitted_report, by=approver)
    swedish = capture_report(submitted_report)
    assert (snapshot.data, snapshot.meta) == (swedish.data, swedish.meta)
    assert "Four-month" not in json.dumps(snapshot.data)


def test_a_plan_adopted_in_english_is_kept_in_swedish(content, approver):
    plan_submit(plan=content.plan, by=None)
    with translation.override("en"):
        snapshot = plan_adopt(plan=content.plan, by=approver)
    swedish = capture_plan(content.plan)
    assert (snapshot.data, snapshot.meta) == (swedish.data, swedish.meta)


@pytest.mark.parametrize("fmt", ["json"])
def test_documents_downloaded_in_english_are_swedish(
    client, submitted_report, plan_a, editor_a, fmt
):
    client.force_login(editor_a)
    urls = [
        reverse("documents:plan", args=[plan_a.pk, fmt]),
        reverse("documents:report", args=[submitted_report.pk, fmt]),
    ]
    answers = {}
    for language in ("sv", "en"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        answers[language] = [client.get(url) for url in urls]
    for sv, en in zip(answers["sv"], answers["en"], strict=True):
        assert sv.status_code == en.status_code == 200
        assert json.loads(sv.content) == json.loads(en.content)
