"""Every named URL answers every role and method as the committed policy table says.

The test walks Django's URL resolver (through every include), fills each
pattern's arguments from one small world (the personas of styra/conftest.py,
unit A's plan with a goal, indicator, activity, section, appendix and budget
row, unit A's report for 2026T1, a notice to editor_a), sends GET and an empty
POST as each role, and compares the normalised answer with styra/tests/policy.py:

    login  redirected to a sign-in page
    ok     any other 2xx or 3xx; for POST also 400 (access granted, the form refused)
    403, 404, 405 as themselves (and 500 for a crash, which no table entry expects)

Every request runs inside a savepoint that is rolled back, so a POST that
succeeds (a delete, an adoption) does not change what the next role meets.
The "public" column is an anonymous visitor with every object id pointing at
the adopted (published) plan and the approved report; the "<METHOD> locked"
rows repeat the roles against that adopted plan and approved report for
every URL that takes a plan or a report.

A URL name missing from the table, or a table entry for a URL that no longer
exists, fails the build; the failure prints the observed rows to review and
paste into policy.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from http.cookies import SimpleCookie
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from styra.budget.services import budget_row_create, budget_set_unit
from styra.conftest import add_indicator, add_unit_goal
from styra.cycle.models import DateKind
from styra.cycle.services import year_date_create
from styra.decisions.services import (
    plan_adopt,
    plan_reopen,
    plan_submit,
    report_approve,
    report_submit,
    subject_publish,
)
from styra.followup.models import Fulfilment, ReportSection
from styra.followup.services import assessment_set, outcome_record, periods_ensure, report_open
from styra.goals.services import activity_create
from styra.indicators.services import indicator_create, target_set
from styra.plans.services import appendix_add, section_create

from . import policy

PDF_BYTES = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
LOGIN_NAMES = ("accounts:login", "admin:login")


# ---------------------------------------------------------------- the URL patterns


@dataclass(frozen=True)
class Route:
    key: str  # the table's key: the URL name, with its arguments when the name is shared
    name: str
    route: str
    args: tuple[str, ...]
    pattern: URLPattern

    def reverse(self, values: dict) -> str:
        return reverse(self.name, kwargs={a: values[a] for a in self.args})


def _walk(resolver: URLResolver, prefix: str = "", namespaces: tuple = ()):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = namespaces + ((entry.namespace,) if entry.namespace else ())
            yield from _walk(entry, prefix + str(entry.pattern), ns)
        elif entry.name:
            yield ":".join((*namespaces, entry.name)), prefix + str(entry.pattern), entry


def named_routes() -> list[Route]:
    """Every named pattern; a name two patterns share is keyed by its arguments too."""
    found = []
    for name, route, pattern in _walk(get_resolver()):
        args = tuple(pattern.pattern.regex.groupindex)
        found.append((name, route, args, pattern))
    counts: dict[str, int] = {}
    for name, *_ in found:
        counts[name] = counts.get(name, 0) + 1
    return [
        Route(
            key=name if counts[name] == 1 else f"{name}({', '.join(args)})",
            name=name,
            route=route,
            args=args,
            pattern=pattern,
        )
        for name, route, args, pattern in found
    ]


# ---------------------------------------------------------------- the world


def build_world(org, chain, plan_a, plan_b, media_root: Path) -> SimpleNamespace:
    """Unit A's plan and report with one of everything, unit B's plan, a committee's chain part."""
    goal_a = add_unit_goal(
        chain, org.unit_a, "Alla besök bokas inom tre dagar", description="Beskrivning"
    )
    goal_a2 = add_unit_goal(chain, org.unit_a, "Trivsel")
    goal_b = add_unit_goal(chain, org.unit_b, "B:s mål")
    indicator_a = add_indicator(
        goal_a, org.unit_a, "Andel besök", target="90 %", measure="%", periodicity="tertial"
    )
    indicator_a2 = indicator_create(
        goal=goal_a, owner=org.unit_a, name="Väntetid", measure="st", periodicity="tertial"
    )
    indicator_b = add_indicator(
        goal_b, org.unit_b, "B:s indikator", target="80 %", periodicity="tertial"
    )
    kf_indicator = add_indicator(
        chain.area, org.city, "Nöjda invånare", target="öka", periodicity="tertial"
    )
    target_set(indicator=kf_indicator, org_unit=org.unit_a, text="öka")
    target_set(indicator=kf_indicator, org_unit=org.unit_b, text="öka")
    board_indicator = indicator_create(
        goal=chain.board, owner=org.north, name="Nämndens indikator", periodicity="tertial"
    )
    activity_a = activity_create(goal=goal_a, owner=org.unit_a, name="Ny bokningsrutin")
    activity_a2 = activity_create(goal=goal_a, owner=org.unit_a, name="Utbildning")
    activity_b = activity_create(goal=goal_b, owner=org.unit_b, name="B:s aktivitet")
    board_activity = activity_create(goal=chain.board, owner=org.north, name="Nämndens aktivitet")
    section_a = section_create(plan=plan_a, heading="Inledning", text="Text")
    section_a2 = section_create(plan=plan_a, heading="Avslutning", text="Slut", part="closing")
    # A second intro section, so that "move down" on the first one moves it: sections move
    # within their part.
    section_create(plan=plan_a, heading="Bakgrund", text="Mer")
    section_b = section_create(plan=plan_b, heading="B:s inledning", text="Text")
    appendix_a = appendix_add(
        plan=plan_a, name="Bilaga A", file=ContentFile(PDF_BYTES, name="bilaga-a.pdf")
    )
    appendix_b = appendix_add(
        plan=plan_b, name="Bilaga B", file=ContentFile(PDF_BYTES, name="bilaga-b.pdf")
    )
    budget_set_unit(plan=plan_a, currency_unit="tkr")
    row_a = budget_row_create(plan=plan_a, name="Personal", costs=Decimal(1000))
    row_a2 = budget_row_create(plan=plan_a, name="Lokaler", costs=Decimal(200))
    row_b = budget_row_create(plan=plan_b, name="B:s personal", costs=Decimal(500))
    periods = {p.code[-2:]: p for p in periods_ensure(year=chain.year)}
    report_a = report_open(org_unit=org.unit_a, period=periods["T1"])
    report_b = report_open(org_unit=org.unit_b, period=periods["T1"])
    outcome_record(
        indicator=indicator_a, org_unit=org.unit_a, period="2026T1", value="95", comment="Bra"
    )
    outcome_record(indicator=indicator_b, org_unit=org.unit_b, period="2026T1", value="70")
    group = Group.objects.create(name="Granskare")
    internal_control = internal_control_world(org, chain, periods)
    guarantees = quality_guarantee_world(org, chain, periods)
    year_date = year_date_create(
        year=chain.year,
        kind=DateKind.COMMITTEE_MEETING,
        date=date(2026, 3, 10),
        org_unit=org.north,
        by=None,
    )
    return SimpleNamespace(
        org=org,
        chain=chain,
        plan_a=plan_a,
        plan_b=plan_b,
        goal_a=goal_a,
        goal_a2=goal_a2,
        goal_b=goal_b,
        indicator_a=indicator_a,
        indicator_a2=indicator_a2,
        indicator_b=indicator_b,
        kf_indicator=kf_indicator,
        board_indicator=board_indicator,
        activity_a=activity_a,
        activity_a2=activity_a2,
        activity_b=activity_b,
        board_activity=board_activity,
        section_a=section_a,
        section_a2=section_a2,
        section_b=section_b,
        appendix_a=appendix_a,
        appendix_b=appendix_b,
        row_a=row_a,
        row_a2=row_a2,
        row_b=row_b,
        periods=periods,
        report_a=report_a,
        report_b=report_b,
        report_section_a=ReportSection.objects.filter(report=report_a).first(),
        report_section_b=ReportSection.objects.filter(report=report_b).first(),
        group=group,
        year_date=year_date,
        media_root=media_root,
        **internal_control,
        **guarantees,
    )


