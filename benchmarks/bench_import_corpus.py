"""plan-score of the importer on plans as the archives hold them: PDF exports and their text.

    .venv/bin/python benchmarks/bench_import_corpus.py [--generated N] [--out DIR] [--smoke]

Renders every seed plan's golden file (when ../shared is present) and N generated plans
(default 6) as the old planning system's PDFs (benchmarks/corpus.py), takes each PDF's text
as pdftotext (default, -layout, -raw; left out with a note when poppler is not installed),
pypdf, a PDF viewer's copy and a one-line-per-page web archive text, imports every
plan × form through the importer and prints its overall plan-score against the plan's
golden reference, the mean and the minimum, each against issue 12's targets (mean
≥ 0.98, none below 0.95), and the import time of each form of the largest plan. A target
missed is a figure, not a failure: it always exits 0. The corpus goes to a temporary
directory unless --out names one (then it stays, in the layout plan-score --cmd reads).
--smoke: one seed and one small generated plan (the test suite's check that it runs).
"""

from __future__ import annotations

import argparse
import importlib.machinery
import importlib.util
import io
import json
import os
import pathlib
import sys
import tempfile
import time
from types import ModuleType
from typing import Any

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import django  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styra.settings")
django.setup()

import corpus  # noqa: E402

from styra.importer.legacy import DocumentError, parse_document  # noqa: E402
from styra.testing import GOLDEN, PLAN_SCORE  # noqa: E402

MEAN_TARGET = 0.98
FLOOR_TARGET = 0.95
SHORT = {
    "pdf": "pdf",
    "pdftotext": "p2t",
    "pdftotext-layout": "p2t-lay",
    "pdftotext-raw": "p2t-raw",
    "pypdf": "pypdf",
    "viewer-copy": "viewer",
    "one-line-per-page": "1/page",
}


def plan_score() -> ModuleType:
    """plan-score's own functions (a script without .py): the score is the tool's, not ours."""
    loader = importlib.machinery.SourceFileLoader("plan_score", str(PLAN_SCORE))
    spec = importlib.util.spec_from_loader("plan_score", loader)
    assert spec
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def overall(scorer: ModuleType, golden: dict[str, Any], candidate: dict[str, Any]) -> float:
    """The overall figure plan-score prints, its per-part lines kept out of the table."""
    return float(scorer.report("", golden, candidate, out=io.StringIO()))


def imported(plan: corpus.CorpusPlan, form: str) -> tuple[dict[str, Any] | None, float, str]:
    started = time.perf_counter()
    try:
        result = parse_document(plan.forms[form], plan.filename(form))
    except DocumentError as exc:
        return None, time.perf_counter() - started, str(exc)
    return result.plan, time.perf_counter() - started, ""


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--generated", type=int, default=6, help="generated plans besides seeds")
    parser.add_argument("--out", type=pathlib.Path, help="keep the corpus in this directory")
    parser.add_argument("--smoke", action="store_true", help="one seed, one small generated plan")
    return parser.parse_args(argv)


def figures(args: argparse.Namespace) -> None:
    seeds = sorted(GOLDEN.glob("*.json")) if GOLDEN.exists() and PLAN_SCORE.exists() else []
    if not seeds:
        print(f"no seed plans at {GOLDEN}: generated plans only")
    if not PLAN_SCORE.exists():
        print(f"plan-score not found at {PLAN_SCORE}: no scores, import times only")
    generated, size = args.generated, "normal"
    if args.smoke:
        seeds, generated, size = seeds[:1], 1, "small"
    with_pdftotext = corpus.pdftotext_available()
    if not with_pdftotext:
        print("pdftotext (poppler-utils) is not installed: its three forms are left out")
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        run(args.out, seeds, generated, size, with_pdftotext)
    else:
        with tempfile.TemporaryDirectory(prefix="styra-corpus-") as tmp:
            run(pathlib.Path(tmp), seeds, generated, size, with_pdftotext)


