"""Search: what the signed-in person may see that matches the query, grouped by kind.

One query per kind (plan texts, goals, indicators, activities, report texts, goal
assessments, activities' follow-up and outcomes' comments), each narrowed in the query
itself to what the person may see, as the pages do: plans and reports of the units where
they may view (`visible_unit_ids`), the goal chain's parts shown to them
(`goals.access.chain_access`: their nodes, the nodes above them and the city), never a
draft year unless they prepare it. Nobody signed out searches.

On PostgreSQL the match is full-text search with the Swedish configuration (stemming:
"budgeten" finds "budget"), newest first, or, when the words find nothing of a kind,
trigram word similarity of the title for typos ("budgt"), most alike first;
on SQLite every term must occur in one of the kind's fields (a case-insensitive contains),
ranked by the order of the pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_
from typing import Any

from django.contrib.postgres.search import (
    SearchQuery,
    SearchVectorField,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import Exists, Expression, F, Model, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from styra.accounts.permissions import AnyUser
from styra.followup.models import ActivityFollowUp, GoalAssessment, ReportSection
from styra.goals.access import chain_access
from styra.goals.models import NARRATIVE_FIELDS, Activity, Goal, YearState
from styra.indicators.models import Indicator, Outcome, Target
from styra.lib.periods import period_label
from styra.plans.models import Plan, Section

from .excerpts import MAX_QUERY, excerpt, query_terms

PER_KIND = 10  # hits shown per kind on the page with every kind; "Visa fler" shows the rest
PER_PAGE = 30  # hits per page when one kind is shown


@dataclass(frozen=True)
class Scope:
    """What the person may see: units (plans, reports), chain owners, draft years or not."""

    unit_ids: frozenset[int]
    chain_ids: frozenset[int]
    drafts: bool
    everything: bool = False  # sees the city root, so every node: no list of ids to ask with

    @classmethod
    def of(cls, user: AnyUser) -> Scope:
        access = chain_access(user)
        owners = set(access.seen_ids)
        if access.city is not None:
            owners.add(access.city.pk)
        units = access.visible_ids  # read with the chain's access: no second walk of the tree
        return cls(
            unit_ids=units,
            chain_ids=frozenset(owners),
            drafts=access.sees_drafts,
            everything=access.city is not None and access.city.pk in units,
        )

    def units(self, path: str) -> Q:
        """Plans and reports of the units the person may see."""
        return Q() if self.everything else Q(**{f"{path}__in": self.unit_ids})

    def owners(self, path: str) -> Q:
        """The goal chain's parts shown to the person."""
        return Q() if self.everything else Q(**{f"{path}__in": self.chain_ids})

    def indicators(self, path: str = "") -> Q:
        """Indicators as their page lets them be seen (indicators.access): the owner is a
        unit the person may see, or one of those units has a target for it. Not the chain's
        owners: a city's indicator seen through the chain answers 404 on its page. `path`
        leads from the rows asked about to their indicator ("indicator__")."""
        if self.everything:
            return Q()
        targeted = Target.objects.filter(
            indicator_id=OuterRef(f"{path}pk"), org_unit_id__in=self.unit_ids
        )
        return Q(**{f"{path}owner_id__in": self.unit_ids}) | Q(Exists(targeted))

    def years(self, path: str) -> Q:
        """Draft years hidden from all but those who prepare them."""
        return Q() if self.drafts else ~Q(**{path: YearState.DRAFT})


@dataclass(frozen=True)
class Hit:
    title: str
    context: str  # the unit (or owner) and the year
    excerpt: SafeString
    url: str


@dataclass(frozen=True)
class Group:
    kind: str
    label: str
    hits: list[Hit]
    more: bool  # there are more hits than shown


@dataclass(frozen=True)
class Kind:
    key: str
    label: Promise
    model: type[Model]
    fields: tuple[str, ...]  # the text fields searched; the first is the title's
    scoped: Callable[[Scope], QuerySet[Any]]
    hit: Callable[[Any, list[str]], Hit]
    order: tuple[str, ...]


def _place(obj: Goal | Activity, year: int) -> str:
    return f"{obj.owner.name} · {year}"


def _chain_url(obj: Goal | Activity, goal_id: int, year: int) -> str:
    """A unit's goal or activity on its plan's page, a committee's or KF's on the chain page."""
    plan_id = getattr(obj, "plan_id", None)
    if plan_id:
        return reverse("plans:detail", args=[plan_id]) + f"#goal-{goal_id}"
    return reverse("goals:chain_year", args=[year]) + f"#goal-{goal_id}"


def _unit_plan(year: str) -> Subquery:
    """The id of the owner's plan for the year at `year` (none for a committee's or KF's part).

    Unordered: Plan's default ordering would join the year for every row asked about.
    """
    plans = Plan.objects.filter(unit_id=OuterRef("owner_id"), year_id=OuterRef(year))
    return Subquery(plans.order_by().values("pk")[:1])


def _texts(obj: Model, fields: tuple[str, ...]) -> list[str]:
    return [getattr(obj, name) or "" for name in fields]


