"""What a styra-internal-control/1 dict becomes in Styra: the goals and the city's risks it
names, found in the year they are imported into, and what the import said about it.

The writes are `import_services.control_plan_import`'s; this module reads only. A goal is named in
the file by its level, number and title, a city risk by its process and title (the city's
own words), so that a plan moves between years and nodes without ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext

from styra.goals.models import Goal, Level, PlanningYear
from styra.organisation.models import OrgUnit

from ..models import CityRisk, ControlPlan

# The goals a risk may threaten: KF's and the committees' (services.RISK_GOAL_LEVELS).
GOAL_LEVELS = (Level.DIRECTION, Level.AREA, Level.BOARD)


def words(text: str | None) -> str:
    """A title as compared: spaces run together and case ignored (a file edited by hand)."""
    return " ".join((text or "").split()).casefold()


@dataclass
class ControlPlanImport:
    """What an import stored, or in a dry run would store.

    `data` is the plan as stored, in its styra-internal-control/1 dict (the preview shows
    it); `plan` is None after a dry run, which stores nothing.
    """

    data: dict[str, Any]
    plan: ControlPlan | None = None
    warnings: list[str] = field(default_factory=list)
    replaces: bool = False

    def lines(self) -> list[str]:
        """What was (or would be) stored, line by line, for the command's output."""
        out = [
            gettext("Internkontrollplan %(year)s för %(unit)s (utkast)")
            % {"year": self.data["year"], "unit": self.data["unit"]}
        ]
        for process in self.data["processes"]:
            out.append(gettext("Process: %(title)s") % {"title": process["title"]})
            for risk in process["risks"]:
                out.append("  " + risk_line(risk))
                for control in risk["controls"]:
                    out.append(
                        "    "
                        + gettext("Kontrollmoment: %(what)s (%(when)s)")
                        % {"what": control["what"], "when": ", ".join(control["reported_in"])}
                    )
        if self.replaces:
            out.append(gettext("Varning: %(w)s") % {"w": gettext("Den tidigare planen ersätts.")})
        out += [gettext("Varning: %(w)s") % {"w": w} for w in self.warnings]
        return out


def risk_line(risk: dict[str, Any]) -> str:
    """'Risk: Fel attest (sannolikhet 3, konsekvens 3, riskvärde 9; med i kontrollplanen)'."""
    if risk["value"] is None:
        assessed = gettext("inte bedömd")
    else:
        assessed = gettext("sannolikhet %(p)s, konsekvens %(c)s, riskvärde %(v)s") % {
            "p": risk["probability"],
            "c": risk["consequence"],
            "v": risk["value"],
        }
    chosen = gettext("med i kontrollplanen") if risk["selected"] else gettext("inte med")
    city = gettext(", stadens risk") if risk["city"] else ""
    return gettext("Risk: %(title)s (%(assessed)s; %(chosen)s%(city)s)") % {
        "title": risk["title"],
        "assessed": assessed,
        "chosen": chosen,
        "city": city,
    }


class GoalFinder:
    """The year's KF and committee goals by level, number and title; where several share
    them, the one of the nearest node above the plan's (its own committee's goal first)."""

    def __init__(self, node: OrgUnit, year: PlanningYear) -> None:
        above = list(
            OrgUnit.objects.ancestors(node, include_self=True).values_list("pk", flat=True)
        )
        nearness = {pk: depth for depth, pk in enumerate(reversed(above))}
        self.year = year
        self.goals: dict[tuple[str, str, str], Goal] = {}
        candidates = Goal.objects.filter(year=year, level__in=GOAL_LEVELS).order_by("pk")
        ranked = sorted(candidates, key=lambda g: nearness.get(g.owner_id, len(nearness)))
        for goal in ranked:
            self.goals.setdefault(self.key(goal.level, goal.number, goal.title), goal)

    @staticmethod
    def key(level: str, number: str | None, title: str) -> tuple[str, str, str]:
        return level, (number or "").strip(), words(title)

    def find(self, named: dict[str, Any], risk: str, warnings: list[str]) -> Goal | None:
        goal = self.goals.get(self.key(named["level"], named["number"], named["title"]))
        if goal is None:
            label = " ".join(p for p in (named["number"] or "", named["title"]) if p)
            warnings.append(
                gettext(
                    "Risken ”%(risk)s” är knuten till målet ”%(goal)s” (%(level)s), som inte "
                    "finns bland %(year)s års KF-mål och nämndmål. Risken sparas utan mål."
                )
                % {
                    "risk": risk,
                    "goal": label,
                    "level": Level(named["level"]).label,
                    "year": self.year.year,
                }
            )
        return goal


def city_risks(year: PlanningYear) -> dict[tuple[str, str], CityRisk]:
    """The year's city risks by their process and title, as compared."""
    return {(words(c.process), words(c.title)): c for c in CityRisk.objects.filter(year=year)}


def follow_up_counts(data: dict[str, Any]) -> tuple[int, int]:
    """(results, measures) in the file: the follow-up an import leaves out."""
    results = [
        result
        for process in data["processes"]
        for risk in process["risks"]
        for control in risk["controls"]
        for result in control["results"]
    ]
    return len(results), sum(len(result["measures"]) for result in results)
