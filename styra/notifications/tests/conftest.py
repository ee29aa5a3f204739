"""The personas with e-mail addresses, and a way to run what waits for the commit."""

import pytest


def give_email(*users) -> None:
    for user in users:
        user.email = f"{user.username}@teststad.se"
        user.save(update_fields=["email"])


@pytest.fixture
def mailed(editor_a, editor_b, approver, city_admin):
    """Every persona that notices go to has an e-mail address."""
    give_email(editor_a, editor_b, approver, city_admin)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """committed(): a block whose on-commit work (the e-mails) runs as if it committed."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
