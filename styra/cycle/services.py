"""Opening the next planning year: KF's chain and the committees' goals copied from the last.

`year_open` makes the new year a draft: the city administrator and the committees'
administrators edit the copied chain while the units neither see nor plan in it;
`year_release` opens it for the units. Next year's plans link to the copied chain by
where each goal came from (`copied_from`, plans.services.plan_copy_to_year).
"""

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext

from styra.accounts.permissions import Action, can
from styra.followup.models import ReportingPeriod
from styra.followup.services import period_update
from styra.goals.models import NARRATIVE_FIELDS, Activity, Goal, Level, PlanningYear, YearState
from styra.goals.services import activity_create, goal_create, year_create
from styra.indicators.models import Indicator, Target
from styra.indicators.services import indicator_create, target_set
from styra.lib.dates import shift_years
from styra.organisation.models import Kind, OrgUnit

from .models import CalendarFeed, DateKind, YearDate

# What an indicator copy keeps of its origin besides its goal and owner.
INDICATOR_FIELDS = (
    "name",
    "description",
    "code",
    "measure",
    "direction",
    "periodicity",
    "decimals",
    "aggregation",
)


@dataclass
class YearOpened:
    """What `year_open` made, for the page's message and the command's output."""

    year: PlanningYear
    source: PlanningYear
    committees: list[OrgUnit] = field(default_factory=list)
    goals: int = 0
    indicators: int = 0
    targets: int = 0
    activities: int = 0

    def summary(self) -> str:
        return gettext(
            "%(year)s är skapat som utkast från %(source)s: %(goals)d mål, %(indicators)d "
            "indikatorer, %(targets)d årsmål och %(activities)d aktiviteter kopierades."
        ) % {
            "year": self.year.year,
            "source": self.source.year,
            "goals": self.goals,
            "indicators": self.indicators,
            "targets": self.targets,
            "activities": self.activities,
        }


def _city() -> OrgUnit:
    city = OrgUnit.objects.filter(parent__isnull=True, kind=Kind.CITY).order_by("pk").first()
    if city is None:
        raise ValidationError(gettext("Organisationen har ingen kommun överst ännu."))
    return city


def _require_city_admin(by: User | AnonymousUser | None, city: OrgUnit) -> None:
    """Planning years are the city's: `by` must administer its root. None is the server's
    operator (a command run without --user), who holds the database already."""
    if by is not None and not can(by, Action.ADMINISTER, city):
        raise PermissionDenied(gettext("Bara stadens administratör kan öppna ett planeringsår."))


@transaction.atomic
def year_open(
    *,
    year: int,
    from_year: int,
    committees: Iterable[OrgUnit] = (),
    by: User | AnonymousUser | None,
) -> YearOpened:
    """Create `year` as a draft from `from_year`: its periods, KF's chain and the chosen
    committees' goals.

    Copied: KF's direction and area goals with KF's indicators, KF's targets and KF's
    activities; for each committee in `committees`, its board goals with its indicators,
    its targets (for its own and for KF's indicators) and its activities. Each copy
    records its origin (`copied_from`). Activity dates and the periods' deadlines move
    by the years between. Units' goals are not copied: each unit copies its own plan
    (plans.services.plan_copy_to_year) once the year is open.
    """
    city = _city()
    _require_city_admin(by, city)
    if PlanningYear.objects.filter(year=year).exists():
        raise ValidationError(
            {"year": gettext("Planeringsåret %(year)s finns redan.") % {"year": year}}
        )
    source = PlanningYear.objects.filter(year=from_year).first()
    if source is None:
        raise ValidationError(
            {"from_year": gettext("Planeringsåret %(year)s finns inte.") % {"year": from_year}}
        )
    if year <= from_year:
        raise ValidationError(
            {"year": gettext("Det nya året måste komma efter %(year)s.") % {"year": from_year}}
        )
    chosen = list(committees)
    stray = [c.name for c in chosen if c.kind != Kind.COMMITTEE or c.parent_id != city.pk]
    if stray:
        raise ValidationError(
            {
                "committees": gettext("%(names)s är ingen nämnd under %(city)s.")
                % {"names": ", ".join(stray), "city": city.name}
            }
        )
    new = year_create(year=year, unit_goal_label=source.unit_goal_label, state=YearState.DRAFT)
    new.status_tolerance = source.status_tolerance
    new.full_clean()
    new.save(update_fields=["status_tolerance"])
    opened = YearOpened(year=new, source=source, committees=chosen)
    _move_deadlines(new, source)
    _copy_dates(new, source)
    _copy_chain(opened, owners={city.pk, *(c.pk for c in chosen)}, shift=year - from_year)
    return opened


