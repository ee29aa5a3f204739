"""The import benchmark's corpus: plans rendered as the old planning system's PDFs, and their text.

    from corpus import build
    plans = build(out_dir, generated=5)   # the seeds' golden plans and five generated ones

Each plan is a styra-plan/1 dict (a seed's golden file, or one `generated_plan` writes with
its own words, so the dict is the golden reference of its document). `render_pdf` lays it
out as ILS exported plans: A4, a letter head (Handläggare, Telefon, Till, "Verksamhetsplan
YYYY <unit>"), a table of contents, narrow tables whose cells wrap and which break across
pages, a running head ("Sid 2 (29)", the unit, a dnr) and foot on every page. Each plan
also gets one of the layout variants real plan PDFs show, chosen by its name's rng
(`plan_style`): table rules (grid, horizontal only, none), narrow or wide name columns,
other running heads and feet, goal headings numbered with or without a dot, labels on their
own line or run into the title, bold or plain, and the font and size. `text_forms`
gives what the archives hold of such a PDF: pdftotext's three modes (when poppler is
installed), pypdf's text, a PDF viewer's copy and a web archive's one line per page.

Not product code: the benchmark (bench_import_corpus.py) and anyone measuring the importer
use it; nothing in styra imports it.
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import random
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import jsonschema

from styra.documents.layout import NARRATIVE_FIELDS
from styra.importer.legacy import tables

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TEMPLATE = HERE / "corpus.typ"
FONTS = ROOT / "styra" / "documents" / "fonts"
SCHEMA = ROOT / "styra" / "plans" / "plan.schema.json"

# A goal's narrative fields and their headings: the same words as Styra's own documents.
TEXT_FIELDS = NARRATIVE_FIELDS
CLOSING_RE = re.compile(r"^\s*(?:övrigt|övriga\s+frågor|avslutning)\s*:?\s*$", re.IGNORECASE)
# Table widths in mm: narrow, as the old system drew them, so that cells wrap; some plans
# squeeze the name column further (more wrapping), some give it most of the text width.
INDICATOR_WIDTHS = {"ils": (66, 18, 26, 19), "narrow": (44, 22, 28, 22), "wide": (92, 17, 26, 21)}
ACTIVITY_WIDTHS = {"ils": (82, 22, 22), "narrow": (52, 24, 24), "wide": (110, 22, 22)}
BUDGET_WIDTHS = (60, 22, 22, 22)
# How much wider than Liberation Sans a family sets the same words (measured on the header
# words, bold): the widths above fit Liberation Sans at 9pt, and a wider face or size widens
# the value columns, so that no header word or date is broken inside (authors widen such a
# column rather than let "Periodicitet" break); the name column gives up the room.
FONT_WIDTH = {"Liberation Sans": 1.0, "DejaVu Sans": 1.21, "Liberation Serif": 0.91}
TEXT_WIDTH_MM = 156
OWNER_WORD = {"direction": "KF:s", "area": "KF:s", "board": "Nämndens", "unit": "Enhetens"}

# Layout variants real plan PDFs show, one of each chosen per plan (`plan_style`). The
# header words are all ones the importer's column roles know (tables._ROLE_WORDS): the
# variation is in the layout, not the vocabulary; `plan_style` checks it.
TABLE_RULES = ("grid", "rows", "booktabs", "none")  # rows/booktabs: horizontal rules only
COLUMN_WIDTHS = tuple(INDICATOR_WIDTHS)
RUNNING_HEADS = ("ils", "logo")  # logo: the city's name left, "Sida 3 av 19" right
RUNNING_FEET = ("address", "page", "none")  # page: only the page number, centered
FONTS_FAMILIES = ("Liberation Sans", "DejaVu Sans", "Liberation Serif")
FONT_SIZES = (10, 11)
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "indicator": ("owner", "Indikator"),  # owner: "KF:s/Nämndens/Enhetens indikatorer"
    "target": ("Årsmål", "Målvärde"),
    "city_target": ("KF:s årsmål", "Stadens årsmål"),
    "period": ("Periodicitet", "Mätperiod"),
    "activity": ("owner", "Aktivitet"),  # owner: "Nämndens/Enhetens aktiviteter"
    "start": ("Startdatum", "Start"),
    "end": ("Slutdatum", "Slut"),
}
# System font folders searched besides styra's own fonts, for the other families; a family
# not installed falls back to Liberation Sans (the template lists it second).
SYSTEM_FONTS = (
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts/truetype/dejavu"),
)

# The forms a plan is imported in, in the benchmark's column order; "pdf" is the file itself.
FORMS = (
    "pdf",
    "pdftotext",
    "pdftotext-layout",
    "pdftotext-raw",
    "pypdf",
    "viewer-copy",
    "one-line-per-page",
)
PDFTOTEXT_MODES = {"pdftotext": [], "pdftotext-layout": ["-layout"], "pdftotext-raw": ["-raw"]}


@dataclass
class CorpusPlan:
    name: str
    golden: dict[str, Any]
    pdf: bytes = b""
    pages: int = 0
    style: dict[str, Any] = field(default_factory=dict)
    forms: dict[str, bytes] = field(default_factory=dict)  # form -> the file's bytes

    def filename(self, form: str) -> str:
        return f"{self.name}.pdf" if form == "pdf" else f"{self.name}.txt"


# --- Rendering ---------------------------------------------------------------------------


def _rng(name: str) -> random.Random:
    return random.Random(int(hashlib.sha256(name.encode()).hexdigest()[:12], 16))


def plan_style(name: str) -> dict[str, Any]:
    """The plan's layout variant, the same for the same plan name (its own rng)."""
    rng = _rng("style:" + name)
    style: dict[str, Any] = {
        "rules": rng.choice(TABLE_RULES),
        "widths": rng.choice(COLUMN_WIDTHS),
        "head": rng.choice(RUNNING_HEADS),
        "foot": rng.choice(RUNNING_FEET),
        "number_dot": rng.random() < 0.6,
        "label_inline": rng.random() < 0.4,
        "heading_bold": rng.random() < 0.7,
        "font": rng.choice(FONTS_FAMILIES),
        "size": rng.choice(FONT_SIZES),
        "words": {role: rng.choice(words) for role, words in HEADER_WORDS.items()},
    }
    for role, word in style["words"].items():
        if word != "owner" and tables.cell_role(word) != role:
            raise ValueError(f"header word {word!r} is not the importer's {role!r}")
    return style


