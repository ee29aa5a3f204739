"""Internal control plans to render in the document tests: styra-internal-control/1 dicts
written out by hand, with what follows from the rest (value, level, matrix, summary)
computed here as the export computes it."""

import json
from pathlib import Path
from typing import Any

from styra.documents.internal_control_layout import LEVEL_LABELS, level_of

from .sample_plans import HOSTILE

SCHEMA = json.loads(
    (Path(__file__).parents[2] / "internal_control" / "internal-control.schema.json").read_text(
        encoding="utf-8"
    )
)


def risk(
    title: str,
    probability: int | None,
    consequence: int | None,
    *,
    selected: bool = False,
    omission_reason: str = "",
    controls: list[dict[str, Any]] | None = None,
    goal: dict[str, Any] | None = None,
    city: bool = False,
) -> dict[str, Any]:
    value = probability * consequence if probability and consequence else None
    level = level_of(value) if value else None
    return {
        "title": title,
        "description": "",
        "probability": probability,
        "consequence": consequence,
        "value": value,
        "level": level,
        "level_label": LEVEL_LABELS[level] if level else "",
        "selected": selected,
        "omission_reason": omission_reason,
        "city": city,
        "goal": goal,
        "controls": controls or [],
    }


def control(what: str, reported_in: list[str], results: list[dict[str, Any]] | None = None, **kw):
    return {
        "what": what,
        "method": kw.get("method", ""),
        "scope": kw.get("scope", ""),
        "frequency": kw.get("frequency", ""),
        "responsible": kw.get("responsible", ""),
        "reported_in": reported_in,
        "results": results or [],
    }


STATUS_LABELS = {
    "no_deviation": "Inga avvikelser",
    "deviation": "Avvikelser",
    "not_done": "Kontrollen är inte gjord",
}


def result(period: str, status: str, findings: str = "", measures=None) -> dict[str, Any]:
    return {
        "period": period,
        "done": status != "not_done",
        "result": "" if status == "not_done" else status,
        "status": status,
        "status_label": STATUS_LABELS[status],
        "findings": findings,
        "measures": measures or [],
    }


def measure(name: str, start: str | None, end: str | None, status: str, label: str) -> dict:
    return {
        "name": name,
        "responsible": "Ekonomichefen",
        "start": start,
        "end": end,
        "status": status,
        "status_label": label,
    }


def complete(data: dict[str, Any]) -> dict[str, Any]:
    """The matrix and the summary of the dict's risks, as the export writes them."""
    risks = [r for p in data["processes"] for r in p["risks"]]
    matrix = [[0] * 4 for _ in range(4)]
    for r in risks:
        if r["value"]:
            matrix[4 - r["consequence"]][r["probability"] - 1] += 1
    controls = [c for r in risks for c in r["controls"]]
    results = [x for c in controls for x in c["results"]]
    data["matrix"] = matrix
    data["summary"] = {
        "risks": len(risks),
        "assessed": sum(1 for r in risks if r["value"]),
        "selected": sum(1 for r in risks if r["selected"]),
        "controls": len(controls),
        "reported": len(results),
        "deviations": sum(1 for x in results if x["result"] == "deviation"),
    }
    return data


def header(period: str | None = None) -> dict[str, Any]:
    return {
        "format": "styra-internal-control/1",
        "year": 2026,
        "unit": "Norra nämnden",
        "organisation": "Teststad",
        "status": "adopted",
        "status_label": "Fastställd",
        "submitted_at": "2026-02-10T09:00:00+00:00",
        "adopted_at": "2026-02-20T14:00:00+00:00",
        "period": period,
        "period_label": "Tertialrapport 1 2026" if period else None,
    }


def sample_control_plan(period: str | None = None) -> dict[str, Any]:
    """Two processes, five risks (one left out with its reason, one not yet assessed, one the
    city's), three controls; in a follow-up, two results (one with a deviation and two
    measures) and a control not reported."""
    in_t1 = (
        [
            result(
                "2026T1",
                "deviation",
                "Två fakturor saknade attest.",
                [
                    measure(
                        "Utbildning i attestordningen",
                        "2026-05-01",
                        "2026-06-30",
                        "started",
                        "Påbörjad",
                    ),
                    measure(
                        f"Ny rutin {HOSTILE[0]}", None, "2026-09-30", "not_started", "Ej påbörjad"
                    ),
                ],
            )
        ]
        if period
        else []
    )
    ok = [result("2026T1", "no_deviation")] if period else []
    data = header(period) | {
        "processes": [
            {
                "title": "Inköp och upphandling",
                "description": "Inköp görs enligt stadens inköpspolicy.",
                "risks": [
                    risk(
                        "Felaktig attest av fakturor",
                        3,
                        4,
                        selected=True,
                        goal={
                            "level": "board",
                            "number": "1.2",
                            "title": "God ekonomisk hushållning",
                        },
                        controls=[
                            control(
                                "Stickprov på fakturor",
                                ["T1", "VB"],
                                in_t1,
                                method="Granskning mot attestlistan",
                                scope="20 fakturor",
                                frequency="Varje tertial",
                                responsible="Controller",
                            ),
                            control("Attestlistan är aktuell", ["T2"]),
                        ],
                    ),
                    risk("Köp utanför avtal", 3, 3, omission_reason="Täcks av stadens granskning."),
                    risk(f"Jäv vid upphandling {HOSTILE[3]}", None, None),
                ],
            },
            {
                "title": "Ekonomi",
                "description": "",
                "risks": [
                    risk(
                        "Underskott",
                        2,
                        2,
                        selected=True,
                        city=True,
                        controls=[
                            control("Månadsuppföljning av prognos", ["T1", "T2", "VB"], ok),
                        ],
                    ),
                    risk("Felaktiga löner", 1, 1),
                ],
            },
        ],
    }
    return complete(data)


def many_risks(n: int = 60) -> dict[str, Any]:
    """A long risk analysis, each risk with a control, across several pages."""
    processes = [
        {
            "title": f"Process {p + 1}",
            "description": "",
            "risks": [
                risk(
                    f"Risk nummer {p * 10 + i + 1} i en lång riskanalys",
                    1 + (p + i) % 4,
                    1 + i % 4,
                    selected=True,
                    controls=[control(f"Kontroll av risk {p * 10 + i + 1}", ["VB"])],
                )
                for i in range(10)
            ],
        }
        for p in range(n // 10)
    ]
    return complete(header() | {"processes": processes})
