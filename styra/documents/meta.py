"""What a rendered plan needs to know that the plan itself does not say."""

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class PlanMeta:
    status: str  # "draft" or "adopted"
    unit_goal_label: str  # "Åtagande" or "Enhetsmål": the label for level "unit"
    phone: str = ""
    meeting_date: date | None = None
    organisation: str = ""  # the committee the unit belongs to, shown in the header
    closing_from: int | None = None  # index in plan["sections"] where the closing text begins
    generated_at: datetime | None = None  # fixed timestamp for reproducible output

    @property
    def is_draft(self) -> bool:
        return self.status != "adopted"
