"""How well internal control plan documents are read: generated plans in every form, scored.

    .venv/bin/python benchmarks/bench_control_import.py [--generated N] [--seed S]
        [--out DIR] [--smoke]

Generates N internal control plans (default 8; seeds S, S+1, …, default 2000) with
benchmarks/control_corpus.py, renders each in its layout as DOCX and PDF and takes the
PDF's text forms (pdftotext default, -layout and -raw when poppler is installed; pypdf;
a viewer's copy), reads every plan × form with read_control_plan and scores it against
the plan's golden dict (the layout's own: a column it leaves out is empty there).

The score, written here and nothing else's: risks are matched by title (folded: case,
spaces and punctuation); **risks** is the F1 of that matching. Over the golden risks (a
risk not found counts as wrong): **process** (the risk stands under the process of the
same title), **P** and **K** (the same step), **selected**. Controls are paired in order
under each matched risk, over the larger of the two counts (a control missing or extra
counts as wrong): **what**, **method**, **scope**, **frequency**, **responsible** (the
same folded text) and **periods** (the same T1/T2/VB). A plan × form's score is the mean
of these eleven figures. Also printed: how many forms read the year and the node's name
right. The target is ≥ 0.95 on every form but pdftotext's default mode (which writes a
table's columns one after another); a target missed is a figure, not a failure: it always
exits 0. --out keeps the corpus and what was read (out/read/<form>/<plan>.json).
--smoke: one small plan (the test suite's check that it runs).
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import re
import sys
import tempfile
import time
from typing import Any

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import django  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styra.settings")
django.setup()

import control_corpus  # noqa: E402
from django.core.exceptions import ValidationError  # noqa: E402

from styra.importer.control_documents import read_control_plan  # noqa: E402

TARGET = 0.95
METRICS = (
    "risks",
    "process",
    "P",
    "K",
    "selected",
    "what",
    "method",
    "scope",
    "frequency",
    "responsible",
    "periods",
)
SHORT = {
    "docx": "docx",
    "pdf": "pdf",
    "pdftotext": "p2t",
    "pdftotext-layout": "p2t-lay",
    "pdftotext-raw": "p2t-raw",
    "pypdf": "pypdf",
    "viewer-copy": "viewer",
}
CONTROL_FIELDS = ("what", "method", "scope", "frequency", "responsible")


def fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w%]+", " ", text.casefold()).split())


def _risks(data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(p["title"], r) for p in data["processes"] for r in p["risks"]]


def score(golden: dict[str, Any], read: dict[str, Any] | None) -> dict[str, float]:
    """The eleven figures of one plan × form (see the module's docstring)."""
    wanted = _risks(golden)
    got = _risks(read) if read is not None else []
    pool: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for process, risk in got:
        pool.setdefault(fold(risk["title"]), []).append((process, risk))
    pairs = []
    for process, risk in wanted:
        found = pool.get(fold(risk["title"]))
        pairs.append(((process, risk), found.pop(0) if found else None))
    matched = sum(1 for _, b in pairs if b is not None)
    total = len(wanted) + len(got)
    out = {"risks": 2 * matched / total if total else 1.0}
    n = len(wanted) or 1
    same = {
        "process": lambda a, b: fold(a[0]) == fold(b[0]),
        "P": lambda a, b: a[1]["probability"] == b[1]["probability"],
        "K": lambda a, b: a[1]["consequence"] == b[1]["consequence"],
        "selected": lambda a, b: a[1]["selected"] == b[1]["selected"],
    }
    for name, test in same.items():
        out[name] = sum(1 for a, b in pairs if b is not None and test(a, b)) / n
    counts = dict.fromkeys((*CONTROL_FIELDS, "periods"), 0)
    slots = 0
    for (_, risk), found in pairs:
        mine = risk["controls"]
        theirs = found[1]["controls"] if found is not None else []
        slots += max(len(mine), len(theirs))
        for a, b in zip(mine, theirs, strict=False):
            for name in CONTROL_FIELDS:
                counts[name] += fold(a[name]) == fold(b[name])
            counts["periods"] += a["reported_in"] == b["reported_in"]
    for name, count in counts.items():
        out[name] = count / slots if slots else 1.0
    return out


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--generated", type=int, default=8, help="how many plans")
    parser.add_argument("--seed", type=int, default=2000, help="the first plan's seed")
    parser.add_argument("--out", type=pathlib.Path, help="keep the corpus in this directory")
    parser.add_argument("--smoke", action="store_true", help="one small plan")
    return parser.parse_args(argv)


def figures(args: argparse.Namespace) -> None:
    with_pdftotext = control_corpus.pdftotext_available()
    if not with_pdftotext:
        print("pdftotext (poppler-utils) is not installed: its three forms are left out")
    started = time.perf_counter()
    count, size = (1, "small") if args.smoke else (args.generated, "normal")
    plans = control_corpus.build(
        generated=count, seed=args.seed, size=size, with_pdftotext=with_pdftotext
    )
    pages = sum(p.pages for p in plans)
    print(
        f"corpus: {len(plans)} plans (seeds {args.seed}–{args.seed + count - 1}), {pages} PDF "
        f"pages, built in {(time.perf_counter() - started) * 1000:.0f} ms"
    )
    print("layout of each plan (control_corpus.plan_style):")
    width = max(len(p.name) for p in plans)
    for plan in plans:
        print(f"  {plan.name:{width}s} {control_corpus.style_summary(plan.style)}")
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        run(plans, args.out)
    else:
        with tempfile.TemporaryDirectory(prefix="styra-control-corpus-") as tmp:
            run(plans, pathlib.Path(tmp) if args.smoke else None)


def run(plans: list[control_corpus.CorpusPlan], out: pathlib.Path | None) -> None:
    if out is not None:
        control_corpus.write(plans, out)
    forms = [f for f in control_corpus.FORMS if any(f in p.forms for p in plans)]
    scores: dict[tuple[str, str], dict[str, float]] = {}
    times: dict[tuple[str, str], float] = {}
    header_right: dict[str, int] = dict.fromkeys(forms, 0)
    problems = []
    for plan in plans:
        for form in forms:
            started = time.perf_counter()
            try:
                reading = read_control_plan(plan.forms[form], filename=plan.filename(form))
                data: dict[str, Any] | None = reading.data
            except ValidationError as exc:
                data = None
                problems.append(f"{plan.name} × {form}: not read: {' '.join(exc.messages)}")
            times[plan.name, form] = time.perf_counter() - started
            scores[plan.name, form] = score(plan.expected, data)
            if data is not None:
                header_right[form] += (data["year"], data["unit"]) == (
                    plan.expected["year"],
                    plan.expected["unit"],
                )
                if out is not None:
                    folder = out / "read" / form
                    folder.mkdir(parents=True, exist_ok=True)
                    text = json.dumps(data, ensure_ascii=False, indent=2)
                    (folder / f"{plan.name}.json").write_text(text, encoding="utf-8")
    overall = {k: sum(v.values()) / len(v) for k, v in scores.items()}
    width = max(len(p.name) for p in plans)
    print("score (mean of the eleven figures), plan × form:")
    print(f"  {'plan':{width}s} " + " ".join(f"{SHORT[f]:>7s}" for f in forms) + "    mean")
    for plan in plans:
        row = [overall[plan.name, f] for f in forms]
        print(
            f"  {plan.name:{width}s} " + " ".join(f"{v:7.3f}" for v in row) + f" {_mean(row):7.3f}"
        )
    means = {f: _mean([overall[p.name, f] for p in plans]) for f in forms}
    print(f"  {'mean':{width}s} " + " ".join(f"{means[f]:7.3f}" for f in forms))
    print("each figure's mean per form:")
    print(f"  {'figure':11s} " + " ".join(f"{SHORT[f]:>7s}" for f in forms))
    for metric in METRICS:
        cells = " ".join(f"{_mean([scores[p.name, f][metric] for p in plans]):7.3f}" for f in forms)
        print(f"  {metric:11s} {cells}")
    print(
        "year and node's name right: "
        + ", ".join(f"{SHORT[f]} {header_right[f]}/{len(plans)}" for f in forms)
    )
    aimed = [f for f in forms if f != "pdftotext"]
    below = [f for f in aimed if means[f] < TARGET]
    print(
        f"target ≥ {TARGET:.2f} on every form but pdftotext's default mode: "
        + ("MET" if not below else f"NOT MET on {', '.join(SHORT[f] for f in below)}")
    )
    worst = sorted(overall.items(), key=lambda kv: kv[1])[:6]
    print("lowest plan × form:")
    for (name, form), value in worst:
        print(f"  {value:.3f}  {name} × {form}")
    for line in problems:
        print(line)
    largest = max(plans, key=lambda p: len(p.forms["pdf"]))
    print(f"read time of the largest plan, {largest.name} ({largest.pages} pages):")
    for form in forms:
        size_kib = len(largest.forms[form]) / 1024
        print(f"  {form:18s} {times[largest.name, form] * 1000:7.0f} ms  ({size_kib:.0f} KiB)")


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def main() -> None:
    figures(arguments())


if __name__ == "__main__":
    main()
