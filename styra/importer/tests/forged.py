"""A forged plan that reaches above its unit, and a fingerprint of everything above a unit.

Written from the reproduction in issue 9: an editor's styra-plan/1 JSON added a KF
direction goal and a board goal, set a KF indicator's årsmål to "1 %", filled in a
KF goal's description and asked for planning years 1990 and 2099. The chain it
names is the one of styra/conftest.py (`chain`), with the KF indicator
"Nöjda invånare" on the area goal (årsmål "öka") that the tests add.
"""

from styra.conftest import add_indicator
from styra.goals.models import NARRATIVE_FIELDS, Activity, Goal, Level, PlanningYear
from styra.indicators.models import Indicator, Target
from styra.organisation.models import OrgUnit

KF_INDICATOR = "Nöjda invånare"


def forged_plan(*, unit: str = "Enhet A", year: int = 2026) -> dict:
    """The unit's own goal under the real chain, and forged nodes and texts above it."""
    own = {
        "level": "unit",
        "title": "Enhetens eget mål",
        "description": "Enheten skriver om sitt eget mål.",
        "indicators": [{"name": "Egen indikator", "target": "90 %", "period": "Tertial"}],
        "activities": [{"name": "Egen aktivitet", "start": f"{year}-02-01"}],
    }
    board = {
        "level": "board",
        "title": "Ingen ska vänta längre än nödvändigt",
        "description": "Nämndens text, skriven av enheten.",
        "indicators": [{"name": "Ny nämndindikator från enheten", "target": "3"}],
        "activities": [{"name": "Ny nämndaktivitet från enheten"}],
        "children": [own],
    }
    forged_board = {
        "level": "board",
        "title": "Ett nämndmål som enheten hittat på",
        "children": [{"level": "unit", "title": "Mål under det påhittade nämndmålet"}],
    }
    area = {
        "level": "area",
        "number": "1.1",
        "title": "Invånarna får stöd i tid",
        "indicators": [
            {"name": KF_INDICATOR, "target": "öka", "city_target": "1 %", "period": "Tertial"},
            {"name": "Ny KF-indikator från enheten", "target": "5", "city_target": "5"},
        ],
        "activities": [{"name": "KF-aktivitet från enheten"}],
        "children": [board, forged_board],
    }
    return {
        "format": "styra-plan/1",
        "unit": unit,
        "year": year,
        "goals": [
            {
                "level": "direction",
                "number": "1",
                "title": "En stad för alla",
                "description": "KF:s text, ifylld av en enhet.",
                "children": [area],
            },
            {"level": "direction", "number": "9", "title": "Ett KF-mål som enheten hittat på"},
        ],
    }


# What an editor's import of forged_plan() leaves out, in the order the import meets it.
LEFT_OUT = (
    "KF:s inriktningsmål 1 En stad för alla: importens text (beskrivning)",
    "KF:s årsmål för indikatorn Nöjda invånare",
    "Indikatorn Ny KF-indikator från enheten",
    "Aktiviteten KF-aktivitet från enheten",
    "Nämndmål Ingen ska vänta längre än nödvändigt: importens text (beskrivning)",
    "Indikatorn Ny nämndindikator från enheten",
    "Aktiviteten Ny nämndaktivitet från enheten",
    "Nämndmål Ett nämndmål som enheten hittat på finns inte",
    "KF:s inriktningsmål 9 Ett KF-mål som enheten hittat på finns inte",
)


def above_the_unit(unit: OrgUnit) -> dict:
    """Everything an import into `unit` must leave as it is: years, units, the chain above."""
    return {
        "years": sorted(PlanningYear.objects.values_list("year", flat=True)),
        "units": sorted(OrgUnit.objects.values_list("pk", "name", "parent_id")),
        "goals": sorted(
            Goal.objects.exclude(level=Level.UNIT).values_list(
                "pk", "level", "number", "title", "parent_id", "owner_id", *NARRATIVE_FIELDS
            )
        ),
        "indicators": sorted(
            Indicator.objects.exclude(owner=unit).values_list("pk", "name", "goal_id", "owner_id")
        ),
        "targets": sorted(
            Target.objects.exclude(org_unit=unit).values_list(
                "pk", "indicator_id", "org_unit_id", "text", "value"
            )
        ),
        "activities": sorted(
            Activity.objects.exclude(owner=unit).values_list("pk", "name", "goal_id", "owner_id")
        ),
    }


def add_kf_indicator(chain, org) -> Indicator:
    """KF's indicator on the area goal with its årsmål, as forged_plan() names it."""

    indicator = add_indicator(
        chain.area, org.city, KF_INDICATOR, target="öka", periodicity="tertial"
    )
    return indicator
