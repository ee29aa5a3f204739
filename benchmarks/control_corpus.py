"""The control import benchmark's corpus: internal control plans as committees write them.

    from control_corpus import build
    plans = build(generated=6, seed=2000)   # six generated plans, each in every form

Each plan is a styra-internal-control/1 dict written by `generated_plan` with its own words
(processes, risks assessed on 1–4, controls with every field), so the dict is the golden
reference of its documents. `plan_style` chooses, by the plan's name, one of the layouts
real plans show: one table of risks and controls, or a risk table and a control table;
the process cell merged over its rows or repeated; header words and column orders; the
assessment as digits, as the scale's words or both; the reporting times in words
("Tertialvis", "Delår och helår", "April, augusti, december"); columns left out; A4
portrait or landscape; rules as a grid, under rows or none; the header repeated on a new
page or not; running heads and feet. Each plan is rendered as DOCX (python-docx; its
table sometimes split in two with the header row repeated, as people split them) and as
PDF (Typst, control_corpus.typ), and the PDF's text forms are taken: pdftotext's three
modes (when poppler is installed), pypdf's text and a PDF viewer's copy.

`expected(plan, style)` is the golden dict as the layout can carry it: a column the layout
leaves out is empty in it (and a plan without its "when" column is reported in VB).

Not product code: bench_control_import.py and anyone measuring the reader use it.
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import random
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import jsonschema

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TEMPLATE = HERE / "control_corpus.typ"
FONTS = ROOT / "styra" / "documents" / "fonts"
SCHEMA = ROOT / "styra" / "internal_control" / "internal-control.schema.json"
SYSTEM_FONTS = (
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts/truetype/dejavu"),
)

FORMS = (
    "docx",
    "pdf",
    "pdftotext",
    "pdftotext-layout",
    "pdftotext-raw",
    "pypdf",
    "viewer-copy",
)
PDFTOTEXT_MODES = {"pdftotext": [], "pdftotext-layout": ["-layout"], "pdftotext-raw": ["-raw"]}

ROLES = (
    "process",
    "risk",
    "probability",
    "consequence",
    "value",
    "what",
    "method",
    "scope",
    "frequency",
    "responsible",
    "when",
)
# The header words each column goes by in real plans; one is chosen per plan.
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "process": ("Process/rutin", "Process", "Rutin/system", "Område", "Verksamhetsområde"),
    "risk": ("Risk", "Riskbeskrivning", "Identifierad risk", "Risk för"),
    "probability": ("Sannolikhet", "Sannolikhet (S)", "S"),
    "consequence": ("Konsekvens", "Konsekvens (K)", "K"),
    "value": ("Riskvärde", "Riskvärde (S×K)", "RV"),
    "what": ("Kontrollmoment", "Kontroll", "Kontrollaktivitet", "Kontrollmoment/åtgärd"),
    "method": ("Metod", "Kontrollmetod", "Tillvägagångssätt"),
    "scope": ("Omfattning", "Urval", "Omfattning/urval"),
    "frequency": ("Frekvens", "Periodicitet", "Hur ofta"),
    "responsible": ("Ansvarig", "Kontrollansvarig", "Ansvar"),
    "when": ("Rapportering", "Rapporteras", "När", "Tidpunkt för rapportering"),
}
# Narrow columns of digits go by short words, broken inside the word where the column is
# narrower than it (a soft hyphen: "Sannolik-" / "het"), as real plans print them.
NARROW_WORDS: dict[str, tuple[str, ...]] = {
    "probability": ("S", "Sannolik\u00adhet", "Sanno\u00adlikhet"),
    "consequence": ("K", "Konse\u00adkvens", "Konsek\u00advens"),
    "value": ("RV", "Risk\u00advärde"),
}
# Widths in mm of each column, portrait; landscape scales them up.
WIDTHS = {
    "process": 24,
    "risk": 34,
    "probability": 14,
    "consequence": 14,
    "value": 13,
    "what": 34,
    "method": 26,
    "scope": 20,
    "frequency": 18,
    "responsible": 20,
    "when": 18,
}
PORTRAIT_MM = 168
LANDSCAPE_MM = 255
PROBABILITY_WORDS = (
    ("Osannolik", "Mindre sannolik", "Möjlig", "Sannolik"),
    ("Liten", "Måttlig", "Stor", "Mycket stor"),
    ("Låg", "Medel", "Hög", "Mycket hög"),
)
CONSEQUENCE_WORDS = (
    ("Försumbar", "Lindrig", "Kännbar", "Allvarlig"),
    ("Liten", "Måttlig", "Stor", "Mycket stor"),
    ("Obetydlig", "Mindre allvarlig", "Allvarlig", "Mycket allvarlig"),
)
# How each reporting choice is written, in the words plans use.
WHEN_WORDS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("T1", "T2", "VB"): (
        "T1, T2, VB",
        "Tertialvis",
        "Tertial 1, tertial 2 och helår",
        "April, augusti, december",
        "T1/T2/VB",
    ),
    ("T2", "VB"): (
        "T2, VB",
        "Delår och helår",
        "Augusti och december",
        "Delårsrapport, årsbokslut",
    ),
    ("T1", "VB"): ("T1 och VB", "April och december", "Tertial 1 och årsbokslut"),
    ("VB",): ("VB", "Helår", "Årsbokslut", "December", "Verksamhetsberättelse"),
    ("T2",): ("T2", "Delår", "Augusti", "Delårsbokslut"),
    ("T1",): ("T1", "April", "Tertial 1"),
}
NODES = (
    "Socialnämnden",
    "Kulturnämnden",
    "Äldrenämnden",
    "Miljö- och hälsoskyddsnämnden",
    "Stadsbyggnadsnämnden",
    "Utbildningsnämnden",
    "Arbetsmarknadsnämnden",
    "Fritidsnämnden",
)
OFFICES = ("Socialförvaltningen", "Kulturförvaltningen", "Stadsbyggnadskontoret", "Förvaltningen")

# Processes and their risks, in our own words; each risk is a sentence fragment as
# plans write them ("Risk för att …" or a noun phrase).
PROCESSES: dict[str, tuple[str, ...]] = {
    "Inköp och upphandling": (
        "Inköp görs utanför gällande ramavtal",
        "Direktupphandlingar dokumenteras inte enligt riktlinjen",
        "Fakturor attesteras av fel person",
        "Leverantörers skatter och avgifter kontrolleras inte",
    ),
    "Ekonomisk uppföljning": (
        "Prognoserna under året bygger på inaktuella underlag",
        "Avvikelser mot budget upptäcks för sent",
        "Intäkter från avgifter faktureras inte i tid",
    ),
    "Personal och arbetsmiljö": (
        "Registerutdrag begärs inte in vid anställning",
        "Den systematiska arbetsmiljöuppföljningen blir inte av",
        "Hög sjukfrånvaro följs inte upp med rehabilitering",
        "Löneutbetalningar görs till personer som slutat",
    ),
    "Myndighetsutövning": (
        "Utredningar avslutas inte inom lagstadgad tid",
        "Beslut saknar en begriplig motivering",
        "Delegationsordningen följs inte vid beslut",
        "Anmälningar om missförhållanden hanteras inte skyndsamt",
    ),
    "Informationssäkerhet": (
        "Behörigheter tas inte bort när medarbetare slutar",
        "Personuppgifter skickas med okrypterad e-post",
        "Loggar över åtkomst till journaler granskas inte",
    ),
    "Dokumentation och arkiv": (
        "Allmänna handlingar diarieförs inte",
        "Journalanteckningar förs inte löpande",
        "Gallring sker i strid med dokumenthanteringsplanen",
    ),
    "Kvalitet och klagomål": (
        "Synpunkter och klagomål besvaras inte",
        "Avvikelser rapporteras men analyseras inte",
        "Brukarnas delaktighet i planeringen dokumenteras inte",
    ),
    "Lokaler och säkerhet": (
        "Brandskyddet i lokalerna är bristfälligt",
        "Nycklar och passerkort lämnas inte tillbaka",
        "Den årliga utrymningsövningen genomförs inte",
    ),
    "Kontanthantering och bidrag": (
        "Kontanta medel hanteras av en person ensam",
        "Föreningsbidrag betalas ut utan redovisning",
        "Brukares privata medel redovisas inte",
    ),
}
CONTROL_VERBS = ("Kontroll av", "Granskning av", "Genomgång av", "Stickprov på", "Uppföljning av")
CONTROL_OBJECTS = (
    "att avtalade leverantörer används",
    "dokumentationen av beslut och underlag",
    "att attestordningen följs",
    "behörigheterna i verksamhetssystemet",
    "handläggningstiderna i ärendesystemet",
    "att rutinen är känd och tillämpas",
    "diariet och registreringen",
    "utbetalningarna mot underlagen",
    "redovisningen från mottagarna",
    "att åtgärder vidtagits efter avvikelser",
)
METHODS = (
    "Stickprov i ekonomisystemet",
    "Genomgång av rapport ur verksamhetssystemet",
    "Intervju med berörda chefer",
    "Jämförelse mellan register och underlag",
    "Granskning av akter",
    "Enkät till enhetscheferna",
    "Analys av statistik",
)
SCOPES = (
    "10 ärenden",
    "20 fakturor",
    "Samtliga enheter",
    "Ett urval om 5 %",
    "Alla beslut under en månad",
    "15 akter per enhet",
    "Samtliga nyanställda",
)
FREQUENCIES = ("En gång per år", "Två gånger per år", "Varje tertial", "Månadsvis", "Kvartalsvis")
RESPONSIBLES = (
    "Controller",
    "Ekonomichef",
    "HR-chef",
    "Enhetschef",
    "Avdelningschef",
    "Kvalitetsutvecklare",
    "Registrator",
    "Förvaltningschef",
    "Systemförvaltare",
)
TOC_TEXT = (
    "Nämnden ska varje år anta en plan för den interna kontrollen. Planen bygger på "
    "förvaltningens riskanalys, där varje risk har bedömts efter hur sannolik den är och "
    "vilka konsekvenser den skulle få."
)


@dataclass
class CorpusPlan:
    name: str
    golden: dict[str, Any]
    style: dict[str, Any] = field(default_factory=dict)
    expected: dict[str, Any] = field(default_factory=dict)
    pages: int = 0
    forms: dict[str, bytes] = field(default_factory=dict)

    def filename(self, form: str) -> str:
        suffix = {"docx": "docx", "pdf": "pdf"}.get(form, "txt")
        return f"{self.name}.{suffix}"


def _rng(text: str) -> random.Random:
    return random.Random(int(hashlib.sha256(text.encode()).hexdigest()[:12], 16))


# --- Generated plans ---------------------------------------------------------------------


def generated_plan(seed: int, *, size: str = "normal") -> dict[str, Any]:
    """A plausible internal control plan of invented content: its own golden reference."""
    from styra.importer.control_documents.build import plan_dict

    rng = random.Random(seed)
    year = rng.randint(2018, 2027)
    count = rng.randint(2, 3) if size == "small" else rng.randint(4, 7)
    processes = []
    used_risks: set[str] = set()
    for title in rng.sample(sorted(PROCESSES), k=count):
        risks = []
        for risk_title in rng.sample(PROCESSES[title], k=rng.randint(1, len(PROCESSES[title]))):
            if risk_title in used_risks:
                continue
            used_risks.add(risk_title)
            probability, consequence = rng.randint(1, 4), rng.randint(1, 4)
            value = probability * consequence
            # The significant risks get controls; a few high ones are left without one
            # (the reader asks for the reason), and some low ones get one too.
            with_controls = (value >= 6 and rng.random() < 0.9) or rng.random() < 0.3
            controls = []
            for _ in range(rng.choice((1, 1, 1, 2, 2, 3)) if with_controls else 0):
                controls.append(
                    {
                        "what": f"{rng.choice(CONTROL_VERBS)} {rng.choice(CONTROL_OBJECTS)}",
                        "method": rng.choice(METHODS),
                        "scope": rng.choice(SCOPES),
                        "frequency": rng.choice(FREQUENCIES),
                        "responsible": rng.choice(RESPONSIBLES),
                        "reported_in": list(rng.choice(list(WHEN_WORDS))),
                    }
                )
            risks.append(
                {
                    "title": risk_title,
                    "probability": probability,
                    "consequence": consequence,
                    "controls": controls,
                }
            )
        if risks:
            processes.append({"title": title, "risks": risks})
    node = rng.choice(NODES)
    data = plan_dict(year=year, unit=node, processes=processes)
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    return data


# --- Layouts -----------------------------------------------------------------------------


def plan_style(name: str) -> dict[str, Any]:
    """The plan's layout, the same for the same name (its own rng)."""
    rng = _rng("style:" + name)
    tables = rng.choice(("one", "one", "two"))
    optional = [r for r in ("value", "method", "scope", "frequency") if rng.random() < 0.75]
    order = ["process", "risk", "probability", "consequence", *(["value"] * ("value" in optional))]
    controls = ["what", *(r for r in ("method", "scope", "frequency") if r in optional)]
    controls += ["responsible", "when"]
    if rng.random() < 0.3:
        # Some plans put who and when before how ("Kontroll | Ansvarig | När | Metod").
        controls = ["what", "responsible", "when", *(r for r in controls[1:-2])]
    if rng.random() < 0.25 and tables == "one":
        # Or the assessment after the risk's controls.
        order = ["process", "risk", *controls, *order[2:]]
        columns = order
    else:
        columns = [*order, *controls]
    landscape = len(columns) > 8 or rng.random() < 0.3
    assessment = rng.choice(("digits", "digits", "words", "both"))
    words = {role: rng.choice(words) for role, words in HEADER_WORDS.items()}
    if assessment == "digits":
        words |= {role: rng.choice(narrow) for role, narrow in NARROW_WORDS.items()}
    else:
        words["value"] = rng.choice(NARROW_WORDS["value"])
    return {
        "tables": tables,
        "columns": columns,
        "words": words,
        "merged": rng.random() < 0.5,
        "assessment": assessment,
        "probability_words": rng.randrange(len(PROBABILITY_WORDS)),
        "consequence_words": rng.randrange(len(CONSEQUENCE_WORDS)),
        "when_words": rng.random() < 0.6,
        "landscape": landscape,
        "rules": rng.choice(("grid", "grid", "rows", "none")),
        "repeat": rng.random() < 0.5,
        "split_docx": rng.random() < 0.4,
        "head": rng.choice(("ils", "logo")),
        "foot": rng.choice(("address", "page", "none")),
        "font": rng.choice(("Liberation Sans", "DejaVu Sans", "Liberation Serif")),
        "size": rng.choice((9, 10, 11)),
        "title": rng.choice(("title", "for", "possessive")),
    }


