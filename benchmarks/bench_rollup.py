"""A generated city: response times of the committee and city roll-ups and the committee PDF.

Run: .venv/bin/python benchmarks/bench_rollup.py [--committees 30 --units 40 --indicators 30
     --years 3 --runs 5] [--postgres]

Generates, with bulk_create, a city of COMMITTEES committees with UNITS units each,
INDICATORS city indicators (two thirds tertial, one third annual, every aggregation) with a
target per unit, and YEARS years of T1, T2 and VB reports with outcomes, goal assessments
and budget follow-ups (outcome to date and forecast), and for the last year an internal
control plan per committee and unit (RISKS risks with CONTROLS controls each, reported in the
measured period: some not reported, some not done, some with deviations and their measures;
one plan in twenty not adopted); then prints the median response time of the committee
roll-up page, the city roll-up page, the committee and city internal control roll-ups and
(when styra.followup.interchange exists) the committee report PDF. The measured period's
submitted and approved reports are frozen as submitting freezes them, so the roll-ups read
what those reports held.

Each database runs in its own process in a throw-away test database: SQLite always, and
PostgreSQL with --postgres (postgres://postgres@127.0.0.1:5432, its own test_ database,
dropped afterwards) or when DATABASE_URL is set.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = "STYRA_BENCH_ROLLUP_CHILD"
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/styra_bench_rollup"
# Each internal control plan: its risks, each with its controls (the size of a real plan).
RISKS, CONTROLS = 8, 5


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--committees", type=int, default=30)
    parser.add_argument("--units", type=int, default=40, help="units per committee")
    parser.add_argument("--indicators", type=int, default=30)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--postgres", action="store_true", help="also run on PostgreSQL")
    return parser.parse_args(argv)


def main() -> None:
    args = arguments()
    if os.environ.get(CHILD):
        run(args)
        return
    sys.exit(run_children(__file__, CHILD, DEFAULT_PG, postgres=args.postgres))


def run_children(script: str, child: str, default_pg: str, *, postgres: bool) -> int:
    """Run `script` again per database, in its own process with `child` set; the exit status.

    SQLite always; PostgreSQL too with --postgres or when DATABASE_URL is set.
    """
    child_args = [a for a in sys.argv[1:] if a != "--postgres"]
    targets = [("SQLite", None)]
    if postgres or os.environ.get("DATABASE_URL"):
        targets.append(("PostgreSQL", os.environ.get("DATABASE_URL") or default_pg))
    status = 0
    for label, database_url in targets:
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env[child] = label
        if database_url:
            env["DATABASE_URL"] = database_url
        print(f"== {label}", flush=True)
        status |= subprocess.call([sys.executable, script, *child_args], env=env)  # noqa: S603
    return status


# ---------------------------------------------------------------- in the child process


def run(args: argparse.Namespace) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("STYRA_DATA_DIR", tempfile.mkdtemp(prefix="styra-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styra.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        # A file, as in production; an in-memory database would flatter the figures.
        connection.settings_dict["TEST"]["NAME"] = os.path.join(
            os.environ["STYRA_DATA_DIR"], "bench-rollup.sqlite3"
        )
    test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("migrate", verbosity=0)
        figures(args)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        print(f"  (test database {test_db} removed)")


def figures(args: argparse.Namespace) -> None:
    """Generate the city and print its figures, in the database that is open."""
    started = time.perf_counter()
    city = generate(args)
    print(f"  generated in {time.perf_counter() - started:.1f} s: {city['summary']}")
    measure(args, city)


def generate(args: argparse.Namespace) -> dict:
    """The city, in bulk: a few thousand nodes and a few hundred thousand rows."""
    import random
    from datetime import timedelta
    from decimal import Decimal

    from django.contrib.auth import get_user_model
    from django.db import reset_queries, transaction

    from styra.accounts.models import Membership, Role
    from styra.budget.models import Budget, BudgetRow
    from styra.followup import frozen
    from styra.followup.models import (
        BudgetFollowUp,
        Fulfilment,
        GoalAssessment,
        Report,
        ReportingPeriod,
        ReportStatus,
    )
    from styra.goals.models import LEVEL_ORDER, Goal, Level, PlanningYear
    from styra.indicators.models import Aggregation, Indicator, Outcome, Periodicity, Target
    from styra.lib.periods import TERTIALS, Period, is_due
    from styra.organisation.models import Kind, OrgUnit
    from styra.plans.models import Plan

    rnd = random.Random(4)  # noqa: S311 - test data
    last_year = 2026
    years = list(range(last_year - args.years + 1, last_year + 1))
    fulfilments = [Fulfilment.FULFILLED, Fulfilment.PARTLY, Fulfilment.NOT_FULFILLED]
    aggregations = [Aggregation.SUM, Aggregation.MEAN, Aggregation.WEIGHTED, Aggregation.NONE]
    counts: dict[str, int] = {}

    def jitter() -> Decimal:
        return Decimal(rnd.uniform(0.9, 1.1))

    def cents(amount: Decimal) -> Decimal:
        return amount.quantize(Decimal("0.01"))

    def bulk(model, objs):
        created = model.objects.bulk_create(objs, batch_size=2000)
        counts[model.__name__] = counts.get(model.__name__, 0) + len(created)
        return created

    def goal(year, level, owner, parent, title, position):
        rank = LEVEL_ORDER.index(level)
        return Goal(
            year=year,
            level=level,
            level_rank=rank,
            owner=owner,
            parent=parent,
            title=title,
            position=position,
        )

    with transaction.atomic():
        city = OrgUnit.objects.create(name="Benchstad", kind=Kind.CITY)
        committees = bulk(
            OrgUnit,
            [
                OrgUnit(name=f"Nämnd {c:02}", kind=Kind.COMMITTEE, parent=city)
                for c in range(args.committees)
            ],
        )
        units = bulk(
            OrgUnit,
            [
                OrgUnit(name=f"Enhet {c:02}-{u:02}", kind=Kind.UNIT, parent=committee)
                for c, committee in enumerate(committees)
                for u in range(args.units)
            ],
        )
        committee_of = {unit.pk: committees[i // args.units] for i, unit in enumerate(units)}

        for year_number in years:
            year = PlanningYear.objects.create(year=year_number)
            direction = Goal.objects.create(
                year=year, level=Level.DIRECTION, owner=city, title="Inriktning", number="1"
            )
            areas = bulk(
                Goal,
                [goal(year, Level.AREA, city, direction, f"Område {a}", a) for a in range(3)],
            )
            boards = bulk(
                Goal,
                [
                    goal(year, Level.BOARD, c, areas[b], f"{c.name}: nämndmål {b}", b)
                    for c in committees
                    for b in range(3)
                ],
            )
            boards_of = {c.pk: boards[i * 3 : i * 3 + 3] for i, c in enumerate(committees)}
            plans = bulk(Plan, [Plan(unit=u, year=year, unit_name=u.name) for u in units])
            unit_goals = bulk(
                Goal,
                [
                    goal(
                        year,
                        Level.UNIT,
                        u,
                        boards_of[committee_of[u.pk].pk][g],
                        f"{u.name}: mål {g}",
                        g,
                    )
                    for u in units
                    for g in range(2)
                ],
            )
            goals_of: dict[int, list[Goal]] = {}
            for g in unit_goals:
                goals_of.setdefault(g.owner_id, []).append(g)
            indicators = bulk(
                Indicator,
                [
                    Indicator(
                        goal=areas[i % 3],
                        owner=city,
                        name=f"Indikator {i:02}",
                        code=f"BENCH{i:02}",
                        measure="%",
                        periodicity=Periodicity.YEAR if i % 3 == 0 else Periodicity.TERTIAL,
                        aggregation=aggregations[i % 4],
                        position=i,
                    )
                    for i in range(args.indicators)
                ],
            )
            bulk(
                Target,
                [
                    Target(indicator=ind, org_unit=node, text="75 %", value=Decimal(75))
                    for ind in indicators
                    for node in [city, *committees, *units]
                ],
            )
            budgets = bulk(Budget, [Budget(plan=p) for p in plans])
            rows = bulk(
                BudgetRow,
                [
                    row
                    for b in budgets
                    for row in (
                        BudgetRow(budget=b, name="Personal", costs=Decimal(8000), position=0),
                        BudgetRow(budget=b, name="Lokaler", costs=Decimal(1500), position=1),
                        BudgetRow(
                            budget=b, name="Köp av verksamhet", costs=Decimal(3000), position=2
                        ),
                        BudgetRow(budget=b, name="Intäkter", revenues=Decimal(500), position=3),
                    )
                ],
            )
            for part in TERTIALS:
                period = Period(year_number, part)
                reporting = ReportingPeriod.objects.create(
                    year=year,
                    code=period.code,
                    cutoff=period.default_cutoff,
                    deadline=period.default_cutoff + timedelta(days=14),
                )
                latest = year_number == last_year and part != "T1"
                if year_number == last_year and part == "T2":
                    measured = reporting
                reports = bulk(
                    Report,
                    [
                        Report(
                            org_unit=node,
                            period=reporting,
                            unit_name=node.name,
                            status=rnd.choice(
                                [ReportStatus.DRAFT, ReportStatus.SUBMITTED, ReportStatus.APPROVED]
                                if latest
                                else [ReportStatus.APPROVED]
                            ),
                        )
                        for node in [*committees, *units]
                        if not latest or rnd.random() > 0.1  # some have not started
                    ],
                )
                bulk(
                    GoalAssessment,
                    [
                        GoalAssessment(report=r, goal=g, value=rnd.choice(fulfilments))
                        for r in reports
                        for g in goals_of.get(r.org_unit_id) or boards_of.get(r.org_unit_id, [])
                    ],
                )
                bulk(
                    Outcome,
                    [
                        Outcome(
                            indicator=ind,
                            org_unit=u,
                            period=period.code,
                            value=Decimal(rnd.randint(40, 100)),
                            base=Decimal(rnd.randint(10, 200)),
                        )
                        for ind in indicators
                        if is_due(ind.periodicity, period)
                        for u in units
                    ],
                )
                # Outcome to date: about the share of the year the period covers. Amounts have
                # two decimals, as the services store them.
                share = Decimal(TERTIALS.index(part) + 1) / 3
                bulk(
                    BudgetFollowUp,
                    [
                        BudgetFollowUp(
                            row=row,
                            period=period.code,
                            outcome=cents((row.costs or row.revenues) * share * jitter()),
                            forecast=cents((row.costs or row.revenues) * jitter()),
                            comment="Prognos",
                        )
                        for row in rows
                    ],
                )

        internal_control(measured.year, [*committees, *units], measured, rnd, bulk)

        # Handed-in reports hold what they reported (followup.frozen), which submitting
        # stores; bulk_create bypasses it, so freeze the measured period's as submitting would.
        freeze_started = time.perf_counter()
        handed_in = Report.objects.with_header().filter(
            period__code=f"{last_year}T2",
            status__in=[ReportStatus.SUBMITTED, ReportStatus.APPROVED],
        )
        for report in handed_in:
            report.hold(*frozen.capture(report))
            Report.objects.filter(pk=report.pk).update(
                frozen_content=report.frozen_content, frozen_figures=report.frozen_figures
            )
        reset_queries()  # the page's query counts below start from an empty log
        print(
            f"  froze {handed_in.count()} handed-in reports in "
            f"{time.perf_counter() - freeze_started:.1f} s"
        )

        user_model = get_user_model()
        reader = user_model.objects.create_user("bench-reader", password="bench-bench-123")
        admin = user_model.objects.create_user("bench-city", password="bench-bench-123")
        Membership.objects.create(user=reader, org_unit=committees[0], role=Role.READER)
        Membership.objects.create(user=admin, org_unit=city, role=Role.ADMIN)
    summary = ", ".join(f"{n} {name}" for name, n in sorted(counts.items()))
    return dict(
        city=city,
        committee=committees[0],
        period=f"{last_year}T2",
        reader=reader,
        admin=admin,
        summary=summary,
    )


def internal_control(year, nodes, period, rnd, bulk) -> None:
    """An internal control plan of `year` per node, its controls reported in `period`."""
    from styra.followup.models import ActivityStatus
    from styra.internal_control.models import (
        Control,
        ControlPlan,
        ControlResult,
        Measure,
        Process,
        ResultKind,
        Risk,
    )
    from styra.plans.models import PlanStatus

    plans = bulk(
        ControlPlan,
        [
            ControlPlan(
                org_unit=node,
                year=year,
                unit_name=node.name,
                status=PlanStatus.DRAFT if rnd.random() < 0.05 else PlanStatus.ADOPTED,
            )
            for node in nodes
        ],
    )
    processes = bulk(
        Process,
        [
            Process(plan=p, title=title, position=i)
            for p in plans
            for i, title in enumerate(["Ekonomi", "Verksamhet"])
        ],
    )
    risks = bulk(
        Risk,
        [
            Risk(
                plan=process.plan,
                process=process,
                title=f"Risk {r}",
                probability=rnd.randint(1, 4),
                consequence=rnd.randint(2, 4),
                selected=True,
                position=r,
            )
            for process in processes
            for r in range(RISKS // 2)
        ],
    )
    controls = bulk(
        Control,
        [
            Control(
                risk=risk,
                what=f"Kontroll {c} av {risk.title.lower()}",
                responsible="Enhetschef",
                report_t1=True,
                report_t2=c < 3,  # three of five in T2
                report_vb=True,
                position=c,
            )
            for risk in risks
            for c in range(CONTROLS)
        ],
    )
    adopted = {p.pk for p in plans if p.status == PlanStatus.ADOPTED}
    results = []
    for control in controls:
        draw = rnd.random()
        if control.risk.plan_id not in adopted or not control.report_t2 or draw < 0.1:
            continue  # not reported
        done = draw >= 0.15
        deviation = done and draw < 0.3
        results.append(
            ControlResult(
                control=control,
                period=period,
                done=done,
                result=(ResultKind.DEVIATION if deviation else ResultKind.NO_DEVIATION)
                if done
                else "",
                findings="Avvikelser i stickprovet" if deviation else "",
            )
        )
    results = bulk(ControlResult, results)
    bulk(
        Measure,
        [
            Measure(result=r, name="Rutinen ses över", status=ActivityStatus.STARTED)
            for r in results
            if r.result == ResultKind.DEVIATION
        ],
    )


def median(fn, runs: int) -> float:
    fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(args: argparse.Namespace, city: dict) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    committee, period = city["committee"], city["period"]

    def page(user, url):
        client = Client()
        client.force_login(user)

        def get():
            response = client.get(url)
            assert response.status_code == 200, response.status_code
            return response

        with CaptureQueriesContext(connection) as queries:
            size = len(get().content)
        return get, len(queries), size

    committee_url = reverse("followup:rollup_committee", args=[committee.pk, period])
    city_url = reverse("followup:rollup_city", args=[period])
    excel_url = reverse("followup:rollup_excel", args=[committee.pk, period])
    control_committee = reverse("internal_control:rollup", args=[committee.pk, period])
    control_city = reverse("internal_control:rollup", args=[city["city"].pk, period])
    print(f"  {connection.vendor}, {period}, median of {args.runs} runs")
    for label, user, url in (
        (f"committee roll-up ({args.units} units)", city["reader"], committee_url),
        (f"city roll-up ({args.committees} committees)", city["admin"], city_url),
        ("committee roll-up as Excel", city["reader"], excel_url),
        (f"internal control, committee ({args.units} units)", city["reader"], control_committee),
        (f"internal control, city ({args.committees} committees)", city["admin"], control_city),
    ):
        get, queries, size = page(user, url)
        seconds = median(get, args.runs)
        print(f"  {label:40} {seconds * 1000:8.1f} ms  {queries:3} queries  {size // 1024:5} KiB")
    try:
        from styra.followup.interchange import committee_report_data, report_data_file
    except ImportError:
        print("  committee report PDF: skipped (styra.followup.interchange is not there yet)")
        return
    try:
        seconds = median(
            lambda: report_data_file(committee_report_data(committee, period), "pdf"), args.runs
        )
    except Exception as exc:  # noqa: BLE001 - report, do not hide, another module's failure
        print(f"  committee report PDF: failed: {type(exc).__name__}: {exc}")
        return
    print(f"  {'committee report PDF':40} {seconds * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
