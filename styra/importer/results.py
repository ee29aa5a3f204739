"""What an import did or would do (ImportReport), and the refusals that carry one."""

import hashlib
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from styra.organisation.models import OrgUnit
from styra.plans.models import Plan


@dataclass
class ImportReport:
    plan: Plan | None = None
    created: list[str] = field(default_factory=list)
    linked: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Writes above the unit: made (only an opted-in city administrator's import), or left out.
    above_unit: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    # The unit's earlier plan for the year was (or, in a dry run, would be) replaced.
    replaces: bool = False

    def lines(self) -> list[str]:
        out = [f"Skapade: {c}" for c in self.created]
        out += [f"Länkade till befintlig: {c}" for c in self.linked]
        out += [f"Varning: {w}" for w in self.left_out + self.warnings]
        if self.replaces:
            out.append(f"Varning: {gettext('Den tidigare planen ersattes.')}")
        return out

    def digest(self) -> str:
        """What the import does above the unit, and whether it replaces the unit's plan, in
        short: a preview and its write must agree (a plan a colleague created after the
        preview is not replaced unseen)."""
        text = "\n".join(
            [f"replaces: {self.replaces}", "left out:", *self.left_out]
            + ["above the unit:", *self.above_unit]
        )
        return hashlib.sha256(text.encode()).hexdigest()[:32]


class PlanExists(ValidationError):
    """The unit has a plan for the year and the import was not asked to replace it.

    The message names no way to ask for it: the web page (a tick box) and the
    command (--replace) each say how in their own terms.
    """

    def __init__(self, *, unit: OrgUnit, year: int):
        super().__init__(
            gettext("%(unit)s har redan en verksamhetsplan för %(year)s.")
            % {"unit": unit.name, "year": year}
        )


class PreviewOutdated(ValidationError):
    """The import would leave out or write above the unit something the preview did not show."""

    def __init__(self, report: ImportReport):
        super().__init__(
            gettext(
                "Det som importen ersätter, lämnar utanför eller skapar ovanför enheten är inte "
                "längre detsamma som i förhandsvisningen. Granska förhandsvisningen nedan och "
                "spara igen."
            )
        )
        self.report = report
