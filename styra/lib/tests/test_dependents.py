"""The hook through which the delete services ask followup what depends on an object."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from styra.followup.dependents import report_data_for
from styra.lib import dependents
from styra.lib.hooks import Hook


def test_it_is_answered_by_followup():
    assert dependents.dependents_of().__class__ is report_data_for().__class__


def test_it_refuses_a_second_finder():
    hook: Hook = Hook("What depends", answered_by="styra.followup")
    hook.register(report_data_for)
    hook.register(report_data_for)  # the same one again, as a second ready() would
    with pytest.raises(ImproperlyConfigured):
        hook.register(lambda **objects: report_data_for(**objects))


def test_it_never_skips_the_check_when_nobody_answers():
    hook: Hook = Hook("What depends", answered_by="styra.followup")
    assert not hook.answered
    with pytest.raises(ImproperlyConfigured, match="styra.followup"):
        hook()