def _move_deadlines(new: PlanningYear, source: PlanningYear) -> None:
    """The city's own deadlines, a year on: the periods start from last year's, not the
    default two weeks after the cut-off (the periods page edits them afterwards)."""
    shift = new.year - source.year
    last = {p.period.part: p for p in ReportingPeriod.objects.filter(year=source)}
    for period in ReportingPeriod.objects.filter(year=new):
        before = last.get(period.period.part)
        deadline = shift_years(before.deadline, shift) if before else None
        if deadline is not None and deadline >= period.cutoff and deadline != period.deadline:
            period_update(period=period, cutoff=period.cutoff, deadline=deadline)


def _copy_chain(opened: YearOpened, *, owners: set[int], shift: int) -> None:
    """Goals top-down (a copy's parent is copied first), then what hangs on them."""
    kept_levels = {Level.DIRECTION, Level.AREA, Level.BOARD}
    goals = Goal.objects.filter(year=opened.source, owner_id__in=owners, level__in=kept_levels)
    copies: dict[int, Goal] = {}
    for goal in goals.select_related("owner").order_by("level_rank", "position", "pk"):
        if goal.parent_id is not None and goal.parent_id not in copies:
            continue  # under a goal of an owner not copied
        copies[goal.pk] = goal_create(
            year=opened.year,
            level=goal.level,
            owner=goal.owner,
            parent=copies.get(goal.parent_id) if goal.parent_id else None,
            number=goal.number,
            title=goal.title,
            copied_from=goal,
            **{name: getattr(goal, name) for name in NARRATIVE_FIELDS},
        )
        opened.goals += 1

    indicators = Indicator.objects.filter(goal_id__in=copies, owner_id__in=owners)
    indicator_copies: dict[int, Indicator] = {}
    for indicator in indicators.select_related("owner").order_by("goal_id", "position", "pk"):
        indicator_copies[indicator.pk] = indicator_create(
            goal=copies[indicator.goal_id],
            owner=indicator.owner,
            copied_from=indicator,
            **{name: getattr(indicator, name) for name in INDICATOR_FIELDS},
        )
        opened.indicators += 1
    targets = Target.objects.filter(indicator_id__in=indicator_copies, org_unit_id__in=owners)
    for target in targets.select_related("org_unit").order_by("indicator_id", "pk"):
        target_set(
            indicator=indicator_copies[target.indicator_id],
            org_unit=target.org_unit,
            text=target.text,
        )
        opened.targets += 1

    activities = Activity.objects.filter(goal_id__in=copies, owner_id__in=owners)
    for activity in activities.select_related("owner").order_by("goal_id", "position", "pk"):
        activity_create(
            goal=copies[activity.goal_id],
            owner=activity.owner,
            name=activity.name,
            start=shift_years(activity.start, shift),
            end=shift_years(activity.end, shift),
        )
        opened.activities += 1


@transaction.atomic
def year_release(*, year: PlanningYear, by: User | AnonymousUser | None) -> PlanningYear:
    """Open a draft year for the units: from now on they see it and plan in it."""
    _require_city_admin(by, _city())
    year = PlanningYear.objects.select_for_update().get(pk=year.pk)
    if not year.is_draft:
        raise ValidationError(
            gettext("Planeringsåret %(year)s är redan öppet för enheterna.") % {"year": year.year}
        )
    year.state = YearState.OPEN
    year.full_clean()
    year.save(update_fields=["state"])
    return year


# ---------------------------------------------------------------- the year's dates

# When the units hand in next year's plans and when the committees adopt them, as
# (month, day) of the year before the planning year; the city edits them afterwards.
PLAN_SUBMISSION_DAY = (11, 15)
PLAN_ADOPTION_DAY = (12, 15)


def _weekday(value: date) -> date:
    """A default date that falls on a Saturday or Sunday moves to the Monday after."""
    return value + timedelta(days=max(0, 7 - value.weekday())) if value.weekday() >= 5 else value


def budget_followup_dates(year: int) -> list[tuple[str, date]]:
    """Each month's budget follow-up deadline: the configured day of the following month.

    January to November (December is the annual report's); the months in
    STYRA_BUDGET_FOLLOWUP_SKIP_MONTHS (July, by default) have none.
    """
    day = settings.STYRA_BUDGET_FOLLOWUP_DAY
    skipped = set(settings.STYRA_BUDGET_FOLLOWUP_SKIP_MONTHS)
    dates = []
    for month in range(1, 12):
        if month in skipped:
            continue
        dates.append((f"{year}M{month:02d}", _weekday(date(year, month + 1, day))))
    return dates