def style_summary(style: dict[str, Any]) -> str:
    """One short line naming a plan's variant, for the benchmark's legend."""
    words = style["words"]
    return (
        f"rules={style['rules']} widths={style['widths']} head={style['head']} "
        f"foot={style['foot']} num={'1.' if style['number_dot'] else '1'} "
        f"label={'inline' if style['label_inline'] else 'own-line'} "
        f"heading={'bold' if style['heading_bold'] else 'plain'} "
        f"font={style['font'].replace(' ', '')}/{style['size']}pt "
        f"words={words['indicator']}|{words['target']}|{words['city_target']}|"
        f"{words['period']}|{words['activity']}|{words['start']}|{words['end']}"
    )


def _letter_marks(plan: dict[str, Any], name: str) -> dict[str, str]:
    """What the letter head shows beyond the plan's data: office, dnr, date, phone, foot.

    The dnr and the date are the year before the plan's (plans were written in the
    autumn): a year read from them is wrong, as in the real exports.
    """
    rng = _rng(name)
    year = int(plan["year"])
    addressee = plan.get("addressee") or ""
    district = re.sub(r"\s*(stadsdelsnämnd|nämnd)\b.*$", "", addressee).strip()
    organisation = f"{district} stadsdelsförvaltning" if district else "Stadsdelsförvaltningen"
    department = rng.choice(("Avdelningen för stöd och omsorg", "Socialtjänstavdelningen"))
    written = date(year - 1, 10, 1) + timedelta(days=rng.randrange(60))
    return {
        "organisation": organisation,
        "department": department,
        "kind": "Tjänsteutlåtande",
        "dnr": f"Dnr {rng.randint(1, 9)}.{rng.randint(1, 9)}.{rng.randint(1, 9)}-"
        f"{rng.randint(100, 999)}/{year - 1}",
        "date": written.isoformat(),
        "phone": f"08-508 {rng.randint(10, 99)} {rng.randint(100, 999)}",
        "footer": f"{organisation}, Box {rng.randint(1000, 9999)}, "
        f"{rng.randint(100, 199)} {rng.randint(10, 99)} Exempelstad. "
        f"Telefon 08-508 {rng.randint(10, 99)} 000. Växel 08-508 00 000. exempelstad.se",
    }


