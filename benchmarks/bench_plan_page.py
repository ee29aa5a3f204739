"""The golden plan 004 stored in Styra: plan page response time and document render times.

Run: .venv/bin/python benchmarks/bench_plan_page.py [--runs N]
Uses a throw-away SQLite database (or DATABASE_URL if set, with its own test database).
Without ../shared it generates a plan of the same size instead.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("STYRA_DATA_DIR", tempfile.mkdtemp(prefix="styra-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styra.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from styra.decisions.files import plan_file  # noqa: E402
from styra.importer.services import plan_import  # noqa: E402
from styra.testing import GOLDEN as GOLDEN_DIR  # noqa: E402

GOLDEN = GOLDEN_DIR / "004_184a6352b9e6a90b.json"


def generated_plan() -> dict:
    def unit_goal(i):
        return {
            "level": "unit",
            "title": f"Enhetens mål {i}",
            "method": "Text. " * 200,
            "indicators": [{"name": f"Indikator {i}.{j}", "target": "80 %"} for j in range(4)],
            "activities": [
                {"name": f"Aktivitet {i}.{j}", "start": "2026-01-01", "end": "2026-12-31"}
                for j in range(3)
            ],
        }

    board = [
        {
            "level": "board",
            "title": f"Nämndmål {b}",
            "description": "Beskrivning. " * 50,
            "children": [unit_goal(f"{b}.{u}") for u in range(2)],
        }
        for b in range(8)
    ]
    return {
        "format": "styra-plan/1",
        "unit": "Benchmarkenheten",
        "year": 2026,
        "goals": [
            {
                "level": "direction",
                "number": "1",
                "title": "Inriktning",
                "children": [
                    {"level": "area", "number": "1.1", "title": "Område", "children": board}
                ],
            }
        ],
        "sections": [{"heading": f"Avsnitt {i}", "text": "Stycke. " * 300} for i in range(10)],
    }


def median(fn, runs: int) -> float:
    fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    return parser.parse_args(argv)


def figures(args: argparse.Namespace) -> None:
    """Store the plan and print its figures, in the database that is open."""
    from django.db import connection

    source = "golden 004" if GOLDEN.exists() else "generated"
    data = json.loads(GOLDEN.read_text()) if GOLDEN.exists() else generated_plan()
    plan = plan_import(create_chain=True, data=data).plan
    user = get_user_model().objects.create_superuser("bench", password="bench-bench-123")
    client = Client()
    client.force_login(user)
    url = f"/planer/{plan.pk}/"
    assert client.get(url).status_code == 200
    page = median(lambda: client.get(url), args.runs)
    pdf = median(lambda: plan_file(plan, "pdf"), args.runs)
    docx = median(lambda: plan_file(plan, "docx"), args.runs)
    print(f"plan: {source} ({connection.vendor}), median of {args.runs} runs")
    print(f"  plan page response   {page * 1000:8.1f} ms")
    print(f"  PDF (load + render)  {pdf * 1000:8.1f} ms")
    print(f"  DOCX (load + render) {docx * 1000:8.1f} ms")


def main() -> None:
    args = arguments()
    setup_test_environment()
    from django.db import connection
    from django.test.utils import get_runner  # noqa: F401 - keeps test settings consistent

    old_name = connection.settings_dict["NAME"]
    test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("migrate", verbosity=0)
        figures(args)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        print(f"  (test database {test_db} removed)")


if __name__ == "__main__":
    main()