def internal_control_world(org, chain, periods) -> dict:
    """Unit A's internal control plan (a draft: a process, a selected risk, a control in T1),
    the city's risk of the year, and Norra nämnden's adopted plan with a control reported in
    T1 with a deviation and its measure (results exist only on an adopted plan)."""
    from styra.internal_control import services as ic
    from styra.internal_control.models import ControlPlan
    from styra.plans.models import PlanStatus

    city_risk = ic.city_risk_create(year=chain.year, process="Ekonomi", title="Underskott")

    def planned(node):
        plan = ic.control_plan_create(org_unit=node, year=chain.year)
        process = ic.process_create(plan=plan, title="Inköp")
        risk = ic.risk_create(process=process, title="Fel attest", probability=3, consequence=3)
        ic.risk_update(risk=risk, selected=True)
        control = ic.control_create(risk=risk, what="Stickprov", report_t1=True)
        return plan, process, risk, control

    control_plan_a, process_ic, risk_ic, control_ic = planned(org.unit_a)
    committee_plan, _, _, committee_control = planned(org.north)
    for risk in committee_plan.risks.filter(city_risk__isnull=False):
        ic.risk_update(risk=risk, probability=1, consequence=1)
    ControlPlan.objects.filter(pk=committee_plan.pk).update(status=PlanStatus.ADOPTED)
    committee_control.refresh_from_db()
    result = ic.result_report(
        control=committee_control,
        period=periods["T1"],
        done=True,
        result="deviation",
        findings="Två fakturor utan attest",
        by=None,
    )
    measure = ic.measure_create(result=result, name="Påminnelse om attestordningen")
    return dict(
        city_risk=city_risk,
        control_plan_a=control_plan_a,
        process_ic=process_ic,
        risk_ic=risk_ic,
        control_ic=control_ic,
        committee_control_plan=committee_plan,
        result_ic=result,
        measure_ic=measure,
    )


