"""styra demo --reset: the city loaded afresh (transactional: PostgreSQL cannot TRUNCATE
inside a test's transaction, so this test lives apart from test_demo's shared load)."""

from styra.plans.models import Plan, PlanStatus

from .test_demo import _counts, _run, fast_hashing  # noqa: F401 - the autouse fixture


def test_it_loads_afresh_with_reset(transactional_db):
    _run()
    before = _counts()
    Plan.objects.filter(status=PlanStatus.DRAFT, unit_name="Fritid och förebyggande").delete()
    out = _run("--reset")
    assert "Laddade Exempelby kommun" in out
    assert _counts() == before
