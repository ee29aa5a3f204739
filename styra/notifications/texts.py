"""The Swedish words of each notice: its title (the e-mail's subject) and its text.

A notice keeps its text as it was sent, like an e-mail, so the words are data written in
Swedish here (as a report's standard section headings are), not messages translated for
whoever reads the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User

from styra.accounts.people import person_name
from styra.followup.models import Report, ReportingPeriod
from styra.internal_control.models import ControlPlan
from styra.lib.dates import long_date
from styra.plans.models import Plan

from .models import Kind
from .recipients import Writers


@dataclass(frozen=True)
class Words:
    title: str
    text: str


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def subject_name(subject: Plan | Report | ControlPlan) -> str:
    """'verksamhetsplanen 2026', 'tertialrapport 1 2026', 'internkontrollplanen 2026': what
    the notice is about."""
    if isinstance(subject, Plan):
        return f"verksamhetsplanen {subject.year.year}"
    if isinstance(subject, ControlPlan):
        return f"internkontrollplanen {subject.year.year}"
    return period_name(subject.period)


def period_name(period: ReportingPeriod) -> str:
    label = period.period.label
    return label[:1].lower() + label[1:]


def decision(
    kind: str,
    subject: Plan | Report | ControlPlan,
    *,
    by: User | None,
    reason: str = "",
    message: str = "",
) -> Words:
    """A plan or report handed in, decided or opened again; without a person, the title.
    The message a decision came with (the dialog's) ends the text."""
    said = f"\nMeddelande: {message.strip()}" if message.strip() else ""
    what, unit, who = subject_name(subject), subject.unit_name, person_name(by)
    is_plan = not isinstance(subject, Report)  # a plan, or an internal control plan
    noun = "Planen" if is_plan else "Rapporten"
    if kind == Kind.SUBMITTED:
        title = f"{unit} har lämnat in {what}"
        done = f"{who} lämnade in {what} för {unit}" if who else title
        return Words(title=title, text=f"{done}. {noun} väntar på beslut.{said}")
    if kind == Kind.DECIDED:
        title = f"{_capital(what)} för {unit} är {'fastställd' if is_plan else 'godkänd'}"
        verb = "fastställde" if is_plan else "godkände"
        done = f"{who} {verb} {what} för {unit}" if who else title
        return Words(title=title, text=f"{done}.{said}")
    title = f"{_capital(what)} för {unit} har öppnats igen"
    done = f"{who} öppnade {what} för {unit} igen" if who else title
    return Words(
        title=title,
        text=(
            f"{done}.\nMotivering: {reason}\n"
            f"{noun} är ett utkast igen: ändra det som behövs och lämna in på nytt."
        ),
    )


def to_writers(words: Words, writers: Writers, unit_name: str) -> Words:
    """The notice as the unit's writers get it: to administrators standing in for a unit
    that has no editor, with why they get it and how that ends."""
    if not writers.stand_in:
        return words
    return Words(
        title=words.title,
        text=(
            f"{words.text}\n\nDu får detta som administratör, eftersom ingen har rollen "
            f"redaktör för {unit_name}. Ge någon rollen under Personer och roller, så går "
            "påminnelser och besked om enhetens planer och rapporter till den personen."
        ),
    )


def _days_left(days: int) -> str:
    if days == 0:
        return "i dag"
    if days == 1:
        return "i morgon"
    return f"om {days} dagar"


def reminder(period: ReportingPeriod, unit_name: str, *, today: date) -> Words:
    """A report not handed in as its deadline comes near, or once it has passed."""
    what = period_name(period)
    deadline = long_date(period.deadline)
    days = (period.deadline - today).days
    if days >= 0:
        return Words(
            title=f"Påminnelse: {what} för {unit_name} ska lämnas in senast {deadline}",
            text=(
                f"Sista dag att lämna in {what} för {unit_name} är {deadline}, "
                f"{_days_left(days)}. Rapporten är inte inlämnad än."
            ),
        )
    return Words(
        title=f"{_capital(what)} för {unit_name} är försenad",
        text=(
            f"Sista dag att lämna in {what} för {unit_name} var {deadline}. "
            "Rapporten är inte inlämnad. Lämna in den så snart som möjligt."
        ),
    )


def plan_reminder(plan: Plan, submission: date, *, today: date) -> Words:
    """A plan not handed in as the year's submission date comes near, or once it has passed."""
    what, unit, deadline = (
        f"verksamhetsplanen {plan.year.year}",
        plan.unit_name,
        long_date(submission),
    )
    days = (submission - today).days
    if days >= 0:
        return Words(
            title=f"Påminnelse: {what} för {unit} ska lämnas in senast {deadline}",
            text=(
                f"Sista dag att lämna in {what} för {unit} är {deadline}, "
                f"{_days_left(days)}. Planen är inte inlämnad än."
            ),
        )
    return Words(
        title=f"{_capital(what)} för {unit} är försenad",
        text=(
            f"Sista dag att lämna in {what} för {unit} var {deadline}. "
            "Planen är inte inlämnad. Lämna in den så snart som möjligt."
        ),
    )