def quality_guarantee_world(org, chain, periods) -> dict:
    """A quality guarantee of unit A's plan (a draft here, adopted in the locked rows), with
    its outcome in 2026T1."""
    from styra.internal_control import guarantee_services as ic

    guarantee = ic.guarantee_create(
        unit=org.unit_a, year=chain.year, promise="Du får ett första samtal", term="inom 7 dagar"
    )
    ic.guarantee_outcome_record(guarantee=guarantee, period=periods["T1"], cases=10, kept=9)
    return dict(guarantee=guarantee)


def notice_to(user):
    """A notice of editor_a's own: nobody else may even find it."""
    from styra.notifications.models import Kind as NoticeKind
    from styra.notifications.services import notice_send

    (notice,) = notice_send(
        recipients=[user], kind=NoticeKind.REMINDER, title="T", text="T", dedupe_key="policy"
    )
    return notice


def keep_a_withdrawn_version(world) -> None:
    """Adopt unit A's plan and reopen it: a version that exists but is not public."""
    plan_submit(plan=world.plan_a, by=None)
    world.snapshot = plan_adopt(plan=world.plan_a, by=None)
    plan_reopen(plan=world.plan_a, by=None, reason="Ändring")
    world.plan_a.refresh_from_db()


def lock(world, by) -> None:
    """Adopt unit A's plan, approve its report and publish both: what the public may see."""
    for goal in (world.goal_a, world.goal_a2):
        assessment_set(report=world.report_a, goal=goal, value=Fulfilment.FULFILLED, proposed="")
    # Handed in by the unit's editor: nobody decides on what they handed in themselves.
    report_submit(report=world.report_a, by=world.users["editor_a"])
    plan_submit(plan=world.plan_a, by=world.users["editor_a"])
    world.snapshot = plan_adopt(plan=world.plan_a, by=by)
    report_approve(report=world.report_a, by=by)
    subject_publish(subject=world.plan_a, by=by)
    subject_publish(subject=world.report_a, by=by)
    lock_internal_control(world, by)