def dates_defaults(year: PlanningYear) -> list[YearDate]:
    """A new year's default dates (unsaved): plan submission and adoption, the months."""
    before = year.year - 1
    dates = [
        YearDate(
            year=year,
            kind=DateKind.PLAN_SUBMISSION,
            date=_weekday(date(before, *PLAN_SUBMISSION_DAY)),
        ),
        YearDate(
            year=year, kind=DateKind.PLAN_ADOPTION, date=_weekday(date(before, *PLAN_ADOPTION_DAY))
        ),
    ]
    for month, when in budget_followup_dates(year.year):
        dates.append(YearDate(year=year, kind=DateKind.BUDGET_FOLLOWUP, date=when, month=month))
    return dates


@transaction.atomic
def dates_ensure(*, year: PlanningYear) -> list[YearDate]:
    """The year's default dates, created if the year has none yet (goals.year_create asks)."""
    if YearDate.objects.filter(year=year).exists():
        return list(YearDate.objects.filter(year=year))
    created = []
    for obj in dates_defaults(year):
        obj.full_clean()
        obj.save()
        created.append(obj)
    return created


def _copy_dates(new: PlanningYear, source: PlanningYear) -> None:
    """Last year's dates a year on, in place of the defaults, when last year had any."""
    before = list(YearDate.objects.filter(year=source).select_related("org_unit"))
    if not before:
        return
    for obj in YearDate.objects.filter(year=new):
        obj.delete()
    shift = new.year - source.year
    for old in before:
        month = ""
        if old.month:
            month = f"{int(old.month[:4]) + shift}{old.month[4:]}"
        moved = shift_years(old.date, shift)
        assert moved is not None  # a stored date is never empty
        copy = YearDate(
            year=new,
            kind=old.kind,
            date=moved,
            org_unit=old.org_unit,
            title=old.title,
            month=month,
        )
        copy.full_clean()
        copy.save()


def date_editable_nodes(by: User | AnonymousUser) -> tuple[bool, list[OrgUnit]]:
    """Whether `by` edits the city's dates, and the committees whose dates they edit."""
    city = OrgUnit.objects.filter(parent__isnull=True, kind=Kind.CITY).order_by("pk").first()
    if city is None:
        return False, []
    whole_city = can(by, Action.ADMINISTER, city)
    committees = [
        c
        for c in OrgUnit.objects.filter(parent=city, kind=Kind.COMMITTEE).order_by("name")
        if whole_city or can(by, Action.ADMINISTER, c)
    ]
    return whole_city, committees


def _require_date_editor(by: User | AnonymousUser | None, org_unit: OrgUnit | None) -> None:
    """The city's dates are its administrators'; a committee's, also its administrators'."""
    if by is None:
        return
    whole_city, committees = date_editable_nodes(by)
    if whole_city:
        return
    if org_unit is None:
        raise PermissionDenied(gettext("Bara stadens administratör ändrar hela kommunens datum."))
    if org_unit.pk not in {c.pk for c in committees}:
        raise PermissionDenied(
            gettext("Du kan bara ändra datum för den nämnd du är administratör för.")
        )


@transaction.atomic
def year_date_create(
    *,
    year: PlanningYear,
    kind: str,
    date: date,
    org_unit: OrgUnit | None = None,
    title: str = "",
    by: User | AnonymousUser | None,
) -> YearDate:
    _require_date_editor(by, org_unit)
    obj = YearDate(year=year, kind=kind, date=date, org_unit=org_unit, title=title.strip())
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def year_date_update(
    *,
    year_date: YearDate,
    kind: str,
    date: date,
    org_unit: OrgUnit | None = None,
    title: str = "",
    by: User | AnonymousUser | None,
) -> YearDate:
    """New values for a date; a committee's administrator keeps it their committee's."""
    _require_date_editor(by, year_date.org_unit)
    _require_date_editor(by, org_unit)
    year_date.kind, year_date.date, year_date.org_unit = kind, date, org_unit
    year_date.title = title.strip()
    year_date.full_clean()
    year_date.save()
    return year_date


@transaction.atomic
def year_date_delete(*, year_date: YearDate, by: User | AnonymousUser | None) -> None:
    _require_date_editor(by, year_date.org_unit)
    year_date.delete()


# ---------------------------------------------------------------- the calendar feed


def feed_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def feed_create(*, user: User) -> str:
    """A new secret feed token for `user`, replacing (revoking) the old one; only its
    hash is stored, so the token is returned once, for the link shown to the person."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.filter(user=user).delete()
    feed = CalendarFeed(user=user, token_hash=feed_token_hash(token))
    feed.save()
    return token


@transaction.atomic
def feed_revoke(*, user: User) -> bool:
    """Remove the person's feed link; whoever has it gets 404 from now on."""
    feeds = list(CalendarFeed.objects.filter(user=user))
    for feed in feeds:
        feed.delete()
    return bool(feeds)
