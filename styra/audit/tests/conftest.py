"""Audit entries are written as a transaction commits; a test's own transaction never does.

`audited` runs the on_commit callbacks of what happens inside it, so that the
entries appear as they would in production; what the fixtures wrote before
is not logged.
"""

from contextlib import contextmanager

import pytest

from styra.audit.models import AuditEntry


@pytest.fixture
def audited(django_capture_on_commit_callbacks):
    @contextmanager
    def run():
        with django_capture_on_commit_callbacks(execute=True):
            yield

    return run


def entries_for(obj) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)))


def assert_one_entry_per_object() -> None:
    seen = list(AuditEntry.objects.values_list("object_type", "object_id"))
    assert seen, "no entries"
    assert len(seen) == len(set(seen)), sorted(seen)
