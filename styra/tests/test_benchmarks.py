"""Every benchmark still runs: each benchmarks/bench_*.py, imported and run on a tiny size.

The benchmarks are commands that print figures, and nothing else imports them, so a
moved or renamed function used to break them unnoticed. Each has `arguments(argv)` and
`figures(args)`, the part of its `main()` that prints; here `figures` runs in the test
database (a benchmark's own throw-away database is left out: migrating it takes longer
than all of this) with arguments that make it quick.
"""

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType
from unittest import mock

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCHMARKS = ROOT / "benchmarks"
DEMO_PLAN = ROOT / "styra" / "demo" / "plans" / "2026-vuxenenheten.json"

# The arguments each benchmark's smoke run gets: its smallest sizes, one timed run.
SMOKE = {
    "bench_control_import": ["--smoke"],
    "bench_documents": [str(DEMO_PLAN), "--runs", "1"],
    "bench_hostile_import": ["--smoke"],
    "bench_import_corpus": ["--smoke"],
    "bench_import": ["--pages", "2"],
    "bench_plan_page": ["--runs", "1"],
    "bench_rollup": [
        *("--committees", "2", "--units", "2", "--indicators", "3"),
        *("--years", "1", "--runs", "1"),
    ],
    "bench_search": [
        *("--committees", "2", "--units", "2", "--indicators", "3"),
        *("--years", "1", "--runs", "1"),
    ],
}


def load(name: str) -> ModuleType:
    """Import a benchmark from its file, as running it would, but in this process.

    Its own django.setup() would configure logging a second time under pytest's
    capture; the environment variables it sets and the path it adds stay its own.
    """
    spec = importlib.util.spec_from_file_location(f"benchmarks.{name}", BENCHMARKS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    with (
        mock.patch.dict(os.environ),
        mock.patch("django.setup"),
        mock.patch.object(sys, "path", list(sys.path)),
    ):
        spec.loader.exec_module(module)
    return module


def test_every_benchmark_has_a_smoke_run():
    assert {path.stem for path in BENCHMARKS.glob("bench_*.py")} == set(SMOKE)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(SMOKE))
def test_benchmark_runs_on_a_tiny_size(name, capsys):
    module = load(name)

    module.figures(module.arguments(SMOKE[name]))

    out = capsys.readouterr().out
    assert " ms" in out
    # The roll-up benchmark reports the committee PDF's import error or failure and goes on.
    assert "skipped" not in out
    assert "failed" not in out


def test_the_defaults_are_the_real_sizes():
    """The smoke sizes are options; without them each benchmark measures what it always did."""
    assert vars(load("bench_import").arguments([])) == {"pages": 200}
    assert vars(load("bench_documents").arguments([]))["runs"] == 5
    assert vars(load("bench_hostile_import").arguments([])) == {"quick": False, "smoke": False}
    assert vars(load("bench_plan_page").arguments([])) == {"runs": 5}
    corpus = vars(load("bench_import_corpus").arguments([]))
    assert corpus == {"generated": 6, "out": None, "smoke": False}
    rollup = vars(load("bench_rollup").arguments([]))
    assert rollup == {
        "committees": 30,
        "units": 40,
        "indicators": 30,
        "years": 3,
        "runs": 5,
        "postgres": False,
    }