def lock_internal_control(world, by) -> None:
    """Unit A's internal control plan adopted through its doors: handed in by the unit's
    editor, adopted by `by` (nobody decides on what they handed in themselves)."""
    from styra.decisions.services import control_plan_adopt, control_plan_submit

    control_plan_submit(plan=world.control_plan_a, by=world.users["editor_a"])
    control_plan_adopt(plan=world.control_plan_a, by=by)
    world.control_plan_a.refresh_from_db()


def restore_files(world) -> None:
    """A delete that is rolled back in the database still removed its file; put it back."""
    for appendix in (world.appendix_a, world.appendix_b):
        path = world.media_root / appendix.file.name
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(PDF_BYTES)


def make_world(org, chain, plan_a, plan_b, settings, tmp_path) -> SimpleNamespace:
    settings.MEDIA_ROOT = tmp_path
    world = build_world(org, chain, plan_a, plan_b, tmp_path)
    keep_a_withdrawn_version(world)
    return world


@pytest.fixture
def world(org, chain, plan_a, plan_b, settings, tmp_path):
    return make_world(org, chain, plan_a, plan_b, settings, tmp_path)


@pytest.fixture
def users(request, org) -> dict:
    """The table's signed-in roles, each its persona fixture: anonymous and public are not."""
    signed_out = ("anonymous", policy.PUBLIC)
    return {role: request.getfixturevalue(role) for role in policy.ROLES if role not in signed_out}


# ---------------------------------------------------------------- arguments per URL


def _by_arg(w) -> dict:
    """The value each argument name takes unless the URL overrides it."""
    return {
        "plan_id": w.plan_a.pk,
        "unit_id": w.org.unit_a.pk,
        "section_id": w.section_a.pk,
        "appendix_id": w.appendix_a.pk,
        "goal_id": w.goal_a.pk,
        "indicator_id": w.indicator_a.pk,
        "activity_id": w.activity_a.pk,
        "row_id": w.row_a.pk,
        "report_id": w.report_a.pk,
        "committee_id": w.org.north.pk,
        "year_id": w.chain.year.pk,
        "period_id": w.periods["T1"].pk,
        "year": w.chain.year.year,
        "period": "2026T1",
        "code": "2026M03",
        "part": "intro",
        "way": "upp",
        "name": "header",
        "fmt": "json",
        "pk": w.org.unit_a.pk,
        "app_label": "auth",
        "snapshot_id": w.snapshot.pk if w.snapshot else 0,
        "notice_id": w.notice.pk,
        "date_id": w.year_date.pk,
        # Internal control: unit A's draft plan and its parts; results and measures exist
        # only on an adopted plan, Norra nämnden's.
        "control_plan_id": w.control_plan_a.pk,
        "process_id": w.process_ic.pk,
        "risk_id": w.risk_ic.pk,
        "control_id": w.control_ic.pk,
        "result_id": w.result_ic.pk,
        "measure_id": w.measure_ic.pk,
        "city_risk_id": w.city_risk.pk,
        # A quality guarantee of unit A's plan; the plan's adoption locks it.
        "guarantee_id": w.guarantee.pk,
        # Personer och roller: editor_a, the unit's editor, and that role.
        "user_id": w.users["editor_a"].pk,
        "membership_id": w.users["editor_a"].memberships.get().pk,
        # A password link that is no link: the page says so, to everyone.
        "uidb64": "MQ",
        "token": "set-password",
    }


