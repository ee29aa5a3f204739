"""Search on the roll-up benchmark's city: response time of the search page per query.

Run: .venv/bin/python benchmarks/bench_search.py [--committees 30 --units 40 --indicators 30
     --years 3 --runs 5] [--postgres]

Generates the city of benchmarks/bench_rollup.py (the same arguments and sizes), gives each
plan two sections of generated Swedish text and each unit goal a method text, then asks the
search page (/sok/) a few queries, as the city's administrator (who sees everything) and as
a committee's reader, and prints for each the median and the slowest of RUNS runs, the
number of SQL queries and the hits shown. The target is under 200 ms a query.

Each database runs in its own process in a throw-away test database, as bench_rollup does:
SQLite always, PostgreSQL with --postgres or when DATABASE_URL is set.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_rollup  # noqa: E402 - the city and its throw-away database are bench_rollup's

CHILD = "STYRA_BENCH_SEARCH_CHILD"
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/styra_bench_search"
TARGET_MS = 200
QUERIES = ("hemtjänst", "budget i balans", "budgt", "Enhet 00-01", "nöjda brukare")
WORDS = (
    "hemtjänst",
    "brukare",
    "nöjda",
    "personal",
    "budget",
    "balans",
    "samverkan",
    "uppföljning",
    "kompetens",
    "delaktighet",
    "trygghet",
    "boende",
    "insatser",
    "väntetid",
    "utbildning",
    "rekrytering",
    "digitalisering",
    "arbetsmiljö",
    "sjukfrånvaro",
    "kvalitet",
    "handläggning",
    "dokumentation",
    "rutiner",
    "förebyggande",
)


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    return bench_rollup.arguments(argv)


def main() -> None:
    args = arguments()
    if os.environ.get(CHILD):
        os.environ[bench_rollup.CHILD] = os.environ[CHILD]
        bench_rollup.figures = figures  # the throw-away database is bench_rollup's, the work ours
        bench_rollup.run(args)
        return
    sys.exit(bench_rollup.run_children(__file__, CHILD, DEFAULT_PG, postgres=args.postgres))


def figures(args: argparse.Namespace) -> None:
    """Generate the city with its texts and print the search figures, in the open database."""
    started = time.perf_counter()
    city = bench_rollup.generate(args)
    texts = add_texts()
    print(f"  generated in {time.perf_counter() - started:.1f} s: {city['summary']}, {texts}")
    measure(args, city)


def add_texts() -> str:
    import random

    from django.db import connection, transaction

    from styra.goals.models import Goal, Level
    from styra.plans.models import Plan, Section

    rnd = random.Random(7)  # noqa: S311 - test data

    def sentence() -> str:
        return " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(8, 16))).capitalize() + "."

    with transaction.atomic():
        sections = [
            Section(
                plan_id=plan_id,
                heading=heading,
                text=" ".join(sentence() for _ in range(4)),
                position=n,
            )
            for plan_id in Plan.objects.values_list("pk", flat=True)
            for n, heading in enumerate(("Inledning", "Verksamhetens förutsättningar"))
        ]
        Section.objects.bulk_create(sections, batch_size=2000)
        goals = list(Goal.objects.filter(level=Level.UNIT).only("pk"))
        for goal in goals:
            goal.method = " ".join(sentence() for _ in range(2))
        Goal.objects.bulk_update(goals, ["method"], batch_size=2000)
    # A live database keeps its statistics (autovacuum on PostgreSQL); a city made in one
    # bulk transaction has none, and the planner would take its tables for empty.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return f"{len(sections)} plan sections, {len(goals)} goal texts"


def measure(args: argparse.Namespace, city: dict) -> None:
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    url = reverse("search:page")
    print(f"  {connection.vendor}, median and slowest of {args.runs} runs; target {TARGET_MS} ms")
    slowest = 0.0
    for who, user in (("city administrator", city["admin"]), ("committee reader", city["reader"])):
        client = Client()
        client.force_login(user)
        for query in QUERIES:

            def ask(query: str = query, client: Client = client) -> str:
                response = client.get(url, {"q": query})
                assert response.status_code == 200, response.status_code
                return response.content.decode()

            reset_queries()  # each request empties the log; the count starts from nothing
            with CaptureQueriesContext(connection) as queries:
                hits = ask().count('class="search-hit__excerpt"')
            times = []
            for _ in range(args.runs):
                started = time.perf_counter()
                ask()
                times.append((time.perf_counter() - started) * 1000)
            slowest = max(slowest, max(times))
            print(
                f"  {who:20} {query!r:18} {statistics.median(times):8.1f} ms median "
                f"{max(times):8.1f} ms slowest  {len(queries):3} queries  {hits:3} hits"
            )
    verdict = "under" if slowest < TARGET_MS else "OVER"
    print(f"  slowest {slowest:.1f} ms: {verdict} the target of {TARGET_MS} ms")


if __name__ == "__main__":
    main()