def _section_hit(section: Section, terms: list[str]) -> Hit:
    plan = section.plan
    return Hit(
        title=f"{section.heading}",
        context=gettext("Verksamhetsplan %(year)s – %(unit)s")
        % {"year": plan.year.year, "unit": plan.unit_name},
        excerpt=excerpt([section.text, section.heading], terms),
        url=reverse("plans:detail", args=[plan.pk]),
    )


def _goal_hit(goal: Goal, terms: list[str]) -> Hit:
    return Hit(
        title=f"{goal.number} {goal.title}".strip(),
        context=f"{goal.get_level_display()} · {_place(goal, goal.year.year)}",
        excerpt=excerpt(_texts(goal, ("title", *NARRATIVE_FIELDS)), terms),
        url=_chain_url(goal, goal.pk, goal.year.year),
    )


def _indicator_hit(indicator: Indicator, terms: list[str]) -> Hit:
    return Hit(
        title=indicator.name,
        context=f"{indicator.owner.name} · {indicator.goal.year.year}",
        excerpt=excerpt([indicator.name, indicator.description], terms),
        url=reverse("indicators:detail", args=[indicator.pk]),
    )


def _activity_hit(activity: Activity, terms: list[str]) -> Hit:
    year = activity.goal.year.year
    return Hit(
        title=activity.name,
        context=_place(activity, year),
        excerpt=excerpt([activity.name], terms),
        url=_chain_url(activity, activity.goal_id, year),
    )


def _report_title(report: Any) -> str:
    return f"{report.period.period.display_label} – {report.unit_name}"


def _report_section_hit(section: ReportSection, terms: list[str]) -> Hit:
    return Hit(
        title=section.heading,
        context=_report_title(section.report),
        excerpt=excerpt([section.text, section.heading], terms),
        url=reverse("followup:report", args=[section.report_id]),
    )


def _activity_follow_up_hit(follow_up: ActivityFollowUp, terms: list[str]) -> Hit:
    return Hit(
        title=follow_up.activity.name,
        context=_report_title(follow_up.report),
        excerpt=excerpt([follow_up.comment], terms),
        url=reverse("followup:report", args=[follow_up.report_id]),
    )


def _outcome_hit(outcome: Outcome, terms: list[str]) -> Hit:
    return Hit(
        title=outcome.indicator.name,
        context=f"{period_label(outcome.period)} – {outcome.org_unit.name}",
        excerpt=excerpt([outcome.comment], terms),
        url=reverse("indicators:detail", args=[outcome.indicator_id]),
    )


def _assessment_hit(assessment: GoalAssessment, terms: list[str]) -> Hit:
    return Hit(
        title=assessment.goal.title,
        context=_report_title(assessment.report),
        excerpt=excerpt([assessment.analysis, assessment.reason], terms),
        url=reverse("followup:report", args=[assessment.report_id]),
    )


KINDS: tuple[Kind, ...] = (
    Kind(
        key="planer",
        label=_("Verksamhetsplaner"),
        model=Section,
        fields=("heading", "text"),
        scoped=lambda s: Section.objects.filter(
            s.years("plan__year__state"), s.units("plan__unit_id")
        ).select_related("plan__year"),
        hit=_section_hit,
        order=("-plan__year__year", "plan__unit_name", "position", "pk"),
    ),
    Kind(
        key="mal",
        label=_("Mål"),
        model=Goal,
        fields=("title", *NARRATIVE_FIELDS),
        scoped=lambda s: (
            Goal.objects.filter(s.years("year__state"), s.owners("owner_id"))
            .select_related("year", "owner")
            .annotate(plan_id=_unit_plan("year_id"))
        ),
        hit=_goal_hit,
        order=("-year__year", "level_rank", "owner__name", "position", "pk"),
    ),
    Kind(
        key="indikatorer",
        label=_("Indikatorer"),
        model=Indicator,
        fields=("name", "description"),
        scoped=lambda s: Indicator.objects.filter(
            s.years("goal__year__state"), s.indicators()
        ).select_related("goal__year", "owner"),
        hit=_indicator_hit,
        order=("-goal__year__year", "owner__name", "position", "pk"),
    ),
    Kind(
        key="aktiviteter",
        label=_("Aktiviteter"),
        model=Activity,
        fields=("name",),
        scoped=lambda s: (
            Activity.objects.filter(s.years("goal__year__state"), s.owners("owner_id"))
            .select_related("goal__year", "owner")
            .annotate(plan_id=_unit_plan("goal__year_id"))
        ),
        hit=_activity_hit,
        order=("-goal__year__year", "owner__name", "pk"),
    ),
    Kind(
        key="rapporter",
        label=_("Texter i rapporter"),
        model=ReportSection,
        fields=("heading", "text"),
        scoped=lambda s: ReportSection.objects.filter(
            s.years("report__period__year__state"), s.units("report__org_unit_id")
        ).select_related("report__period__year"),
        hit=_report_section_hit,
        order=("-report__period__cutoff", "report__unit_name", "position", "pk"),
    ),
    Kind(
        key="bedomningar",
        label=_("Bedömningar av mål i rapporter"),
        model=GoalAssessment,
        fields=("analysis", "reason"),
        scoped=lambda s: GoalAssessment.objects.filter(
            s.years("report__period__year__state"), s.units("report__org_unit_id")
        ).select_related("report__period__year", "goal"),
        hit=_assessment_hit,
        order=("-report__period__cutoff", "report__unit_name", "pk"),
    ),
    Kind(
        key="aktivitetsuppfoljning",
        label=_("Uppföljning av aktiviteter i rapporter"),
        model=ActivityFollowUp,
        fields=("comment",),
        scoped=lambda s: ActivityFollowUp.objects.filter(
            s.years("report__period__year__state"), s.units("report__org_unit_id")
        ).select_related("report__period__year", "activity"),
        hit=_activity_follow_up_hit,
        order=("-report__period__cutoff", "report__unit_name", "pk"),
    ),
    Kind(
        key="utfall",
        label=_("Kommentarer till utfall"),
        model=Outcome,
        fields=("comment",),
        # As the indicator's page shows its outcomes: the indicator seen, the unit's
        # outcome among the units the person may see.
        scoped=lambda s: Outcome.objects.filter(
            s.years("indicator__goal__year__state"),
            s.units("org_unit_id"),
            s.indicators("indicator__"),
        ).select_related("indicator", "org_unit"),
        hit=_outcome_hit,
        order=("-period", "org_unit__name", "pk"),
    ),
)
KIND_KEYS = frozenset(kind.key for kind in KINDS)