def _overrides(w) -> dict[str, dict]:
    """Arguments that differ by URL: what each of these URLs is about in the world."""
    board = w.chain.board.pk
    return {
        "plans:chain_remove": {"goal_id": board},
        "plans:target_edit": {"indicator_id": w.kf_indicator.pk},
        "followup:report_section": {"section_id": w.report_section_a.pk},
        "documents:committee_report": {"unit_id": w.org.north.pk},
        "internal_control:rollup": {"unit_id": w.org.north.pk},
        "goals:goal_block": {"pk": board},
        "goals:goal_create_child": {"pk": w.chain.area.pk},
        "goals:goal_edit": {"pk": board},
        "goals:goal_delete": {"pk": board},
        "goals:goal_move": {"pk": board},
        "goals:indicator_create": {"pk": board},
        "goals:indicator_edit": {"pk": w.board_indicator.pk},
        "goals:indicator_delete": {"pk": w.board_indicator.pk},
        "goals:indicator_move": {"pk": w.board_indicator.pk},
        "goals:activity_create": {"pk": board},
        "goals:activity_edit": {"pk": w.board_activity.pk},
        "goals:activity_delete": {"pk": w.board_activity.pk},
        "goals:activity_move": {"pk": w.board_activity.pk},
    }


def _admin_args(route: Route, w) -> dict:
    """Admin URLs about a model take its first object (a user, the group, …)."""
    user = w.users["editor_a"]
    if route.name == "admin:view_on_site":
        return {
            "content_type_id": ContentType.objects.get_for_model(user).pk,
            "object_id": user.pk,
        }
    for model in admin.site._registry:
        meta = model._meta
        if route.name.startswith(f"admin:{meta.app_label}_{meta.model_name}_"):
            obj = model.objects.order_by("pk").first()
            pk = obj.pk if obj is not None else 1
            return {"object_id": pk, "id": pk, "pk": pk}
    return {}


def post_data(w) -> dict[str, dict]:
    """Bodies for the POSTs whose access decision needs to know what is asked for.

    The import confirm and the copy get bodies that reach above the unit (a forged plan
    with the administrator's opt-in, a year that does not exist); what they write is
    checked by test_no_role_writes_above_the_unit.
    """
    from django.core import signing

    from styra.importer.tests.forged import forged_plan
    from styra.importer.views import SALT
    from styra.internal_control.importing import SALT as IC_SALT
    from styra.internal_control.interchange import control_plan_dict

    return {
        "followup:report_open": {"unit": w.org.unit_a.pk, "period": w.periods["T1"].pk},
        "importer:confirm": {
            "payload": signing.dumps(forged_plan(), salt=SALT, compress=True),
            "unit": w.org.unit_a.pk,
            "year": 2026,
            "replace": "on",
            "create_chain": "on",
        },
        "plans:copy": {"year": 2077},
        # A preview signed for unit A's draft internal control plan, confirmed with "replace":
        # the confirm loads the node as the user and the import checks their right again.
        "internal_control:import_confirm": {
            "payload": signing.dumps(
                {
                    "data": control_plan_dict(w.control_plan_a),
                    "node": w.org.unit_a.pk,
                    "year": w.chain.year.pk,
                    "filename": "ik.json",
                },
                salt=IC_SALT,
                compress=True,
            ),
            "replace": "on",
        },
        # Unit B has no internal control plan: who may start it, its committee's editors.
        "internal_control:create": {"node": w.org.unit_b.pk, "year": 2026},
    }


def url_for(route: Route, w, **extra) -> str:
    values = _by_arg(w) | _admin_args(route, w) | _overrides(w).get(route.key, {}) | extra
    missing = [a for a in route.args if a not in values]
    if missing:
        raise LookupError(
            f"{route.key} ({route.route}) takes {missing}: give them a value in "
            "_by_arg or _overrides in styra/tests/test_url_policy.py"
        )
    return route.reverse(values)


# ---------------------------------------------------------------- asking


def _login_paths() -> set[str]:
    return {reverse(name) for name in LOGIN_NAMES}