def style_summary(style: dict[str, Any]) -> str:
    short = {"probability": "S", "consequence": "K", "value": "RV", "responsible": "ansv"}
    cols = "|".join(short.get(c, c) for c in style["columns"])
    return (
        f"tables={style['tables']} merged={'y' if style['merged'] else 'n'} "
        f"pk={style['assessment']} when={'words' if style['when_words'] else 'codes'} "
        f"{'landscape' if style['landscape'] else 'portrait'} rules={style['rules']} "
        f"repeat={'y' if style['repeat'] else 'n'} {style['font'].replace(' ', '')}/"
        f"{style['size']}pt cols={cols}"
    )


def expected(plan: dict[str, Any], style: dict[str, Any]) -> dict[str, Any]:
    """The golden dict as this layout can carry it: left-out columns are empty."""
    out = copy.deepcopy(plan)
    missing = {"method", "scope", "frequency"} - set(style["columns"])
    for process in out["processes"]:
        for risk in process["risks"]:
            for control in risk["controls"]:
                for role in missing:
                    control[role] = ""
    return out


def _assessment(value: int, words: tuple[str, ...], how: str) -> str:
    if how == "digits":
        return str(value)
    if how == "words":
        return words[value - 1]
    return f"{value} – {words[value - 1]}"


def _cells(plan: dict[str, Any], style: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """The rows of the plan's table(s) as text cells per role, with the process's span."""
    pwords = PROBABILITY_WORDS[style["probability_words"]]
    kwords = CONSEQUENCE_WORDS[style["consequence_words"]]

    def when(parts: list[str]) -> str:
        return rng.choice(WHEN_WORDS[tuple(parts)]) if style["when_words"] else ", ".join(parts)

    risk_rows: list[dict[str, str]] = []
    control_rows: list[dict[str, str]] = []
    one_rows: list[dict[str, str]] = []
    for process in plan["processes"]:
        for risk in process["risks"]:
            assessed = {
                "process": process["title"],
                "risk": risk["title"],
                "probability": _assessment(risk["probability"], pwords, style["assessment"]),
                "consequence": _assessment(risk["consequence"], kwords, style["assessment"]),
                "value": str(risk["value"]),
            }
            risk_rows.append(assessed)
            controls = risk["controls"] or [None]
            for n, control in enumerate(controls):
                row = dict(assessed) if n == 0 else {"process": process["title"]}
                if control is not None:
                    fields = {
                        "what": control["what"],
                        "method": control["method"],
                        "scope": control["scope"],
                        "frequency": control["frequency"],
                        "responsible": control["responsible"],
                        "when": when(control["reported_in"]),
                    }
                    row |= fields
                    control_rows.append(
                        {"process": process["title"], "risk": risk["title"], **fields}
                        if n == 0
                        else {"process": process["title"], **fields}
                    )
                one_rows.append(row)
    return {"one": one_rows, "risks": risk_rows, "controls": control_rows}


def _tables(plan: dict[str, Any], style: dict[str, Any]) -> list[dict[str, Any]]:
    """The document's tables: a header of words and rows of {role: text}."""
    rng = _rng("cells:" + json.dumps(plan["processes"], sort_keys=True)[:2000])
    cells = _cells(plan, style, rng)
    columns = style["columns"]
    if style["tables"] == "one":
        return [
            {"heading": "Riskanalys och kontrollplan", "columns": columns, "rows": cells["one"]}
        ]
    assessment = [c for c in columns if c in ("process", "risk", "probability", "consequence")]
    assessment += ["value"] * ("value" in columns)
    control = ["process", "risk", *(c for c in columns if c not in assessment)]
    return [
        {"heading": "Riskanalys", "columns": assessment, "rows": cells["risks"]},
        {"heading": "Kontrollplan", "columns": control, "rows": cells["controls"]},
    ]


def _letter(plan: dict[str, Any], name: str, style: dict[str, Any]) -> dict[str, str]:
    rng = _rng("letter:" + name)
    year = plan["year"]
    node = plan["unit"]
    title = {
        "title": f"Internkontrollplan {year} – {node}",
        "for": f"{node}: internkontrollplan för {year}",
        "possessive": f"Internkontrollplan {year} för {node}",
    }[style["title"]]
    office = rng.choice(OFFICES)
    written = date(year - 1, 10, 1) + timedelta(days=rng.randrange(60))
    return {
        "title": title,
        "running": f"Internkontrollplan {year}",
        "office": office,
        "department": "Avdelningen för ekonomi och styrning",
        "kind": "Tjänsteutlåtande",
        "dnr": f"Dnr {rng.randint(1, 9)}.{rng.randint(1, 9)}-{rng.randint(100, 999)}/{year - 1}",
        "date": written.isoformat(),
        "city": "EXEMPELBY KOMMUN",
        "footer": f"{office}, Box {rng.randint(1000, 9999)}, {rng.randint(100, 199)} "
        f"{rng.randint(10, 99)} Exempelby. Telefon 0123-{rng.randint(10, 99)} 00 00. "
        "exempelby.se",
    }


def layout(plan: dict[str, Any], name: str, style: dict[str, Any]) -> dict[str, Any]:
    """The template's data."""
    width = LANDSCAPE_MM if style["landscape"] else PORTRAIT_MM
    blocks: list[dict[str, Any]] = [
        {"kind": "heading", "text": "Inledning"},
        {"kind": "text", "text": TOC_TEXT},
    ]
    for table in _tables(plan, style):
        columns = table["columns"]
        wide = style["assessment"] != "digits"
        base = [24 if wide and c in ("probability", "consequence") else WIDTHS[c] for c in columns]
        header = [style["words"][c] for c in columns]
        widths, size = _fitted(table, columns, header, base, width, style["size"] - 1)
        rows: list[list[Any]] = []
        merged = style["merged"] and "process" in columns
        spans = _spans(table["rows"]) if merged else {}
        for n, row in enumerate(table["rows"]):
            out: list[Any] = []
            for c in columns:
                text = row.get(c, "")
                if c == "process" and merged:
                    if n not in spans:
                        continue  # covered by the cell above
                    if spans[n] > 1:
                        out.append({"rowspan": spans[n], "text": text})
                        continue
                elif c == "process" and n and not merged and "risk" not in row:
                    text = ""  # another control of the risk above: its process left empty
                out.append(text)
            rows.append(out)
        blocks.append({"kind": "heading", "text": table["heading"]})
        blocks.append(
            {
                "kind": "table",
                "widths": widths,
                "size": size,
                "header": header,
                "rows": rows,
                "repeat": style["repeat"],
            }
        )
    return {**_letter(plan, name, style), "style": style, "blocks": blocks}


# A character's width at most, as a share of the font's size (DejaVu Sans bold is widest).
_EM = 0.62
_PT_MM = 0.3528
_INSET_MM = 3.0


def _fitted(
    table: dict[str, Any],
    columns: list[str],
    header: list[str],
    base: list[int],
    width: float,
    size: float,
) -> tuple[list[float], float]:
    """Column widths in mm and the table's font size: each column at least as wide as its
    longest word (an author widens a column rather than let a word run into the next),
    the rest shared as `base` says; a table too wide for the page is set smaller."""
    longest = [
        max(
            [len(part) for part in header[n].replace("\u00ad", " ").split()]
            + [len(w) for row in table["rows"] for w in row.get(c, "").split()]
        )
        for n, c in enumerate(columns)
    ]
    scale = width / sum(base)
    for _ in range(8):
        least = [n * size * _EM * _PT_MM + _INSET_MM for n in longest]
        widths = [max(b * scale, m) for b, m in zip(base, least, strict=True)]
        if sum(widths) <= width or size <= 7:
            break
        size -= 0.5
    total = sum(widths)
    if total > width:
        widths = [w * width / total for w in widths]
    else:
        spare = [b * scale for b in base]
        # What is left goes to the columns that took no more than their share.
        extra = width - total
        room = sum(s for s, w in zip(spare, widths, strict=True) if w <= s) or 1.0
        widths = [w + extra * s / room if w <= s else w for s, w in zip(spare, widths, strict=True)]
    return [round(w, 1) for w in widths], size


def _spans(rows: list[dict[str, str]]) -> dict[int, int]:
    """The first row of each process's run of rows: how many rows its cell spans."""
    spans: dict[int, int] = {}
    start = 0
    for n in range(1, len(rows) + 1):
        if n == len(rows) or rows[n]["process"] != rows[start]["process"]:
            spans[start] = n - start
            start = n
    return spans


def render_pdf(plan: dict[str, Any], name: str, style: dict[str, Any]) -> bytes:
    import typst

    data = json.dumps(layout(plan, name, style), ensure_ascii=False)
    pdf: bytes = typst.compile(
        str(TEMPLATE),
        root=str(HERE),
        font_paths=[str(FONTS), *(str(p) for p in SYSTEM_FONTS if p.is_dir())],
        ignore_system_fonts=True,
        sys_inputs={"plan": data},
        timestamp=0,
    )
    return pdf


def render_docx(plan: dict[str, Any], name: str, style: dict[str, Any]) -> bytes:
    """The plan as a Word document: its title, a paragraph and its table(s)."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    letter = _letter(plan, name, style)
    document = docx.Document()
    section = document.sections[0]
    if style["landscape"]:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    section.header.paragraphs[0].text = f"{letter['office']}\t{letter['running']}"
    document.add_paragraph(f"{letter['office']}\n{letter['dnr']}\n{letter['date']}")
    document.add_heading(letter["title"], level=1)
    document.add_heading("Inledning", level=2)
    document.add_paragraph(TOC_TEXT)
    for table in _tables(plan, style):
        columns = table["columns"]
        document.add_heading(table["heading"], level=2)
        rows = table["rows"]
        parts = [rows]
        if style["split_docx"] and len(rows) > 4:
            half = len(rows) // 2
            parts = [rows[:half], rows[half:]]
        for part in parts:
            grid = document.add_table(rows=1, cols=len(columns))
            grid.style = "Table Grid"
            for cell, role in zip(grid.rows[0].cells, columns, strict=True):
                cell.text = style["words"][role]
            start = None
            for n, row in enumerate(part):
                cells = grid.add_row().cells
                for cell, role in zip(cells, columns, strict=True):
                    text = row.get(role, "")
                    if role == "process" and "risk" not in row:
                        text = ""  # another control of the risk above
                    cell.text = text
                if "process" in columns and style["merged"]:
                    index = columns.index("process")
                    same = n and part[n - 1]["process"] == row["process"]
                    if same and start is not None:
                        top = grid.rows[start].cells[index]
                        text = top.text
                        merged = top.merge(cells[index])
                        merged.text = text
                    else:
                        start = len(grid.rows) - 1
            document.add_paragraph("")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- Text forms --------------------------------------------------------------------------


def pdftotext_available() -> bool:
    return shutil.which("pdftotext") is not None


def pdftotext(pdf: bytes, mode: list[str]) -> str:
    run = subprocess.run(
        ["pdftotext", *mode, "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
        timeout=120,
    )
    return run.stdout.decode("utf-8")


def pypdf_pages(pdf: bytes) -> list[str]:
    import pypdf

    return [page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def viewer_copy(text: str) -> str:
    """Text as copied out of a PDF viewer: every line ends in a space, an empty line after it."""
    return "".join(f"{line.rstrip()} \n\n" for line in text.splitlines())


def text_forms(pdf: bytes, *, with_pdftotext: bool) -> dict[str, bytes]:
    pages = pypdf_pages(pdf)
    texts = {"pypdf": "\f".join(pages), "viewer-copy": viewer_copy("\n".join(pages))}
    if with_pdftotext:
        for form, mode in PDFTOTEXT_MODES.items():
            texts[form] = pdftotext(pdf, mode)
    return {form: texts[form].encode("utf-8") for form in FORMS if form in texts}


# --- The corpus --------------------------------------------------------------------------


def build(
    *, generated: int, seed: int = 2000, size: str = "normal", with_pdftotext: bool = True
) -> list[CorpusPlan]:
    """Generate and render `generated` plans (seeds seed, seed + 1, …) in every form."""
    plans = []
    for n in range(generated):
        golden = generated_plan(seed + n, size=size)
        name = f"ic{seed + n}"
        plan = CorpusPlan(name, golden, style=plan_style(name))
        plan.expected = expected(golden, plan.style)
        pdf = render_pdf(golden, name, plan.style)
        plan.pages = len(pypdf_pages(pdf))
        plan.forms = {"docx": render_docx(golden, name, plan.style), "pdf": pdf}
        plan.forms |= text_forms(pdf, with_pdftotext=with_pdftotext)
        plans.append(plan)
    return plans


def write(plans: list[CorpusPlan], out: Path) -> None:
    """Each plan's golden dict and files under `out` (out/<form>/<plan>.<ext>)."""
    (out / "golden").mkdir(parents=True, exist_ok=True)
    for plan in plans:
        text = json.dumps(plan.expected, ensure_ascii=False, indent=2)
        (out / "golden" / f"{plan.name}.json").write_text(text + "\n", encoding="utf-8")
        for form, data in plan.forms.items():
            (out / form).mkdir(exist_ok=True)
            (out / form / plan.filename(form)).write_bytes(data)