DOCUMENT = "search_document"


class StoredDocument(Expression):
    """The row's Swedish text-search vector, as PostgreSQL stores it (search's migration
    0002: a generated column `search_document` over the kind's fields, GIN-indexed). Read,
    never computed: a common word matches most rows, and computing each one's vector again
    is what made search slow. No model field: Django never writes it."""

    output_field = SearchVectorField()

    # Parameters as a list, not the stubs' tuple: the text-search lookup adds its own list.
    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:  # type: ignore[override]
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{table}.{connection.ops.quote_name(DOCUMENT)}", []


_NEWEST = (F("pk") + 0).desc()  # newest first, never from the primary key's index: _matching


def _matching(
    kind: Kind, scope: Scope, query: str, terms: list[str], *, typos: bool = False
) -> QuerySet[Any]:
    rows = kind.scoped(scope)
    if connection.vendor == "postgresql":
        # Each condition alone is answered by one of the kind's GIN indexes (search's
        # migrations): the stored text-search vector, and the trigram operator on the title.
        # Asked together (OR), the planner may read the whole table instead, so typos are a
        # second query, asked only when the words find nothing of the kind. For whoever sees
        # everything, words' hits come newest first (by id): a common word matches most of a
        # table, and an order over joined tables would be worked out for every match before
        # the first ten are known. The id is ordered as an expression ("pk + 0") that the
        # primary key's index cannot answer: by the plain id, the planner walks the table
        # backwards hoping to meet ten matches early, which for a rare word reads it all;
        # now it takes the matches from the text index and sorts only those. Narrowed to
        # some units, the matches are few and come as the pages order them. Typos, always
        # few, come most alike first.
        if typos:
            typo_hits: QuerySet[Any] = (
                rows.filter(**{f"{kind.fields[0]}__trigram_word_similar": query})
                .annotate(likeness=TrigramWordSimilarity(query, kind.fields[0]))
                .order_by("-likeness", *kind.order)
            )
            return typo_hits
        word_hits: QuerySet[Any] = (
            rows.annotate(document=StoredDocument())
            .filter(document=SearchQuery(query, config="swedish", search_type="websearch"))
            .order_by(*((_NEWEST,) if scope.everything else kind.order))
        )
        return word_hits
    each_term = [reduce(or_, (Q(**{f"{f}__icontains": t}) for f in kind.fields)) for t in terms]
    return rows.filter(reduce(and_, each_term)).order_by(*kind.order)


def _found(kind: Kind, scope: Scope, terms: list[str], start: int, stop: int) -> list[Any]:
    """The kind's hits from `start` to `stop`: by the words, else (PostgreSQL) by typos."""
    query = " ".join(terms)
    found = list(_matching(kind, scope, query, terms)[start:stop])
    if not found and start == 0 and connection.vendor == "postgresql":
        found = list(_matching(kind, scope, query, terms, typos=True)[start:stop])
    return found


def search(user: AnyUser, query: str, *, only: str = "", page: int = 1) -> list[Group]:
    """The hits for the query, a group per kind (only the one kind `only`, by page, if given)."""
    query = " ".join(query[:MAX_QUERY].split())
    terms = query_terms(query)
    if not terms or not getattr(user, "is_authenticated", False):
        return []
    scope = Scope.of(user)
    groups = []
    for kind in KINDS:
        if only and kind.key != only:
            continue
        size = PER_PAGE if only else PER_KIND
        start = (page - 1) * size if only else 0
        found = _found(kind, scope, terms, start, start + size + 1)
        groups.append(
            Group(
                kind=kind.key,
                label=str(kind.label),
                hits=[kind.hit(obj, terms) for obj in found[:size]],
                more=len(found) > size,
            )
        )
    return groups
