"""The documents' one entry: the dict's format picks the layout, fmt the file."""

import pytest

from styra.documents.render import render

from .sample_plans import SAMPLE_META, sample_plan


def test_it_renders_a_plan_as_either_file():
    assert render(sample_plan(), "pdf", meta=SAMPLE_META).startswith(b"%PDF")
    assert render(sample_plan(), "docx", meta=SAMPLE_META).startswith(b"PK")


def test_a_plan_needs_its_meta():
    with pytest.raises(ValueError, match="PlanMeta"):
        render(sample_plan(), "pdf")


def test_it_refuses_an_unknown_data_format_or_file():
    with pytest.raises(ValueError, match="data format"):
        render({"format": "styra-plan/0"}, "pdf", meta=SAMPLE_META)
    with pytest.raises(ValueError, match="unknown format"):
        render(sample_plan(), "xlsx", meta=SAMPLE_META)
