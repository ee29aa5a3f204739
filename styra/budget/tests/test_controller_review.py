"""A controller's review of a budget: the Netto column adds up to Nettobudget to the krona.

Reproduction: a line with costs and revenues ("Administration 7,4 / 0,4") showed an empty
net on the plan page while Nettobudget counted its 7,0, so the column did not add up.
"""

import re
from decimal import Decimal as D

from django.urls import reverse

from styra.budget.models import RowKind
from styra.budget.services import budget_row_create, budget_set_unit
from styra.plans.interchange import plan_to_dict


def _cells(html: str, name: str) -> list[str]:
    row = re.search(rf'<th scope="row">{re.escape(name)}</th>(.*?)</tr>', html, re.S).group(1)
    return [
        re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r'<td class="num">(.*?)</td>', row)
    ]


def test_every_line_shows_its_net_where_the_table_has_a_netto_column(client, editor_a, plan_a):
    budget_row_create(plan=plan_a, name="Summa först", kind=RowKind.TOTAL)
    budget_row_create(plan=plan_a, name="Administration", costs=D("7.4"), revenues=D("0.4"))
    budget_row_create(plan=plan_a, name="Hyror", revenues=D("1.25"))
    budget_row_create(plan=plan_a, name="Bara netto", net=D("-2.5"))
    budget_row_create(plan=plan_a, name="Personal", costs=D("10.05"))
    budget_row_create(plan=plan_a, name="Nettobudget", kind=RowKind.NET)
    budget_set_unit(plan=plan_a, currency_unit="mnkr")
    client.force_login(editor_a)
    html = client.get(reverse("plans:detail", args=[plan_a.pk])).content.decode()
    nets = {
        name: _cells(html, name)[2]
        for name in ("Administration", "Hyror", "Bara netto", "Personal", "Nettobudget")
    }
    assert nets == {
        "Administration": "7",
        "Hyror": "−1,25",
        "Bara netto": "−2,5",
        "Personal": "10,05",
        "Nettobudget": "13,3",
    }
    assert _cells(html, "Summa först") == ["", "", ""]  # nothing above it
    # The interchange JSON keeps a line as typed: no net where none was typed.
    rows = {r["name"]: r for r in plan_to_dict(plan_a)["budget"]["rows"]}
    assert rows["Administration"] == {"name": "Administration", "costs": 7.4, "revenues": 0.4}
    assert rows["Nettobudget"]["net"] == 13.3