def classify(response, method: str, login_paths: set[str]) -> str:
    code = response.status_code
    if 300 <= code < 400 and urlsplit(response.get("Location", "")).path in login_paths:
        return "login"
    if 200 <= code < 400 or (code == 400 and method == "POST"):
        return "ok"
    return str(code)


def ask(
    client: Client, method: str, url: str, world, login_paths: set[str], data: dict | None = None
) -> str:
    """One request inside a savepoint that is rolled back afterwards.

    The client's cookies are put back too: a sign-out (or a sign-in form) would
    otherwise leave the persona signed out for the rest of the walk.
    """
    cookies = SimpleCookie(client.cookies)
    try:
        with transaction.atomic():
            response = client.get(url) if method == "GET" else client.post(url, data or {})
            transaction.set_rollback(True)
    except Exception as exc:  # noqa: BLE001 - a crash is an answer the table never expects
        return f"500:{type(exc).__name__}"
    finally:
        client.cookies = cookies
        restore_files(world)
    return classify(response, method, login_paths)


def _clients(users: dict) -> dict[str, Client]:
    clients = {}
    for role in policy.ROLES:
        client = Client()
        if role in users:
            client.force_login(users[role])
        clients[role] = client
    return clients


def takes_state(route: Route) -> bool:
    """URLs about a plan, a report, a version, an internal control plan's structure or a
    quality guarantee get rows for the decided state too."""
    decided = {"plan_id", "report_id", "snapshot_id"}
    control_plan = {"control_plan_id", "process_id", "risk_id", "control_id"}
    # A quality guarantee is part of unit A's plan: its adoption locks it.
    guarantee = {"guarantee_id"}
    return bool((decided | control_plan | guarantee) & set(route.args))


def observe(routes: list[Route], world, users: dict) -> dict[str, dict[str, list[str]]]:
    """The answers per route key: {"GET": [one per role], "POST": [...], "GET locked": ...}."""
    world.users = users
    world.notice = notice_to(users["editor_a"])
    login_paths = _login_paths()
    clients = _clients(users)
    urls = {route.key: url_for(route, world) for route in routes}
    bodies = post_data(world)
    seen: dict[str, dict[str, list[str]]] = {
        route.key: {m: [""] * len(policy.ROLES) for m in policy.METHODS} for route in routes
    }
    for route in routes:
        for method in policy.METHODS:
            for i, role in enumerate(policy.ROLES):
                if role != policy.PUBLIC:
                    seen[route.key][method][i] = ask(
                        clients[role],
                        method,
                        urls[route.key],
                        world,
                        login_paths,
                        bodies.get(route.key),
                    )
    with transaction.atomic():
        lock(world, users["city_admin"])
        urls = {route.key: url_for(route, world) for route in routes}
        public = policy.ROLES.index(policy.PUBLIC)
        for route in routes:
            for method in policy.METHODS:
                seen[route.key][method][public] = ask(
                    clients[policy.PUBLIC],
                    method,
                    urls[route.key],
                    world,
                    login_paths,
                    bodies.get(route.key),
                )
                if not takes_state(route):
                    continue
                seen[route.key][f"{method} {policy.LOCKED}"] = [
                    ask(
                        clients[role],
                        method,
                        urls[route.key],
                        world,
                        login_paths,
                        bodies.get(route.key),
                    )
                    for role in policy.ROLES
                ]
        transaction.set_rollback(True)
    return seen


def format_rows(key: str, rows: dict[str, list[str]]) -> str:
    lines = [f"    {key!r}: {{"]
    for label, values in rows.items():
        cells = " ".join(f"{v:<6}" for v in values).rstrip()
        lines.append(f"        {label!r:<15} {cells!r},")
    lines.append("    },")
    return "\n".join(lines)


# ---------------------------------------------------------------- the tests