def run(
    out: pathlib.Path, seeds: list[pathlib.Path], generated: int, size: str, with_pdftotext: bool
) -> None:
    started = time.perf_counter()
    plans = corpus.build(
        out, seeds=seeds, generated=generated, size=size, with_pdftotext=with_pdftotext
    )
    pages = sum(p.pages for p in plans)
    print(
        f"corpus: {len(plans)} plans, {pages} pages, built in "
        f"{(time.perf_counter() - started) * 1000:.0f} ms ({out})"
    )
    print("layout variant of each plan (corpus.plan_style):")
    width = max(len(p.name) for p in plans)
    for plan in plans:
        print(f"  {plan.name:{width}s} {corpus.style_summary(plan.style)}")
    scorer = plan_score() if PLAN_SCORE.exists() else None
    forms = [f for f in corpus.FORMS if any(f in p.forms for p in plans)]
    scores: dict[tuple[str, str], float] = {}
    times: dict[tuple[str, str], float] = {}
    problems: list[str] = []
    for plan in plans:
        for form in forms:
            candidate, elapsed, error = imported(plan, form)
            times[plan.name, form] = elapsed
            if candidate is None:
                problems.append(f"{plan.name} × {form}: import failed: {error}")
                scores[plan.name, form] = 0.0
            elif scorer is not None:
                scores[plan.name, form] = overall(scorer, plan.golden, candidate)
            if candidate is not None and out:
                folder = out / "imported" / form
                folder.mkdir(parents=True, exist_ok=True)
                text = json.dumps(candidate, ensure_ascii=False, indent=2)
                (folder / f"{plan.name}.json").write_text(text, encoding="utf-8")
    if scorer is not None:
        table(plans, forms, scores)
        others = {k: v for k, v in scores.items() if k[1] != "pdftotext"}
        if others and len(others) < len(scores):
            low = min(others, key=lambda k: others[k])
            below = sum(v < FLOOR_TARGET for v in others.values())
            print(
                f"without pdftotext's default mode: mean {sum(others.values()) / len(others):.3f}"
                f", minimum {others[low]:.3f} ({low[0]} × {low[1]}; {below} below "
                f"{FLOOR_TARGET:.2f})"
            )
        worst(scores)
    if with_pdftotext and plans:
        lost = [corpus.empty_cell_is_lost(p.golden, p.name) for p in plans]
        tried = [p.name for p, same in zip(plans, lost, strict=True) if same is not None]
        same = [p.name for p, s in zip(plans, lost, strict=True) if s]
        print(
            "where an empty cell is, in pdftotext's default mode: two versions of a plan that "
            f"differ only in which of three rows lacks its target give the same text in "
            f"{len(same)} of {len(tried)} layouts ({', '.join(same) or 'none'})"
        )
    for line in problems:
        print(line)
    largest = max(plans, key=lambda p: len(p.pdf))
    print(f"import time of the largest plan, {largest.name} ({largest.pages} pages):")
    for form in forms:
        size_kib = len(largest.forms[form]) / 1024
        print(f"  {form:18s} {times[largest.name, form] * 1000:7.0f} ms  ({size_kib:.0f} KiB)")


def table(
    plans: list[corpus.CorpusPlan], forms: list[str], scores: dict[tuple[str, str], float]
) -> None:
    width = max(len(p.name) for p in plans)
    print("overall plan-score, plan × form:")
    print(f"  {'plan':{width}s} " + " ".join(f"{SHORT[f]:>7s}" for f in forms) + "    mean")
    for plan in plans:
        row = [scores[plan.name, f] for f in forms]
        cells = " ".join(f"{v:7.3f}" for v in row)
        print(f"  {plan.name:{width}s} {cells} {sum(row) / len(row):7.3f}")
    means = [sum(scores[p.name, f] for p in plans) / len(plans) for f in forms]
    print(f"  {'mean':{width}s} " + " ".join(f"{v:7.3f}" for v in means))
    values = list(scores.values())
    mean = sum(values) / len(values)
    low_key = min(scores, key=lambda k: scores[k])
    low = scores[low_key]
    verdict = {True: "OVER", False: "UNDER"}
    print(
        f"mean overall {mean:.3f} over {len(values)} plan × form "
        f"(target ≥ {MEAN_TARGET:.2f}): {verdict[mean >= MEAN_TARGET]}"
    )
    below = sum(v < FLOOR_TARGET for v in values)
    print(
        f"minimum {low:.3f} ({low_key[0]} × {low_key[1]}; {below} below {FLOOR_TARGET:.2f}) "
        f"(target: none below {FLOOR_TARGET:.2f}): {verdict[low >= FLOOR_TARGET]}"
    )


def worst(scores: dict[tuple[str, str], float], count: int = 8) -> None:
    """The lowest plan × form cells: where to look first."""
    print(f"worst {count} plan × form:")
    for (name, form), value in sorted(scores.items(), key=lambda kv: kv[1])[:count]:
        print(f"  {value:.3f}  {name} × {form}")


def main() -> None:
    figures(arguments())


if __name__ == "__main__":
    main()
