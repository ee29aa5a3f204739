"""The units' plans of Exempelby kommun: styra-plan/1 files, stored through the importer.

Each file is the unit's plan as `styra export-plan` writes it; the importer stores it as the
unit's draft and links it to the goal chain (styra.demo.chain) by level, number and title.
What the format does not carry is listed here, and the loader writes it through the owning
app's service after the import: the officer's phone number, which unit indicators count
down (the importer guesses the measure from the target and takes higher as better), and
which plans are handed in and which adopted.
"""

from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from styra.plans.interchange import load_plan_json, validate_plan_dict


@dataclass(frozen=True)
class PlanFile:
    name: str
    phone: str
    adopted: bool = False
    # A plan handed in and waiting for the committee's decision: who handed it in, and the
    # message it went with (into the plan's dialog).
    submitted_by: str = ""
    message: str = ""

    def load(self) -> dict[str, Any]:
        """The file read as an uploaded plan is (within the importer's size and depth limits)."""
        return validate_plan_dict(
            load_plan_json(files(__package__).joinpath(self.name).read_bytes())
        )


# In the order they are written, per year.
PLANS = {
    2025: [
        PlanFile("2025-vuxenenheten.json", phone="0123-45 61 00", adopted=True),
        PlanFile("2025-mottagningsenheten.json", phone="0123-45 62 00"),
        PlanFile("2025-aldreomsorgen-norrdalen.json", phone="0123-47 10 00"),
    ],
    2026: [
        PlanFile("2026-vuxenenheten.json", phone="0123-45 61 00"),
        PlanFile(
            "2026-mottagning-och-rad.json",
            phone="0123-45 62 00",
            submitted_by="mottagning",
            message="Planen är klar för nämndens beslut. Budgeten för ekonomiskt bistånd "
            "bygger på antalet hushåll i december.",
        ),
        PlanFile("2026-aldreomsorgen-norrdalen.json", phone="0123-47 10 00"),
        PlanFile("2026-fritid-och-forebyggande.json", phone="0123-47 20 00"),
    ],
}

# Who hands in and who adopts the demo's adopted plan (Vuxenenheten 2025); the adopter
# also publishes it, and Vuxenenheten's approved annual report for 2025, on the public pages.
PLAN_SUBMITTER = "vuxen"
PLAN_ADOPTER = "beslut"
PUBLISHED_REPORT = ("2025VB", "Vuxenenheten")

# The units' own indicators where a lower outcome is better.
LOWER_IS_BETTER = {
    "Genomsnittlig handläggningstid för nyansökan om ekonomiskt bistånd",
    "Genomsnittlig kostnad per dygn i akutboende",
    "Antal förhandsbedömningar per socialsekreterare och månad",
    "Genomsnittlig väntetid i telefonkön",
}
