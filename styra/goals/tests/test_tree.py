"""goals.tree: snapshot and import dicts in the shape the shared goal templates read."""

from datetime import date

from django.template.loader import render_to_string

from ..tree import goal_tree

PLAN_GOALS = [
    {
        "level": "board",
        "number": "2",
        "title": "Ingen ska vänta",
        "children": [
            {
                "level": "unit",
                "number": None,
                "title": "Besök inom tre dagar",
                "description": "Vi ringer upp samma dag.",
                "method": None,
                "indicators": [
                    {"name": "Andel i tid", "target": "90 %", "city_target": None, "period": None}
                ],
                "activities": [
                    {"name": "Ny rutin", "start": "2026-01-01", "end": None},
                    {"name": "Trasigt datum", "start": "1.1.2026", "end": None},
                ],
            }
        ],
    }
]

REPORT_GOALS = [
    {
        "id": 7,
        "level": "unit",
        "label": "Verksamhetsmål:",
        "number": "",
        "title": "Besök inom tre dagar",
        "assessment": {"label": "Bedöms uppfyllas", "reason": "", "analysis": "Bra."},
        "indicators": [
            {
                "id": 3,
                "name": "Andel i tid",
                "measure": "%",
                "target": "90 %",
                "outcome": 88.5,
                "outcome_text": "",
                "status_symbol": "▲",
                "status_label": "Nästan",
            }
        ],
        "activities": [{"id": 4, "name": "Ny rutin", "status_label": "Pågår", "comment": "Ok"}],
        "children": [],
    }
]


def test_it_gives_a_plans_goals_the_plan_pages_attribute_paths():
    (board,) = goal_tree(PLAN_GOALS, unit_goal_label="Enhetsmål")
    (unit,) = board.children
    assert board.goal.label == "Nämndmål:" and unit.goal.label == "Enhetsmål:"
    assert unit.goal.number == "" and unit.goal.description == "Vi ringer upp samma dag."
    assert unit.goal.method == ""
    (row,) = unit.indicators
    assert row.indicator.name == "Andel i tid" and row.target == "90 %"
    assert row.city_target == "" and row.indicator.get_periodicity_display() == ""
    assert [a.start for a in unit.activities] == [date(2026, 1, 1), None]


def test_it_keeps_a_reports_labels_assessment_and_follow_up():
    (node,) = goal_tree(REPORT_GOALS, unit_goal_label="Enhetsmål")
    assert node.goal.label == "Verksamhetsmål:"
    assert node.goal.assessment["label"] == "Bedöms uppfyllas"
    (row,) = node.indicators
    assert (row.outcome, row.measure, row.status_symbol) == (88.5, "%", "▲")
    assert node.activities[0].status_label == "Pågår" and node.activities[0].comment == "Ok"


def test_it_renders_through_the_shared_goal_template():
    html = render_to_string(
        "goals/_goal.html",
        {"node": goal_tree(PLAN_GOALS, unit_goal_label="Enhetsmål")[0], "depth": 0},
    )
    assert 'aria-level="3"' in html and 'aria-level="4"' in html
    assert "<caption>Indikatorer" in html and "<caption>Aktiviteter" in html
    assert '<th scope="row">Andel i tid</th>' in html
    assert '<time datetime="2026-01-01">2026-01-01</time>' in html
    assert '<th scope="col">Periodicitet</th>' in html and "Utfall" not in html


def test_it_renders_a_reports_columns_when_asked():
    node = goal_tree(REPORT_GOALS, unit_goal_label="Enhetsmål")[0]
    html = render_to_string("goals/_goal.html", {"node": node, "depth": 0, "followup": True})
    assert '<th scope="col" class="num">Utfall</th>' in html and "Periodicitet" not in html
    assert '<span aria-hidden="true">▲</span> Nästan' in html
    assert "<dt>Bedömning</dt><dd>Bedöms uppfyllas</dd>" in html
