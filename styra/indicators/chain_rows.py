"""The indicator rows of a year's goal chain: indicators' answer to goals' `indicator_rows`.

Registered in indicators' AppConfig.ready() (see styra.goals.chain_rows for why goals asks
rather than imports). Two queries whatever the chain's size: the year's targets that the
page shows (KF's, and each indicator's owner's), and the year's indicators.
"""

from dataclasses import dataclass

from django.db.models import F, Q

from styra.goals.access import ChainAccess
from styra.goals.chain_rows import ChainRow
from styra.goals.models import PlanningYear

from .models import Indicator, Target


@dataclass(kw_only=True)
class IndicatorRow(ChainRow):
    indicator: Indicator
    city_target: str | None
    own_target: str | None  # the owner's target, for committees' and units' indicators

    @property
    def obj(self) -> Indicator:
        return self.indicator


def chain_indicator_rows(year: PlanningYear, access: ChainAccess) -> list[IndicatorRow]:
    """The year's indicators that the user sees, in order, each with KF's and its owner's target."""
    city_id = access.city.pk if access.city else None
    targets: dict[tuple[int, int | None], str] = {
        (t.indicator_id, t.org_unit_id): t.text
        for t in Target.objects.filter(indicator__goal__year=year).filter(
            Q(org_unit_id=city_id) | Q(org_unit=F("indicator__owner"))
        )
    }
    rows = []
    for indicator in Indicator.objects.filter(goal__year=year).order_by("position", "pk"):
        if not access.sees(indicator.owner_id):
            continue
        own = None if indicator.owner_id == city_id else (indicator.pk, indicator.owner_id)
        rows.append(
            IndicatorRow(
                indicator=indicator,
                city_target=targets.get((indicator.pk, city_id)),
                own_target=targets.get(own) if own else None,
                editable=access.edits(indicator.owner_id),
            )
        )
    return rows
