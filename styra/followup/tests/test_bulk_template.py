"""followup.bulk_template: the Excel template of the indicators a user reports."""

import io

import pytest

from styra.followup import bulk_file, bulk_template
from styra.lib.spreadsheets import FORMULA_STARTS

from .test_bulk import build_setup, check, xlsx_file


@pytest.fixture
def setup(org, chain, plan_a, plan_b, editor_a):
    return build_setup(org, chain, editor_a)


@pytest.mark.django_db
def test_the_template_lists_the_indicators_the_user_reports(setup):
    import openpyxl

    from styra.lib.periods import Period

    data = bulk_template.template_xlsx(setup.user, Period(2026, "T1"))
    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    rows = [tuple(c.value for c in row) for row in sheet.iter_rows()]
    assert rows[0] == bulk_file.COLUMNS
    names = {r[0] for r in rows[1:]}
    assert {"Andel besök inom tre dagar", "Väntetid", "Läget"} <= names
    assert "Nöjdhet" not in names and "Bara B" not in names
    assert {r[1] for r in rows[1:]} == {"Norra nämnden/Socialförvaltningen/Enhet A"}
    # The template's own rows come back through the check (names that repeat aside).
    preview = check(data, setup.user, "mall.xlsx")
    assert preview.rejected
    assert all(
        r.reason == "Värde saknas." or r.reason.startswith("Flera") for r in preview.rejected
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", ['=HYPERLINK("http://x")', "+1+1", "-2", "@SUM(A1)", "\tflik"])
def test_the_template_quotes_formula_like_names_and_reads_them_back(setup, name):
    import openpyxl

    from styra.lib.periods import Period

    setup.visits.name = name
    setup.visits.save()
    data = bulk_template.template_xlsx(setup.user, Period(2026, "T1"))
    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    cells = [c.value for row in sheet.iter_rows(min_row=2) for c in row if c.value]
    assert "'" + name in cells
    assert not any(str(c).startswith(FORMULA_STARTS) for c in cells)
    # Filled in and uploaded again, the quoted name is the indicator's own.
    filled = xlsx_file([list(bulk_file.COLUMNS), ["'" + name, "Enhet A", "2026T1", 87, ""]])
    preview = check(filled, setup.user, "mall.xlsx")
    assert [a.indicator.pk for a in preview.accepted] == [setup.visits.pk]
