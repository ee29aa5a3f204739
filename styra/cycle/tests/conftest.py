"""A 2026 chain with one of everything the year-open copies, and what it must leave."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from styra.accounts.models import Membership, Role
from styra.conftest import PASSWORD
from styra.followup.services import period_update, periods_ensure
from styra.goals.models import Level
from styra.goals.services import activity_create, goal_create
from styra.indicators.services import indicator_create, target_set


@pytest.fixture
def committee_admin(org):
    """An administrator of Norra nämnden: prepares its part of a draft year."""
    user = get_user_model().objects.create_user(username="committee_admin", password=PASSWORD)
    Membership.objects.create(user=user, org_unit=org.north, role=Role.ADMIN)
    return user


@pytest.fixture
def full_year(org, chain):
    """2026: KF's goals with an indicator, targets and an activity; Norra's and Södra's board
    goals with theirs; Enhet A's own goal and its target for KF's indicator; the periods."""
    kf = indicator_create(goal=chain.area, owner=org.city, name="Nöjda invånare", measure="%")
    target_set(indicator=kf, org_unit=org.city, text="80 %")
    target_set(indicator=kf, org_unit=org.north, text="82 %")
    target_set(indicator=kf, org_unit=org.south, text="78 %")
    target_set(indicator=kf, org_unit=org.unit_a, text="85 %")
    kf_activity = activity_create(
        goal=chain.area,
        owner=org.city,
        name="Medborgardialog",
        start=date(2026, 3, 1),
        end=date(2026, 11, 30),
    )
    board_indicator = indicator_create(goal=chain.board, owner=org.north, name="Väntetid")
    target_set(indicator=board_indicator, org_unit=org.north, text="högst 14 dagar")
    activity_create(goal=chain.board, owner=org.north, name="Ny mottagning")
    south_goal = goal_create(
        year=chain.year,
        level=Level.BOARD,
        owner=org.south,
        parent=chain.area,
        title="Södras mål",
    )
    unit_goal = goal_create(
        year=chain.year,
        level=Level.UNIT,
        owner=org.unit_a,
        parent=chain.board,
        title="Alla besök bokas inom tre dagar",
    )
    periods = {p.code[-2:]: p for p in periods_ensure(year=chain.year)}
    period_update(period=periods["T1"], cutoff=date(2026, 4, 30), deadline=date(2026, 5, 20))
    return type(
        "Full",
        (),
        dict(
            chain=chain,
            kf=kf,
            kf_activity=kf_activity,
            board_indicator=board_indicator,
            south_goal=south_goal,
            unit_goal=unit_goal,
        ),
    )
