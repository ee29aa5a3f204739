"""Where the shared evaluation material (seed plans, golden files, plan-score) lives.

It sits beside the repository as ../shared (a CI clone, a developer's tree);
STYRA_SHARED_DIR overrides. Tests and benchmarks that need it skip without it.
"""

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _shared_dir() -> Path:
    if os.environ.get("STYRA_SHARED_DIR"):
        return Path(os.environ["STYRA_SHARED_DIR"])
    for candidate in (REPO.parent / "shared", Path("/work/shared")):
        if candidate.is_dir():
            return candidate
    return REPO.parent / "shared"


SHARED = _shared_dir()
SEEDS = SHARED / "seeds"
GOLDEN = SEEDS / "golden"
PLAN_SCORE = SHARED / "tools" / "plan-score"