def _amount(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    if unit == "mnkr":
        return f"{value:.1f}".replace(".", ",")
    return f"{round(value):,}".replace(",", " ")


def _column_widths(widths: tuple[int, ...], style: dict[str, Any]) -> tuple[int, ...]:
    scale = max(1.0, FONT_WIDTH[style["font"]] * (style["size"] - 1) / 9)
    values = [round(w * scale + 0.49) for w in widths[1:]]
    return (min(widths[0], TEXT_WIDTH_MM - sum(values)), *values)


def _goal_heading(goal: dict[str, Any], style: dict[str, Any]) -> str:
    number = goal.get("number")
    if not number:
        return goal["title"]
    # "1. Title" (ILS) or "1 Title"; a dotted number ("1.2") never takes another dot.
    dot = "." if style["number_dot"] and "." not in number else ""
    return f"{number}{dot} {goal['title']}"


def _goal_blocks(
    goal: dict[str, Any], rng: random.Random, style: dict[str, Any]
) -> list[dict[str, Any]]:
    level = goal["level"]
    label = {
        "direction": "KF:s inriktningsmål:",
        "area": "KF:s mål för verksamhetsområdet:",
        "board": "Nämndmål:",
        "unit": rng.choice(("Åtagande:", "Åtagande:", "Enhetsmål:")),
    }[level]
    heading = _goal_heading(goal, style)
    blocks: list[dict[str, Any]] = []
    if not style["label_inline"]:
        blocks.append({"kind": "label", "text": label})
    # Run together, the label and the title share one line ("Nämndmål: Alla får stöd").
    shown = f"{label} {heading}" if style["label_inline"] else heading
    if level in ("direction", "area"):
        # The chain's upper goals are the contents' entries, as in the exports; the
        # contents show the goal, not its label.
        blocks.append(
            {
                "kind": "heading",
                "level": 1 if level == "direction" else 2,
                "toc": True,
                "text": shown,
                "toc_text": heading,
            }
        )
    else:
        blocks.append({"kind": "title", "text": shown})
    for key, heading in TEXT_FIELDS:
        if goal.get(key):
            blocks += [{"kind": "subheading", "text": heading}, {"kind": "text", "text": goal[key]}]
    owner = OWNER_WORD[level]
    words = style["words"]
    if goal.get("indicators"):
        rows = [
            [i["name"], i.get("target") or "", i.get("city_target") or "", i.get("period") or ""]
            for i in goal["indicators"]
        ]
        name = words["indicator"]
        header = [
            f"{owner} indikatorer" if name == "owner" else name,
            words["target"],
            words["city_target"],
            words["period"],
        ]
        widths = _column_widths(INDICATOR_WIDTHS[style["widths"]], style)
        blocks.append(_table(widths, header, rows, rng))
    if goal.get("activities"):
        rows = [[a["name"], a.get("start") or "", a.get("end") or ""] for a in goal["activities"]]
        name = words["activity"]
        header = [
            f"{owner} aktiviteter" if name == "owner" else name,
            words["start"],
            words["end"],
        ]
        widths = _column_widths(ACTIVITY_WIDTHS[style["widths"]], style)
        blocks.append(_table(widths, header, rows, rng))
    for child in goal.get("children") or []:
        blocks += _goal_blocks(child, rng, style)
    return blocks


def _table(
    widths: tuple[int, ...],
    header: list[str],
    rows: list[list[str]],
    rng: random.Random,
    bold: set[int] | None = None,
) -> dict[str, Any]:
    return {
        "kind": "table",
        "widths": list(widths),
        "header": header,
        "rows": [{"cells": r, "bold": i in (bold or set())} for i, r in enumerate(rows)],
        # Some exports repeat a table's header on the next page, most do not.
        "repeat": rng.random() < 0.3,
        "align": "left",
    }


def _budget_blocks(
    plan: dict[str, Any], rng: random.Random, style: dict[str, Any]
) -> list[dict[str, Any]]:
    budget = plan.get("budget")
    if not budget or not budget.get("rows"):
        return []
    unit = budget["currency_unit"]
    rows = budget["rows"]
    totals = {i for i, r in enumerate(rows) if r.get("total")}
    blocks: list[dict[str, Any]] = [
        {"kind": "heading", "level": 1, "toc": True, "text": f"Budget {plan['year']}"}
    ]
    single = all(sum(r.get(k) is not None for k in ("costs", "revenues", "net")) == 1 for r in rows)
    if single:
        # One amount column, the kinds as group rows ("Intäkter", "Kostnader") above them.
        cells: list[list[str]] = []
        bold: set[int] = set()
        group = None
        for i, r in enumerate(rows):
            kind = next(k for k in ("costs", "revenues", "net") if r.get(k) is not None)
            if kind != group and kind != "net" and i not in totals:
                cells.append([{"costs": "Kostnader", "revenues": "Intäkter"}[kind], ""])
                group = kind
            if i in totals:
                bold.add(len(cells))
            cells.append([r["name"], _amount(r[kind], unit)])
        header = [f"Beloppen anges i {unit}", "Budget"]
        table = _table(_column_widths((70, 30), style), header, cells, rng, bold)
    else:
        cells = [
            [r["name"], *(_amount(r.get(k), unit) for k in ("costs", "revenues", "net"))]
            for r in rows
        ]
        header = [f"Belopp i {unit}", "Kostnader", "Intäkter", "Netto"]
        table = _table(_column_widths(BUDGET_WIDTHS, style), header, cells, rng, totals)
    table["align"] = "right"
    return [*blocks, table]


def layout(plan: dict[str, Any], name: str) -> dict[str, Any]:
    """The template's data: the letter head and the document's blocks in reading order."""
    rng = _rng("layout:" + name)
    style = plan_style(name)
    sections = plan.get("sections") or []
    split = next(
        (i for i, s in enumerate(sections) if i and CLOSING_RE.match(s["heading"])), len(sections)
    )
    blocks: list[dict[str, Any]] = [
        {"kind": "toc", "text": rng.choice(("Innehåll", "Innehållsförteckning")), "break": True}
    ]
    for i, s in enumerate(sections):
        if i == split:
            break
        level = 1 if i == 0 or not s["text"] else 2
        blocks.append({"kind": "heading", "level": level, "toc": True, "text": s["heading"]})
        if s["text"]:
            blocks.append({"kind": "text", "text": s["text"]})
    for goal in plan.get("goals") or []:
        blocks += _goal_blocks(goal, rng, style)
    blocks += _budget_blocks(plan, rng, style)
    for s in sections[split:]:
        blocks.append({"kind": "heading", "level": 1, "toc": True, "text": s["heading"]})
        if s["text"]:
            blocks.append({"kind": "text", "text": s["text"]})
    if plan.get("appendices"):
        blocks.append({"kind": "heading", "level": 1, "toc": True, "text": "Bilagor"})
        lines = [f"Bilaga {n}: {a}" for n, a in enumerate(plan["appendices"], 1)]
        blocks.append({"kind": "lines", "lines": lines})
    return {
        **_letter_marks(plan, name),
        "unit": plan["unit"],
        "officer": plan.get("officer") or "",
        "addressee": plan.get("addressee") or "",
        "title": f"Verksamhetsplan {plan['year']} {plan['unit']}",
        "city": "EXEMPELSTAD",
        "style": style,
        "blocks": blocks,
    }


def render_pdf(plan: dict[str, Any], name: str) -> bytes:
    import typst

    data = json.dumps(layout(plan, name), ensure_ascii=False)
    pdf: bytes = typst.compile(
        str(TEMPLATE),
        root=str(HERE),
        font_paths=[str(FONTS), *(str(p) for p in SYSTEM_FONTS if p.is_dir())],
        ignore_system_fonts=True,
        sys_inputs={"plan": data},
        timestamp=0,
    )
    return pdf


# --- Text forms --------------------------------------------------------------------------


def pypdf_pages(pdf: bytes) -> list[str]:
    import pypdf

    return [page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


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


def empty_cell_is_lost(plan: dict[str, Any], name: str) -> bool | None:
    """Whether pdftotext's default mode gives the same text for two versions of the plan
    that differ only in which of three rows lacks its target (None: no table to try).

    Its text gives a table's columns one after another, and an empty cell leaves no trace
    in it: that is why no reader of that text can always put a value on its row."""
    versions = []
    for empty in (1, 2):
        version = copy.deepcopy(plan)
        tables = (g for g in _walk(version["goals"]) if len(g.get("indicators") or []) >= 3)
        goal = next(tables, None)
        if goal is None:
            return None
        for n, indicator in enumerate(goal["indicators"][:3]):
            indicator.update(name="Andel nöjda brukare", target=None if n == empty else "50 %")
        versions.append(pdftotext(render_pdf(version, name), []))
    return versions[0] == versions[1]


def _walk(goals: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for goal in goals:
        yield goal
        yield from _walk(goal.get("children") or [])


def viewer_copy(text: str) -> str:
    """Text as copied out of a PDF viewer: every line ends in a space, an empty line after it."""
    return "".join(f"{line.rstrip()} \n\n" for line in text.splitlines())


def one_line_per_page(pages: list[str]) -> str:
    """A web archive's text of the PDF: each page's words joined by single spaces."""
    return "\n".join(" ".join(page.split()) for page in pages) + "\n"


def text_forms(pdf: bytes, *, with_pdftotext: bool) -> dict[str, bytes]:
    pages = pypdf_pages(pdf)
    texts = {
        "pypdf": "\n".join(pages),
        "viewer-copy": viewer_copy("\n".join(pages)),
        "one-line-per-page": one_line_per_page(pages),
    }
    if with_pdftotext:
        for form, mode in PDFTOTEXT_MODES.items():
            texts[form] = pdftotext(pdf, mode)
    forms = {"pdf": pdf} | {form: texts[form].encode("utf-8") for form in FORMS if form in texts}
    return {form: forms[form] for form in FORMS if form in forms}


# --- Generated plans ---------------------------------------------------------------------

DISTRICTS = ("Norrvikens", "Sjöbergas", "Lindåsens", "Ekdalens", "Västerhamns", "Granlidens")
UNITS = (
    "Äldreomsorgsenheten",
    "Enheten för funktionsstöd",
    "Ungdomsenheten",
    "Fritidsenheten",
    "Försörjningsstödsenheten",
    "Barn- och familjeenheten",
    "Hemtjänstenheten Norra",
    "Beställarenheten för äldre",
)
FIRST_NAMES = ("Karin", "Per", "Leila", "Mats", "Birgitta", "Johan", "Amra", "Lars", "Eva", "Omid")
LAST_NAMES = ("Lindqvist", "Berglund", "Hadžić", "Nyström", "Åkerman", "Sandberg", "Öhman")
# Who a goal or an indicator is about: as a goal names them, as an indicator counts them.
GROUPS = (
    ("brukarna", "brukare"),
    ("invånarna i stadsdelen", "invånare i stadsdelen"),
    ("äldre med hemtjänst", "äldre med hemtjänst"),
    ("barn och unga", "barn och unga"),
    ("personer med funktionsnedsättning", "personer med funktionsnedsättning"),
    ("hushållen med ekonomiskt bistånd", "hushåll med ekonomiskt bistånd"),
    ("föräldrarna", "föräldrar"),
)
STATES = (
    "får ett gott och respektfullt bemötande",
    "är delaktiga i planeringen av sina insatser",
    "erbjuds rätt insats i rätt tid",
    "känner sig trygga i sin vardag",
    "har tillgång till en meningsfull fritid",
    "når egen försörjning genom arbete eller studier",
    "får information på ett begripligt sätt",
    "upplever att stödet gör skillnad",
)
DIRECTIONS = (
    "En stad där invånarna känner sig trygga och delaktiga",
    "En hållbar stad med god livsmiljö för kommande generationer",
    "En stad med ekonomi i balans och verksamheter av hög kvalitet",
    "En stad där barn och unga ges goda förutsättningar att växa",
)
AREAS = (
    "Invånarna får stöd som stärker den egna förmågan",
    "Verksamheterna minskar sin klimatpåverkan",
    "Budgeten hålls och resurserna används effektivt",
    "Äldre personer lever ett aktivt och självständigt liv",
    "Medarbetarna har en god och hälsosam arbetsmiljö",
    "Fler invånare går från bidrag till egen försörjning",
    "Servicen är tillgänglig och likvärdig i hela staden",
    "Barn och unga har en trygg uppväxt",
    "Invånarna upplever att de får god service och ett gott bemötande",
    "Fler bostäder med särskilt stöd finns att tillgå",
    "Stadens verksamheter är tillgängliga för personer med funktionsnedsättning",
    "Våld i nära relationer förebyggs och motverkas",
    "Kultur- och fritidsutbudet når alla grupper av invånare",
    "Digitala tjänster gör det enklare att ha kontakt med staden",
    "Arbetsmarknadsinsatserna leder till arbete eller studier",
)
INDICATOR_HEADS = (
    "Andel {g} som uppger att de {s}",
    "Andel {g} som {s}",
    "Antal {g} som {s}",
)
INDICATOR_FIXED = (
    "Sjukfrånvaro bland enhetens medarbetare",
    "Andel utredningar som avslutas inom fyra månader",
    "Antal genomförda brukarmöten",
    "Kostnad per brukare och dygn",
    "Andel medarbetare med relevant högskoleutbildning",
    "Antal klagomål som besvarats inom två veckor",
)
PERIODS = ("År", "Tertial", "Halvår", "Kvartal")
ACTIVITY_VERBS = ("Genomföra", "Införa", "Utveckla", "Kartlägga", "Utvärdera", "Samordna")
ACTIVITY_OBJECTS = (
    "en gemensam rutin för uppföljning av beslutade insatser",
    "digitala möten med anhöriga och närstående",
    "en utbildning i motiverande samtal för samtliga handläggare",
    "brukarnas erfarenheter av bemötandet vid första kontakten",
    "arbetet med våld i nära relationer tillsammans med polisen",
    "en plan för minskad energianvändning i enhetens lokaler",
    "introduktionen av nyanställda medarbetare",
    "samverkan med arbetsförmedlingen kring unga vuxna",
)
MEANS = (
    "genom en nära samverkan mellan enhetens verksamheter och andra aktörer i stadsdelen",
    "och verksamheten utgår från den enskildes behov, önskemål och förutsättningar",
    "med stöd av metoder som har vetenskaplig grund och beprövad erfarenhet",
)
SENTENCE_STARTS = (
    "Enheten arbetar systematiskt med att",
    "Under året ska verksamheten",
    "Målet nås genom att enheten arbetar för att",
    "Enhetschefen ansvarar för att",
    "I dialog med brukarna ska enheten",
    "Resultaten följs upp regelbundet och ligger till grund för att",
    "Tillsammans med andra förvaltningar fortsätter enheten att",
)
SENTENCE_ENDS = (
    "stärka kvaliteten i varje enskilt ärende.",
    "korta handläggningstiderna utan att rättssäkerheten påverkas.",
    "ta tillvara medarbetarnas kunskap och erfarenhet.",
    "se till att insatserna utgår från den enskildes behov och önskemål.",
    "använda metoder som har stöd i forskning och beprövad erfarenhet.",
    "hålla tilldelad budget och prioritera de insatser som ger störst nytta.",
    "göra informationen om verksamheten lätt att hitta och förstå.",
    "minska verksamhetens miljöpåverkan genom medvetna val i vardagen.",
    "följa upp avvikelser och lära av dem i det dagliga arbetet.",
)
SECTION_HEADINGS = (
    "Verksamhetsidé",
    "Uppdrag och målgrupp",
    "Organisation",
    "Lagar och styrdokument",
    "Kvalitets- och utvecklingsarbete",
    "Medarbetare och kompetens",
    "Samverkan",
)
BUDGET_ROWS = (
    "Administration",
    "Hemtjänst",
    "Boendestöd",
    "Dagverksamhet",
    "Köpt verksamhet",
    "Lokaler",
    "Personal",
)
APPENDICES = (
    "Kvalitetsgarantier",
    "Organisationsskiss",
    "Plan för internkontroll",
    "Kompetensförsörjningsplan",
)


def _paragraphs(rng: random.Random, count: int) -> str:
    out = []
    for _ in range(count):
        sentences = [
            f"{rng.choice(SENTENCE_STARTS)} {rng.choice(SENTENCE_ENDS)}"
            for _ in range(rng.randint(2, 5))
        ]
        out.append(" ".join(sentences))
    return "\n\n".join(out)


def _unique(rng: random.Random, used: set[str], make: Callable[[], str]) -> str:
    """A title or name not used before in the plan, so each golden item is one of a kind."""
    for _ in range(50):
        text = make()
        if text not in used:
            used.add(text)
            return text
    text = f"{make()} {rng.choice(MEANS)}"  # a rare repeat, told apart by its means
    used.add(text)
    return text


def _target(rng: random.Random, year: int) -> tuple[str | None, str | None]:
    value = rng.randint(5, 95)
    target = rng.choice((f"{value} %", f"{value} %", f"{value * 10} st", None))
    city = rng.choice(
        (f"{min(99, value + 5)} %", "tas fram av nämnden", "öka", "minska", f"fastställs {year}")
    )
    return target, city


def _goal(level: str, number: str | None, title: str) -> dict[str, Any]:
    goal: dict[str, Any] = {"level": level, "number": number, "title": title}
    goal |= {key: None for key, _ in TEXT_FIELDS}
    return goal | {"indicators": [], "activities": [], "children": []}


def generated_plan(seed: int, *, size: str = "normal") -> dict[str, Any]:
    """A plausible plan of invented content, whole and consistent: its own golden reference.

    The same seed gives the same plan. "small" keeps it to a few pages (the smoke run);
    "normal" is 10 to 25 pages, with tables long enough to cross a page.
    """
    rng = random.Random(seed)
    year = rng.randint(2010, 2026)
    used: set[str] = set()
    small = size == "small"

    def indicators(n: int) -> list[dict[str, Any]]:
        out = []
        for _ in range(n):

            def name() -> str:
                if rng.random() < 0.3:
                    return rng.choice(INDICATOR_FIXED)
                head = rng.choice(INDICATOR_HEADS)
                return head.format(g=rng.choice(GROUPS)[1], s=rng.choice(STATES))

            target, city = _target(rng, year)
            out.append(
                {
                    "name": _unique(rng, used, name),
                    "target": target,
                    "city_target": city,
                    "period": rng.choice(PERIODS),
                }
            )
        return out

    def activities(n: int) -> list[dict[str, Any]]:
        out = []
        for _ in range(n):
            start = date(year, rng.randint(1, 6), 1)
            end = rng.choice((date(year, 12, 31), date(year, rng.randint(7, 11), 30), None))

            def name() -> str:
                return f"{rng.choice(ACTIVITY_VERBS)} {rng.choice(ACTIVITY_OBJECTS)}"

            out.append(
                {
                    "name": _unique(rng, used, name),
                    "start": start.isoformat(),
                    "end": end.isoformat() if end else None,
                }
            )
        return out

    def statement() -> str:
        text = f"{rng.choice(GROUPS)[0].capitalize()} {rng.choice(STATES)}"
        # Some goals are a long sentence that wraps over two lines, as many real ones do.
        return f"{text} {rng.choice(MEANS)}" if rng.random() < 0.35 else text

    scale = 1 if small else 2
    goals = []
    directions = rng.sample(range(len(DIRECTIONS)), k=rng.randint(1, 2) if small else 3)
    for d in sorted(directions):
        direction = _goal("direction", str(d + 1), DIRECTIONS[d])
        areas = rng.sample(range(1, 7), k=rng.randint(1, scale + 1))
        for a in sorted(areas):
            area = _goal("area", f"{d + 1}.{a}", _unique(rng, used, lambda: rng.choice(AREAS)))
            if rng.random() < 0.7:
                area["indicators"] = indicators(rng.randint(1, 3 if small else 9))
            if rng.random() < 0.3:
                area["activities"] = activities(rng.randint(1, 2))
            numbered = rng.random() < 0.5
            for b in range(rng.randint(1, scale)):
                board = _goal("board", str(b + 1) if numbered else None, "")
                board["title"] = _unique(rng, used, statement)
                if rng.random() < 0.4:
                    board["description"] = _paragraphs(rng, 1)
                if rng.random() < 0.4:
                    board["indicators"] = indicators(rng.randint(1, 4))
                if rng.random() < 0.5:
                    board["activities"] = activities(rng.randint(1, 4))
                for _ in range(rng.randint(0 if small else 1, scale)):
                    unit = _goal("unit", None, "")
                    unit["title"] = _unique(rng, used, statement)
                    for key, _heading in TEXT_FIELDS[1:]:
                        if rng.random() < 0.8:
                            unit[key] = _paragraphs(rng, rng.randint(1, 1 if small else 3))
                    if rng.random() < 0.3:
                        unit["indicators"] = indicators(rng.randint(1, 3))
                    if rng.random() < 0.4:
                        unit["activities"] = activities(rng.randint(1, 3))
                    board["children"].append(unit)
                area["children"].append(board)
            direction["children"].append(area)
        goals.append(direction)

    headings = rng.sample(SECTION_HEADINGS, k=2 if small else rng.randint(3, 6))
    sections = [{"heading": "Inledning", "text": rng.choice(("", _paragraphs(rng, 1)))}]
    sections += [{"heading": h, "text": _paragraphs(rng, rng.randint(1, 3))} for h in headings]
    if rng.random() < 0.6:
        sections.append({"heading": "Övrigt", "text": _paragraphs(rng, 1)})

    district = rng.choice(DISTRICTS)
    return {
        "format": "styra-plan/1",
        "unit": rng.choice(UNITS),
        "year": year,
        "addressee": f"{district} stadsdelsnämnd",
        "officer": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
        "sections": sections,
        "goals": goals,
        "budget": _generated_budget(rng),
        "appendices": rng.sample(APPENDICES, k=rng.randint(0, 2)),
    }


def _generated_budget(rng: random.Random) -> dict[str, Any] | None:
    if rng.random() < 0.15:
        return None
    unit = rng.choice(("tkr", "mnkr"))
    rows: list[dict[str, Any]] = []
    costs_sum = revenues_sum = 0.0
    for name in rng.sample(BUDGET_ROWS, k=rng.randint(3, 6)):
        if unit == "mnkr":
            costs = round(rng.uniform(0.5, 40), 1)
            revenues = round(rng.uniform(0, costs / 4), 1)
        else:
            costs = float(rng.randint(500, 40_000))
            revenues = float(rng.randint(0, int(costs) // 4))
        costs_sum, revenues_sum = costs_sum + costs, revenues_sum + revenues
        rows.append({"name": name, "costs": costs, "revenues": revenues, "net": costs - revenues})
    rows.append(
        {
            "name": "Totalt",
            "costs": costs_sum,
            "revenues": revenues_sum,
            "net": costs_sum - revenues_sum,
            "total": True,
        }
    )
    if unit == "mnkr":  # as written: one decimal
        for row in rows:
            for key in ("costs", "revenues", "net"):
                row[key] = round(row[key], 1)
    return {"currency_unit": unit, "rows": rows}


# --- The corpus --------------------------------------------------------------------------


def build(
    out: Path,
    *,
    seeds: list[Path],
    generated: int,
    size: str = "normal",
    with_pdftotext: bool = True,
) -> list[CorpusPlan]:
    """Render every plan, write its files under `out`, and return them.

    The layout plan-score reads: out/<form>/<plan>.txt beside out/<form>/golden (a link to
    out/golden), so `plan-score --cmd 'styra import-plan {}' out/pypdf` scores one form;
    out/pdf/<plan>.pdf holds the PDFs.
    """
    plans = [CorpusPlan(p.stem, json.loads(p.read_text(encoding="utf-8"))) for p in seeds]
    generated_plans = [generated_plan(1000 + n, size=size) for n in range(generated)]
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    for n, generated_one in enumerate(generated_plans):
        jsonschema.validate(generated_one, schema)  # a golden file plan-score can trust
        plans.append(CorpusPlan(f"gen{n:02d}", generated_one))
    golden = out / "golden"
    golden.mkdir(parents=True, exist_ok=True)
    for plan in plans:
        plan.style = plan_style(plan.name)
        plan.pdf = render_pdf(plan.golden, plan.name)
        plan.forms = text_forms(plan.pdf, with_pdftotext=with_pdftotext)
        plan.pages = len(pypdf_pages(plan.pdf))
        text = json.dumps(plan.golden, ensure_ascii=False, indent=2)
        (golden / f"{plan.name}.json").write_text(text + "\n", encoding="utf-8")
        for form, data in plan.forms.items():
            folder = out / form
            folder.mkdir(exist_ok=True)
            if form != "pdf" and not (folder / "golden").exists():
                (folder / "golden").symlink_to("../golden")
            (folder / plan.filename(form)).write_bytes(data)
    return plans