def test_the_table_lists_every_named_url_and_nothing_else():
    keys = {route.key for route in named_routes()}
    missing = sorted(keys - set(policy.TABLE))
    stale = sorted(set(policy.TABLE) - keys)
    assert not missing, (
        f"URL names missing from styra/tests/policy.py: {missing}. Run "
        "`pytest styra/tests/test_url_policy.py` to see their observed rows, review them "
        "against styra/accounts/permissions.py and add them."
    )
    assert not stale, f"policy.py lists URLs that no longer exist: {stale}"


def test_the_table_has_a_row_per_method_and_state_and_a_cell_per_role():
    by_key = {route.key: route for route in named_routes()}
    problems = []
    for key, rows in policy.TABLE.items():
        route = by_key.get(key)
        wanted = set(policy.METHODS)
        if route is not None and takes_state(route):
            wanted |= {f"{m} {policy.LOCKED}" for m in policy.METHODS}
        if set(rows) != wanted:
            problems.append(f"{key}: rows {sorted(rows)}, expected {sorted(wanted)}")
        for label, cells in rows.items():
            values = cells.split()
            if len(values) != len(policy.ROLES) or not set(values) <= policy.ANSWERS:
                problems.append(f"{key} {label}: {cells!r}")
    assert not problems, "\n".join(problems)


def test_every_url_answers_every_role_and_method_as_the_table_says(world, users):
    routes = named_routes()
    seen = observe(routes, world, users)
    differences, unlisted = [], []
    for route in routes:
        expected = policy.TABLE.get(route.key)
        if expected is None:
            unlisted.append(format_rows(route.key, seen[route.key]))
            continue
        for label, got in seen[route.key].items():
            want = expected.get(label, "").split()
            for role, w, g in zip(policy.ROLES, want, got, strict=False):
                if w != g:
                    differences.append(f"{route.key} {label} as {role}: table says {w}, got {g}")
    message = "\n".join(differences)
    if unlisted:
        message += "\nNot in the table yet (observed, review before pasting):\n"
        message += "\n".join(unlisted)
    assert not differences and not unlisted, message


def test_an_import_cannot_replace_an_adopted_plan(client, editor_a, plan_a):
    """A state the empty-body walk cannot reach: importing over a fastställd plan.

    importer:confirm with "replace" deletes the unit's plan for the year and
    writes a draft in its place, adopted or not; an adopted plan refuses writes.
    """
    from django.core import signing

    from styra.importer.views import SALT
    from styra.plans.context import load_plan
    from styra.plans.interchange import context_to_dict
    from styra.plans.models import Plan, PlanStatus

    data = context_to_dict(load_plan(plan_a))
    plan_submit(plan=plan_a, by=editor_a)
    plan_adopt(plan=plan_a, by=None)
    client.force_login(editor_a)
    client.post(
        reverse("importer:confirm"),
        {
            "payload": signing.dumps(data, salt=SALT, compress=True),
            "unit": plan_a.unit_id,
            "year": plan_a.year.year,
            "replace": "on",
        },
    )
    assert Plan.objects.filter(pk=plan_a.pk, status=PlanStatus.ADOPTED).exists()


def _forged_request(client: Client, case: str, world) -> tuple[object, str]:
    """One row of policy.ABOVE_THE_UNIT as one role: the response and the year asked for."""
    import json

    from django.core.files.uploadedfile import SimpleUploadedFile

    from styra.importer.tests.forged import forged_plan

    name, year, *opt_in = case.split()
    if name == "plans:copy":
        return client.post(reverse("plans:copy", args=[world.plan_a.pk]), {"year": year}), year
    content = json.dumps(forged_plan(year=int(year))).encode()
    preview = client.post(
        reverse("importer:upload"), {"file": SimpleUploadedFile("plan.json", content)}
    )
    check = preview.context.get("check") if preview.status_code == 200 else None
    seen = getattr(check, "seen", "")
    from django.core import signing

    from styra.importer.views import SALT

    body = {
        # What the upload signs for anyone: the signature proves the file, not the right.
        "payload": signing.dumps(forged_plan(year=int(year)), salt=SALT, compress=True),
        "unit": world.org.unit_a.pk,
        "year": year,
        "replace": "on",
        "seen": seen,
    }
    if opt_in:
        body["create_chain"] = "on"
    return client.post(reverse("importer:confirm"), body), year


