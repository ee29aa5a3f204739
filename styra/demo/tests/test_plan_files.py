"""The demo's plans are styra-plan/1 files: each one valid, each one listed."""

from importlib.resources import files

from styra.demo.plans import PLANS
from styra.plans.interchange import validate_plan_dict


def test_it_lists_every_file_in_the_folder():
    on_disk = {f.name for f in files("styra.demo.plans").iterdir() if f.name.endswith(".json")}
    assert on_disk == {plan.name for year in PLANS.values() for plan in year}


def test_it_holds_plans_that_validate_against_the_schema():
    for year, listed in PLANS.items():
        for plan in listed:
            data = plan.load()
            validate_plan_dict(data)
            assert data["year"] == year, plan.name
