"""Each seed plan scores at least 0.95 against its golden structure (plan-score)."""

from __future__ import annotations

import pathlib
import re
import subprocess
import sys

import pytest

from styra.testing import SHARED

SEEDS = SHARED / "seeds"
SCORER = SHARED / "tools" / "plan-score"
ROOT = pathlib.Path(__file__).resolve().parents[3]

pytestmark = pytest.mark.skipif(not SCORER.exists(), reason="/work/shared is not available")


@pytest.fixture(scope="module")
def scores() -> dict[str, float]:
    cmd = f"{sys.executable} -m styra.importer.legacy {{}}"
    run = subprocess.run(  # noqa: S603 - our own interpreter and the shared scorer
        [sys.executable, str(SCORER), "--cmd", cmd, str(SEEDS)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
        check=False,
    )
    found: dict[str, float] = {}
    current = None
    for line in run.stdout.splitlines():
        if m := re.match(r"== (\S+)", line):
            current = m.group(1)
        elif (m := re.match(r"\s+overall ([\d.]+)", line)) and current:
            found[current] = float(m.group(1))
        elif (m := re.match(r"\s+import failed", line)) and current:
            found[current] = 0.0
    return found


def _seeds() -> list[str]:
    return sorted(p.name for p in SEEDS.glob("*.txt")) if SEEDS.exists() else []


@pytest.mark.parametrize("seed", _seeds())
def test_it_scores_at_least_095_on_the_seed(scores: dict[str, float], seed: str):
    assert scores.get(seed, 0.0) >= 0.95