def test_no_role_writes_above_the_unit(world, users):
    """Import confirm and copy, with bodies that reach above the unit, as every role."""
    from styra.goals.models import Goal
    from styra.importer.tests.forged import above_the_unit

    world.users = users
    clients, login_paths = _clients(users), _login_paths()
    unit = world.org.unit_a
    before = above_the_unit(unit)
    differences = []
    for case, cells in policy.ABOVE_THE_UNIT.items():
        for role, want in zip(policy.ROLES, cells.split(), strict=True):
            with transaction.atomic():
                response, year = _forged_request(clients[role], case, world)
                answer = classify(response, "POST", login_paths)
                if above_the_unit(unit) != before:
                    answer += ":chain"
                elif Goal.objects.filter(owner=unit, title="Enhetens eget mål").exists():
                    answer += ":unit"
                elif answer == "ok":
                    answer += ":-"
                transaction.set_rollback(True)
            restore_files(world)
            if answer != want:
                differences.append(f"{case} as {role}: table says {want}, got {answer}")
    assert not differences, "\n".join(differences)
    assert above_the_unit(unit) == before


def _committee_admin_request(client: Client, case: str, people: dict, org) -> object:
    """One row of policy.COMMITTEE_ADMIN, as the committee administrator."""
    from styra.accounts.models import Membership

    name, *rest = case.split()
    if name == "people:list":
        return client.get(reverse(name))
    if name == "people:grant":
        role, node = rest
        body = {"person": "editor_a", "role": role, "org_unit": getattr(org, node).pk}
        return client.post(reverse(name), body)
    person = people[rest[0]]
    if name == "people:person":
        return client.get(reverse(name, args=[person.pk]))
    if name == "people:revoke":
        membership = Membership.objects.filter(user=person).order_by("pk")[0]
        return client.post(reverse(name, args=[membership.pk]))
    if name == "people:update":
        body = {"first_name": "Ny", "last_name": "Person", "email": "ny.person@kommun.test"}
        return client.post(reverse(name, args=[person.pk]), body)
    return client.post(reverse(name, args=[person.pk]))


def _people_state() -> tuple:
    from django.contrib.auth import get_user_model

    from styra.accounts.models import Membership

    return (
        set(Membership.objects.values_list("user_id", "org_unit_id", "role")),
        set(
            get_user_model().objects.values_list(
                "pk", "is_active", "first_name", "last_name", "email"
            )
        ),
    )


def test_a_committee_administrator_reaches_no_one_above_or_beside_it(
    client, org, committee_admin, editor_a, city_admin
):
    """Personer och roller as the administrator of Norra nämnden (policy.COMMITTEE_ADMIN)."""
    from styra.accounts.models import Membership, Role
    from styra.conftest import _user

    editor_s = _user("editor_s", org.unit_s, Role.EDITOR)
    Membership.objects.create(user=editor_a, org_unit=org.unit_b, role=Role.READER)
    people = {"editor_a": editor_a, "city_admin": city_admin, "editor_s": editor_s}
    client.force_login(committee_admin)
    login_paths = _login_paths()
    differences = []
    for case, want in policy.COMMITTEE_ADMIN.items():
        with transaction.atomic():
            before = _people_state()
            response = _committee_admin_request(client, case, people, org)
            answer = classify(
                response,
                "GET" if case.startswith(("people:list", "people:person ")) else "POST",
                login_paths,
            )
            answer += ":changed" if _people_state() != before else ":-"
            transaction.set_rollback(True)
        if answer != want:
            differences.append(f"{case}: table says {want}, got {answer}")
    assert not differences, "\n".join(differences)
