"""Import time of the legacy-document importer.

    .venv/bin/python benchmarks/bench_import.py [--pages N]

Times the largest seed plan (when /work/shared is present) and a generated
200-page (or N-page) plan in plain text.
"""

from __future__ import annotations

import argparse
import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

from styra.importer.legacy import parse_document  # noqa: E402
from styra.testing import SEEDS  # noqa: E402


def generated_plan(pages: int = 200) -> bytes:
    """About 45 lines per page of invented plan text with goals and tables."""
    out = [
        "Handläggare: Test Person",
        "Till",
        "Exempelnämnden",
        "",
        "Verksamhetsplan 2025 Provenheten",
        "",
    ]
    out += ["Inledning", "", "Enheten ger stöd till invånarna i stadsdelen. " * 8, ""]
    lines_per_goal = 45
    for n in range(1, pages + 1):
        d, a = (n - 1) // 20 + 1, (n - 1) % 20 + 1
        if a == 1:
            out += ["KF:s inriktningsmål:", "", f"{d}. Inriktning nummer {d} för staden", ""]
        out += ["KF:s mål för verksamhetsområdet:", "", f"{d}.{a} Verksamhetsmål {a} ska nås", ""]
        out += ["Indikator\tÅrsmål\tKF:s årsmål\tPeriodicitet"]
        out += [f"Andel brukare nöjda med insats {i}\t{60 + i} %\t70 %\tTertial" for i in range(5)]
        out += [
            "",
            "Nämndmål:",
            "",
            f"Nämndens mål {n} uppfylls",
            "",
            "Åtagande:",
            "",
            f"Enheten gör {n}",
            "",
        ]
        for heading in ("Förväntat resultat", "Arbetssätt", "Resursanvändning", "Uppföljning"):
            out += [
                heading,
                "",
                "Verksamheten följs upp och utvecklas löpande under året. " * 6,
                "",
            ]
        out += [
            "Aktivitet\tStartdatum\tSlutdatum",
            f"Genomföra aktivitet {n}\t2025-01-01\t2025-12-31",
            "",
        ]
        out += [""] * max(0, lines_per_goal - 40)
        out += [f"Sid {n} ({pages})", ""]
    out += [
        "Budget 2025",
        "",
        "\tKostnader\tIntäkter\tNetto",
        "Verksamhet\t10,0\t1,0\t9,0",
        "Totalt\t10,0\t1,0\t9,0",
    ]
    return "\n".join(out).encode()


def timed(label: str, data: bytes, name: str) -> None:
    started = time.perf_counter()
    result = parse_document(data, name)
    elapsed = time.perf_counter() - started
    goals = sum(1 for _ in _walk(result.plan["goals"]))
    print(f"{label}: {elapsed * 1000:.0f} ms for {len(data) / 1024:.0f} KiB ({goals} goal nodes)")


def _walk(goals: list[dict]):
    for goal in goals:
        yield goal
        yield from _walk(goal["children"])


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=200, help="pages of the generated plan")
    return parser.parse_args(argv)


def figures(args: argparse.Namespace) -> None:
    if SEEDS.exists():
        seeds = sorted(SEEDS.glob("*.txt"), key=lambda p: p.stat().st_size)
        if seeds:
            largest = seeds[-1]
            timed(f"largest seed ({largest.name})", largest.read_bytes(), largest.name)
    timed(f"generated {args.pages}-page plan", generated_plan(args.pages), "generated.txt")


def main() -> None:
    figures(arguments())


if __name__ == "__main__":
    main()
