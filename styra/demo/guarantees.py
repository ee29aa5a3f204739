"""Exempelby's quality guarantees (kvalitetsgarantier): what some units promise the people
they serve, each with a measurable term, and how the promise was kept in T1.

Our own words, like the rest of the demo. A guarantee is part of its unit's plan of the
year, so it is written while the plan is a draft (before it is handed in), and its T1
outcome before the unit's T1 report is handed in.
"""

from __future__ import annotations

from dataclasses import dataclass

from styra.followup.models import ReportingPeriod
from styra.internal_control.guarantee_services import guarantee_create, guarantee_outcome_record
from styra.plans.models import Plan


@dataclass(frozen=True)
class GuaranteeSpec:
    promise: str
    term: str
    target_percent: int
    remedy: str
    # (cases, kept, comment) in T1 of the plan's year; None: not yet followed up.
    t1: tuple[int, int, str] | None


GUARANTEES: dict[str, tuple[GuaranteeSpec, ...]] = {
    "Vuxenenheten": (
        GuaranteeSpec(
            promise="Du som söker stöd får ett första samtal med en socialsekreterare.",
            term="inom fem arbetsdagar från det att vi fick din ansökan",
            target_percent=95,
            remedy="Enhetschefen ringer dig samma vecka och bokar en tid.",
            t1=(84, 79, "Fem samtal blev sena under påskveckan, då två tjänster var vakanta."),
        ),
        GuaranteeSpec(
            promise="Du får ett skriftligt beslut som förklarar hur du kan överklaga.",
            term="inom två veckor efter att utredningen är klar",
            target_percent=100,
            remedy="",
            t1=(61, 61, ""),
        ),
    ),
    "Mottagning och råd": (
        GuaranteeSpec(
            promise="När du ringer mottagningen får du svar samma dag.",
            term="senast klockan 16 den dag du ringde",
            target_percent=90,
            remedy="Vi ringer upp dig nästa morgon före klockan 10.",
            t1=(412, 389, "Måluppfyllelsen sjönk i mars när telefonsystemet byttes."),
        ),
    ),
    "Äldreomsorgen Norrdalen": (
        GuaranteeSpec(
            promise="Du som flyttar in på vårt boende har en kontaktperson från första dagen.",
            term="samma dag som du flyttar in",
            target_percent=100,
            remedy="Enhetschefen är din kontaktperson tills en ordinarie är utsedd.",
            t1=(9, 8, "En inflyttning skedde en helg då kontaktpersonen inte var i tjänst."),
        ),
        GuaranteeSpec(
            promise="Din genomförandeplan görs tillsammans med dig och dina närstående.",
            term="inom tre veckor från inflyttningen",
            target_percent=90,
            remedy="",
            t1=None,
        ),
    ),
}


def guarantees_load(plan: Plan) -> int:
    """The unit's guarantees in its draft plan, with their T1 outcomes; how many were made."""
    specs = GUARANTEES.get(plan.unit.name, ())
    t1 = ReportingPeriod.objects.filter(year=plan.year, code=f"{plan.year.year}T1").first()
    for spec in specs:
        guarantee = guarantee_create(
            unit=plan.unit,
            year=plan.year,
            promise=spec.promise,
            term=spec.term,
            target_percent=spec.target_percent,
            remedy=spec.remedy,
        )
        if spec.t1 is not None and t1 is not None:
            cases, kept, comment = spec.t1
            guarantee_outcome_record(
                guarantee=guarantee, period=t1, cases=cases, kept=kept, comment=comment
            )
    return len(specs)
