"""Styra's own plan documents read back by the importer give the same plan.

The plan is rendered as PDF (Typst) and as Word (python-docx) by the
documents app, imported again from those files, and scored against the
original with plan-score's own comparison.
"""

import importlib.machinery
import importlib.util
import io

import pytest

from styra.documents.render import render
from styra.documents.tests.sample_plans import plan_cases
from styra.importer.legacy import parse_document
from styra.testing import PLAN_SCORE

pytestmark = pytest.mark.skipif(not PLAN_SCORE.exists(), reason="plan-score is not here")


def _plan_score():
    loader = importlib.machinery.SourceFileLoader("plan_score", str(PLAN_SCORE))
    spec = importlib.util.spec_from_loader("plan_score", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


@pytest.mark.parametrize("suffix", ["pdf", "docx"])
@pytest.mark.parametrize("case", plan_cases())
def test_it_reads_back_its_own_documents(case, suffix):
    plan, meta = case
    result = parse_document(render(plan, suffix, meta=meta), f"plan.{suffix}")
    plan_score = _plan_score()
    rows, _text = plan_score.score(plan, result.plan)
    for name in ("goals", "indicators", "activities"):
        assert rows[name][2] >= 0.95, (name, rows[name])
    assert plan_score.report("roundtrip", plan, result.plan, out=io.StringIO()) >= 0.95
