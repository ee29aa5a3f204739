"""Render time of a real plan as PDF and as Word document.

Run: .venv/bin/python benchmarks/bench_documents.py [plan.json] [--runs N]
"""

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from styra.documents.meta import PlanMeta  # noqa: E402
from styra.documents.render import render  # noqa: E402
from styra.testing import GOLDEN as GOLDEN_DIR  # noqa: E402

GOLDEN = GOLDEN_DIR / "004_184a6352b9e6a90b.json"
DEFAULT_META = PlanMeta(
    status="draft",
    unit_goal_label="Åtagande",
    phone="08-508 10 360",
    meeting_date=date(2013, 12, 17),
    organisation="Östermalms stadsdelsnämnd",
    generated_at=datetime(2013, 12, 1, 9, 0),
)


def _median_seconds(make: Callable[[], bytes], runs: int) -> tuple[float, int]:
    size = len(make())  # the first call loads fonts and the template; it is not timed
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        make()
        times.append(time.perf_counter() - started)
    return statistics.median(times), size


def _edited(plan: dict[str, Any]) -> Callable[[], dict[str, Any]]:
    """A new version of the plan on every call, as when a person has just edited it.

    Typst memoises layout within a process, so rendering identical input twice
    only measures its cache; a changed unit name invalidates the whole layout.
    """
    counter = iter(range(1_000_000))
    return lambda: {**plan, "unit": f"{plan.get('unit', '')} ({next(counter)})"}


def bench_render(plan: dict[str, Any], meta: PlanMeta, runs: int = 5) -> dict[str, float]:
    """Median seconds per render, after one warm-up render, for each format."""
    edited = _edited(plan)
    pdf, pdf_size = _median_seconds(lambda: render(edited(), "pdf", meta=meta), runs)
    pdf_cached, _ = _median_seconds(lambda: render(plan, "pdf", meta=meta), runs)
    docx, docx_size = _median_seconds(lambda: render(plan, "docx", meta=meta), runs)
    return {
        "pdf": pdf,
        "pdf_cached": pdf_cached,
        "docx": docx,
        "pdf_bytes": pdf_size,
        "docx_bytes": docx_size,
    }


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("plan", nargs="?", type=Path, default=GOLDEN)
    parser.add_argument("--runs", type=int, default=5)
    return parser.parse_args(argv)


def figures(args: argparse.Namespace) -> None:
    plan = json.loads(args.plan.read_text(encoding="utf-8"))
    started = time.perf_counter()
    render(plan, "pdf", meta=DEFAULT_META)
    cold = time.perf_counter() - started
    result = bench_render(plan, DEFAULT_META, args.runs)
    print(f"plan: {args.plan.name} ({args.runs} runs, median)")
    print(f"pdf:  {result['pdf'] * 1000:7.1f} ms  ({result['pdf_bytes'] // 1024} KiB)")
    print(f"      first render in process {cold * 1000:.0f} ms; unchanged plan again")
    print(f"      {result['pdf_cached'] * 1000:.1f} ms (Typst's layout cache)")
    print(f"docx: {result['docx'] * 1000:7.1f} ms  ({result['docx_bytes'] // 1024} KiB)")


def main() -> None:
    figures(arguments())


if __name__ == "__main__":
    main()
