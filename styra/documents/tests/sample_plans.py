"""Plans to render in the document tests, and helpers to read the result back.

The invented plan always runs; the hand-checked golden plans run when the
shared folder is there.
"""

import json
import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import pytest

from styra.documents.meta import PlanMeta
from styra.testing import GOLDEN as GOLDEN_DIR

FIXED_TIME = datetime(2024, 12, 2, 10, 30)

HOSTILE = [
    '#eval("1")',
    "<script>alert(1)</script>",
    "klammer ] och [",
    "*inte fet*",
    "$x^2$",
    "snedstreck \\ och \\\\ dubbelt",
    "@etikett",
    "#set page(fill: red)",
    "<etikett>",
    "_inte kursiv_",
    "`kod`",
    "// ingen kommentar",
]


def goal_node(level: str, number: str | None, title: str, **extra: Any) -> dict[str, Any]:
    """A styra-plan/1 goal with every field the format has, empty unless given."""
    node: dict[str, Any] = {
        "level": level,
        "number": number,
        "title": title,
        "description": None,
        "expected_result": None,
        "method": None,
        "resources": None,
        "follow_up": None,
        "development": None,
        "indicators": [],
        "activities": [],
        "children": [],
    }
    node.update(extra)
    return node


def sample_plan() -> dict[str, Any]:
    """A small invented plan of a made-up unit, with hostile text in every kind of field."""
    unit_goal = goal_node(
        "unit",
        None,
        "Alla besökare får ett första samtal inom fem arbetsdagar",
        expected_result="Väntetiden till första samtal är kortare än förra året.\n\n"
        "a) Ingen väntar mer än fem dagar.\nb) Besökarna är nöjda med bemötandet.",
        method="- Mottagningen har öppet varje vardag\n- Tider bokas direkt i telefon\n\n"
        f"Texten får innehålla {HOSTILE[0]} och {HOSTILE[1]}.",
        resources=f"Två socialsekreterare och {HOSTILE[2]} {HOSTILE[3]}",
        follow_up=f"Följs upp i tertialrapporterna {HOSTILE[4]} {HOSTILE[5]}",
        development=" ".join(HOSTILE[6:]),
        indicators=[
            {
                "name": "Andel besökare som fått första samtal inom fem dagar",
                "target": "90 %",
                "city_target": "tas fram av nämnden",
                "period": "Tertial",
            }
        ],
        activities=[
            {
                "name": f"Införa digital tidsbokning {HOSTILE[0]}",
                "start": "2025-02-01",
                "end": "2025-06-30",
            }
        ],
    )
    board_goal = goal_node(
        "board",
        "1",
        "Invånarna i Norrviken får stöd i rätt tid",
        description="Nämnden prioriterar tidiga insatser.",
        activities=[
            {
                "name": "Kartlägga väntetider i mottagningen",
                "start": "2025-01-01",
                "end": "2025-12-31",
            }
        ],
        children=[unit_goal],
    )
    area_goal = goal_node(
        "area",
        "2.1",
        "Människor i behov av stöd får insatser av god kvalitet",
        indicators=[
            {
                "name": "Brukarnöjdhet inom socialtjänsten [index]",
                "target": "80",
                "city_target": "öka",
                "period": "År",
            },
            {
                "name": "Antal ärenden per handläggare",
                "target": "35 st",
                "city_target": None,
                "period": None,
            },
        ],
        children=[board_goal],
    )
    second_direction = goal_node(
        "direction",
        "3",
        "En ekonomiskt hållbar stad",
        children=[
            goal_node(
                "area",
                "3.1",
                "Budgeten är i balans",
                children=[
                    goal_node(
                        "unit",
                        None,
                        "Enheten håller sin budget",
                        follow_up="Månadsvis prognos tillsammans med controller.",
                    )
                ],
            )
        ],
    )
    return {
        "format": "styra-plan/1",
        "unit": "Mottagningsenheten Norrviken",
        "year": 2025,
        "addressee": "Norrvikens stadsdelsnämnd",
        "officer": "Karin Ekholm",
        "sections": [
            {"heading": "Inledning", "text": ""},
            {
                "heading": "Uppdrag",
                "text": "Enheten tar emot ansökningar om stöd.\n\n"
                "Vi arbetar nära skolor och vårdcentraler.",
            },
            {"heading": f"Värdegrund {HOSTILE[4]}", "text": "Vi möter alla med respekt."},
            {
                "heading": "Övrigt",
                "text": "Planen har tagits fram tillsammans med medarbetarna på APT.",
            },
        ],
        "goals": [
            goal_node("direction", "2", "En stad där alla kan växa", children=[area_goal]),
            second_direction,
        ],
        "budget": {
            "currency_unit": "tkr",
            "rows": [
                {"name": "Personalkostnader", "costs": 16073, "revenues": None, "net": 16073},
                {
                    "name": "Övriga externa intäkter",
                    "costs": None,
                    "revenues": 1300.5,
                    "net": -1300.5,
                },
                {
                    "name": "Summa",
                    "costs": 16073,
                    "revenues": 1300.5,
                    "net": 14772.5,
                    "total": True,
                },
            ],
        },
        "appendices": ["Kvalitetsgarantier 2025", "Internkontrollplan"],
    }


SAMPLE_META = PlanMeta(
    status="draft",
    unit_goal_label="Enhetsmål",
    phone="08-123 45 67",
    meeting_date=date(2024, 12, 17),
    organisation="Norrvikens stadsdelsnämnd",
    closing_from=3,
    generated_at=FIXED_TIME,
)


def golden_meta(plan: dict[str, Any], status: str = "adopted") -> PlanMeta:
    headings = [s["heading"].strip().lower() for s in plan["sections"]]
    closing = next((i for i, h in enumerate(headings) if h in ("övrigt", "övriga frågor")), None)
    label = "Åtagande" if plan["year"] < 2016 else "Enhetsmål"
    return PlanMeta(
        status=status,
        unit_goal_label=label,
        phone="08-508 00 000",
        organisation="Östermalms stadsdelsnämnd",
        closing_from=closing,
        generated_at=FIXED_TIME,
    )


def plan_cases() -> list[Any]:
    cases = [pytest.param((sample_plan(), SAMPLE_META), id="sample")]
    if GOLDEN_DIR.is_dir():
        for path in sorted(GOLDEN_DIR.glob("*.json")):
            plan = json.loads(path.read_text(encoding="utf-8"))
            cases.append(pytest.param((plan, golden_meta(plan)), id=path.stem))
    return cases


def walk(nodes: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for node in nodes:
        yield node
        yield from walk(node.get("children") or [])


def expected_in_order(plan: dict[str, Any]) -> list[str]:
    """Goal titles, indicator names and activity names as the document must print them."""
    result: list[str] = []
    for node in walk(plan["goals"]):
        result.append(node["title"])
        result.extend(i["name"] for i in node["indicators"])
        result.extend(a["name"] for a in node["activities"])
    return result


def labels_used(plan: dict[str, Any], meta: PlanMeta) -> set[str]:
    names = {
        "direction": "KF:s inriktningsmål:",
        "area": "KF:s mål för verksamhetsområdet:",
        "board": "Nämndmål:",
        "unit": f"{meta.unit_goal_label}:",
    }
    return {names[node["level"]] for node in walk(plan["goals"])}


def normalise(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def assert_in_order(text: str, needles: list[str]) -> None:
    haystack = normalise(text)
    position = 0
    for needle in needles:
        found = haystack.find(normalise(needle), position)
        assert found >= 0, f"not found after position {position}: {needle!r}"
        position = found + len(normalise(needle))
