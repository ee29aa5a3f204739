"""The legacy importer on small invented plan fragments, one construct at a time."""

from __future__ import annotations

import pathlib

import pytest

from styra.importer.legacy import parse_document
from styra.importer.legacy.assemble import validate

FRAGMENTS = pathlib.Path(__file__).parent / "fragments"


def load(name: str) -> dict:
    result = parse_document((FRAGMENTS / name).read_bytes(), name)
    assert validate(result.plan) == []
    return result.plan


def walk(goals: list[dict]):
    for goal in goals:
        yield goal
        yield from walk(goal["children"])


def find(plan: dict, title_start: str) -> dict:
    return next(g for g in walk(plan["goals"]) if g["title"].startswith(title_start))


def shape(goals: list[dict]) -> list:
    return [(g["level"], g["number"], g["title"], shape(g["children"])) for g in goals]


def test_it_reads_plain_text_with_labels_in_capitals():
    plan = load("plain_caps.txt")
    assert (plan["unit"], plan["officer"], plan["addressee"]) == (
        "Familjeenheten",
        "Karin Ekdahl",
        "Norrby stadsdelsnämnd",
    )
    assert plan["year"] == 2016  # from "Budget 2016"; the title names no year
    assert shape(plan["goals"]) == [
        (
            "direction",
            "1",
            "Staden ska vara trygg för alla som bor här",
            [
                (
                    "area",
                    "1.1",
                    "Barn ska växa upp under goda förhållanden",
                    [
                        (
                            "board",
                            None,
                            "Familjer får stöd i rätt tid",
                            [
                                (
                                    "unit",
                                    None,
                                    "Enheten erbjuder ett första samtal inom en vecka",
                                    [],
                                )
                            ],
                        ),
                        (
                            "board",
                            "2",
                            "Personalen har rätt kompetens",
                            [("unit", None, "Alla medarbetare har relevant utbildning.", [])],
                        ),
                    ],
                )
            ],
        ),
        (
            "direction",
            "2",
            "Verksamheten ska vara kostnadseffektiv",
            [
                (
                    "area",
                    "2.1",
                    "Budgeten är i balans",
                    [
                        (
                            "board",
                            None,
                            "Stadsdelens ekonomi är stabil",
                            [("unit", None, "Enheten håller sin budget", [])],
                        )
                    ],
                )
            ],
        ),
    ]


def test_it_keeps_narrative_paragraphs_and_misspelled_headings():
    unit = find(load("plain_caps.txt"), "Enheten erbjuder")
    assert unit["expected_result"] == "Familjer upplever att de får hjälp snabbt."
    assert (
        unit["method"]
        == "Mottagningen har öppet varje vardag.\n\nEtt första samtal bokas vid kontakten."
    )
    assert unit["resources"] == "Enhetens socialsekreterare."
    assert unit["follow_up"] == "Följs upp vid varje tertial."
    assert unit["development"] == "Digitala bokningar prövas under året."


def test_it_splits_labels_run_together_in_bold():
    unit = find(load("plain_caps.txt"), "Alla medarbetare har relevant")
    assert unit["expected_result"] == "God kvalitet i utredningarna."
    assert unit["activities"] == [
        {"name": "Utbildning i samtalsmetodik", "start": "2016-02-01", "end": "2016-11-30"}
    ]


def test_it_reads_tab_tables_split_at_a_second_header():
    area = find(load("plain_caps.txt"), "Barn ska växa")
    assert area["indicators"] == [
        {
            "name": "Andel barn med en upprättad plan",
            "target": "80 %",
            "city_target": "tas fram av nämnden",
            "period": "Tertial",
        },
        {"name": "Antal hembesök per år", "target": "120 st", "city_target": None, "period": "År"},
    ]
    assert area["activities"] == [
        {"name": "Kartlägga behovet av familjestöd", "start": "2016-01-01", "end": "2016-12-31"}
    ]


def test_it_reads_a_budget_by_line_in_mnkr_and_the_appendix():
    plan = load("plain_caps.txt")
    assert plan["budget"] == {
        "currency_unit": "mnkr",
        "rows": [
            {"name": "Administration", "costs": 4.1, "revenues": 0.3, "net": 3.8},
            {"name": "Placeringar", "costs": 5.9, "net": 5.9},
            {"name": "Totalt", "costs": 10.0, "revenues": 0.3, "net": 9.7, "total": True},
        ],
    }
    assert plan["appendices"] == ["Organisationsplan"]
    unit = find(plan, "Enheten håller")
    assert unit["resources"] == "Netto 9,5 mnkr för verksamheten."


def test_it_makes_one_section_per_intro_heading():
    plan = load("plain_caps.txt")
    assert plan["sections"] == [
        {"heading": "Inledning", "text": ""},
        {
            "heading": "Uppdrag",
            "text": "Familjeenheten ger stöd till barnfamiljer i stadsdelen.\n\n"
            "Enheten samarbetar med skolor och förskolor.",
        },
    ]


def test_it_reads_markdown_with_html_tables_and_a_category_budget():
    plan = load("markdown_html.txt")
    assert (plan["unit"], plan["year"], plan["officer"]) == ("Boendeenheten", 2017, "Per Lindqvist")
    assert plan["addressee"] == "Söderby stadsdelsnämnd, sammanträde 2016-12-14"
    assert plan["appendices"] == ["Kvalitetsgarantier Boendeenheten_2017"]
    area = find(plan, "Alla har ett hem")
    assert area["number"] == "1.1"
    assert area["indicators"][1] == {
        "name": "Antal nya träningslägenheter",
        "target": None,
        "city_target": "öka",
        "period": "År",
    }
    assert plan["budget"]["currency_unit"] == "tkr"
    assert plan["budget"]["rows"] == [
        {"name": "Hyresintäkter", "revenues": 2400},
        {"name": "Summa intäkter", "revenues": 2400, "total": True},
        {"name": "Personalkostnader", "costs": 6150},
        {"name": "Lokalkostnader", "costs": 1850},
        {"name": "Summa kostnader", "costs": 8000, "total": True},
        {"name": "Summa netto", "net": 5600, "total": True},
    ]


def test_it_drops_toc_contact_boxes_and_keeps_lists():
    plan = load("markdown_html.txt")
    headings = [s["heading"] for s in plan["sections"]]
    assert headings == ["Inledning", "Verksamhetsidé", "Medarbetare", "Övrigt"]
    assert plan["sections"][1]["text"] == (
        "Boendeenheten hjälper personer som saknar bostad att få ett eget boende.\n\n"
        "Vi arbetar med boendestöd och med att förebygga vräkningar och avhysningar i hela "
        "stadsdelen."
    )
    board = find(plan, "Ingen ska behöva")
    assert board["description"] == (
        "Arbetet bygger på följande delar:\n\n- Tidig kontakt med hyresvärdar\n\n"
        "- Boendestöd i hemmet"
    )
    unit = find(plan, "Alla som flyttar")
    assert unit["expected_result"] == "a) Fler behåller sin bostad.\n\nb) Hyran betalas i tid."
    assert unit["follow_up"] == "Uppföljning sker på APT."


def test_it_reads_pipe_tables_and_numbered_headings_without_labels():
    plan = load("pipes.txt")
    assert (plan["unit"], plan["year"]) == ("Fritidsenheten", 2020)
    assert [(g["level"], g["number"]) for g in walk(plan["goals"])] == [
        ("direction", "2"),
        ("area", "2.1"),
        ("board", None),
        ("unit", None),
        ("direction", "3"),
        ("area", "3.1"),
    ]
    area = find(plan, "Unga har")
    assert area["indicators"][0]["target"] == "12 000 st"
    assert area["indicators"][1]["period"] == "Halvår"
    unit = find(plan, "Gårdarna har")
    assert unit["method"] == "Personalen arbetar i skift."
    assert unit["follow_up"] == "Besöken räknas varje kväll."
    assert find(plan, "Budgeten är")["activities"][0]["end"] == "2020-06-30"


def test_it_reads_pdf_text_with_page_furniture_and_run_together_columns():
    plan = load("pdf_text.txt")
    assert (plan["unit"], plan["year"], plan["officer"]) == ("Äldreenheten", 2018, "Lena Berg")
    direction = plan["goals"][0]
    assert direction["title"] == (
        "En stad där äldre kan leva ett tryggt och självständigt liv med stöd när de behöver det"
    )
    area = direction["children"][0]
    assert area["indicators"] == [
        {
            "name": "Andel nöjda brukare i hemtjänsten",
            "target": "85 %",
            "city_target": "88 %",
            "period": "År",
        },
        {
            "name": "Andel brukare som har en aktuell genomförandeplan inom 14 dagar",
            "target": "90 %",
            "city_target": "tas fram av nämnden",
            "period": "Tertial",
        },
        {
            "name": "Andel äldre som upplever att personalen har tillräckligt med tid för dem "
            "vid besöken i hemmet",
            "target": "75 %",
            "city_target": "80 %",
            "period": "År",
        },
    ]
    unit = find(plan, "Alla brukare")
    assert unit["expected_result"] == (
        "Brukarna är delaktiga i planeringen av sina insatser och planerna följs upp "
        "regelbundet av handläggarna."
    )
    first, second = plan["sections"][0]["text"].split("\n\n")
    assert first.endswith("stadens riktlinjer för verksamheten.")  # "verk-" + "samheten"
    assert second == "Enheten har femton medarbetare."
    assert plan["budget"]["rows"][-1] == {
        "name": "Totalt",
        "costs": 42.5,
        "revenues": 1.3,
        "net": 41.2,
        "total": True,
    }
    text = repr(plan)
    assert "Sid 2" not in text and "stockholm.se" not in text


def test_it_reads_laid_out_pdf_text_with_wrapped_cells():
    plan = load("layout_text.txt")
    assert (plan["unit"], plan["year"]) == ("Socialpsykiatrin", 2015)
    area = find(plan, "Fler har")
    assert area["indicators"] == [
        {
            "name": "Andel deltagare i sysselsättning som går vidare till arbete eller studier",
            "target": "40 %",
            "city_target": "tas fram av nämnden",
            "period": "Tertial",
        },
        {
            "name": "Antal platser i daglig sysselsättning",
            "target": None,
            "city_target": "60 st",
            "period": "År",
        },
    ]
    assert area["activities"] == [
        {
            "name": "Starta en ny sysselsättningsgrupp för unga vuxna med psykisk ohälsa",
            "start": "2015-03-01",
            "end": "2015-12-31",
        }
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Andel\tÅrsmål\tKF:s årsmål\tPeriodicitet\nAndel klara\t5 %\t6 %\tÅr\n", "5 %"),
        (
            "| Indikator | Årsmål | KF:s årsmål | Periodicitet |\n|--|--|--|--|\n"
            "| Andel klara | 5 % | 6 % | År |\n",
            "5 %",
        ),
    ],
)
def test_it_places_a_table_under_the_nearest_goal(text: str, expected: str):
    doc = "Verksamhetsplan 2021 Testenheten\n\nNämndmål:\n\nMålet\n\n" + text
    plan = parse_document(doc.encode(), "x.txt").plan
    assert plan["goals"][0]["indicators"][0]["target"] == expected


def test_it_decodes_windows_1252():
    doc = "Verksamhetsplan 2021 Äldreenheten\n\nNämndmål:\n\nÄldre får stöd\n"
    plan = parse_document(doc.encode("cp1252"), "x.txt").plan
    assert plan["unit"] == "Äldreenheten"
    assert plan["goals"][0]["title"] == "Äldre får stöd"


def test_it_falls_back_when_unit_and_year_are_missing():
    result = parse_document(b"Nagot helt annat\n\nEn rad till.\n", "x.txt")
    assert result.plan["unit"] == "Okänd enhet"
    assert result.plan["year"] is None  # never the clock: the preview asks
    assert any("Enhetens namn" in w for w in result.warnings)
    assert any("Planens år står inte i dokumentet" in w for w in result.warnings)


@pytest.mark.parametrize(
    "head, year",
    [
        # The year the plan names, whatever registration number or date stands beside it.
        ("Dnr 2025/0412\nSammanträde 2025-12-16\nVerksamhetsplan 2026\nEnhet X", 2026),
        ("Dnr 2025/0412\nTill: Nämnden, 10 december 2025\nVerksamhetsplanen för 2026", 2026),
        ("Dnr 2024/77\n2024-11-30\nPlanen gäller för 2025 och ska följas upp.", 2025),
        ("Dnr 2025/0412\nDatum 2025-12-16\nSammanträde 10 december 2025", None),
        ("Diarienummer 2026-123\nVi ska öka andelen nöjda.", None),
    ],
)
def test_the_plans_year_is_named_never_a_dnr_a_date_or_the_clock(head, year):
    result = parse_document(head.encode(), "x.txt")
    assert result.plan["year"] == year
    assert any("Planens år" in w for w in result.warnings) == (year is None)


def test_it_ignores_empty_tables_and_empty_cells():
    doc = (
        "Verksamhetsplan 2022 Testenheten\n\nÅtagande:\n\nVi gör något\n\n"
        "| Aktivitet | Startdatum | Slutdatum |\n|---|---|---|\n\n"
        "Aktivitet\tStartdatum\tSlutdatum\nGöra det\t\t2022-12-31\n"
    )
    unit = parse_document(doc.encode(), "x.md").plan["goals"][0]
    assert unit["activities"] == [{"name": "Göra det", "start": None, "end": "2022-12-31"}]


def test_it_joins_a_row_split_over_a_page_break():
    doc = (
        "Verksamhetsplan 2022 Testenheten\n\nNämndmål:\n\nMålet\n\n"
        "Indikator\tÅrsmål\tKF:s årsmål\tPeriodicitet\n"
        "Andel brukare som har fått\t60 %\t70 %\tÅr\n"
        "\fVerksamhetsplan\nSid 4 (9)\n"
        "Indikator\tÅrsmål\tKF:s årsmål\tPeriodicitet\n"
        "ett beslut inom en månad\t\t\t\n"
    )
    board = parse_document(doc.encode(), "x.txt").plan["goals"][0]
    assert board["indicators"] == [
        {
            "name": "Andel brukare som har fått ett beslut inom en månad",
            "target": "60 %",
            "city_target": "70 %",
            "period": "År",
        }
    ]


@pytest.mark.parametrize(
    "line, names",
    [
        (
            "Bilaga 1: Kvalitetsgarantier Bilaga 2: Internkontrollplan Bilaga 3. Risker",
            ["Kvalitetsgarantier", "Internkontrollplan", "Risker"],
        ),
        # A reference to another appendix is no new one.
        ("Bilaga 1: Rutiner, se bilaga 2. Bilaga 2 – Budget", ["Rutiner", "Budget"]),
        (
            "Bilaga 1: Mål och mått enligt bilaga 3 i förra planen",
            ["Mål och mått enligt bilaga 3 i förra planen"],
        ),
    ],
)
def test_appendices_run_together_on_one_line_are_each_read(line, names):
    text = f"Verksamhetsplan 2026 Enhet X\n\nBilagor\n\n{line}\n"
    assert parse_document(text.encode(), "x.txt").plan["appendices"] == names


@pytest.mark.parametrize(
    "furniture",
    ["2 Sid 2 (29)", "Sid 3 (17)", "Storlek: px", "Storlek: 16 px", "Download", "Transkript"],
)
def test_page_and_web_furniture_between_lines_is_dropped(furniture):
    text = (
        "Verksamhetsplan 2026 Enhet X\n\nInledning\n\nEnheten ger stöd\n"
        f"{furniture}\nsamma dag som någon ringer.\n"
    )
    plan = parse_document(text.encode(), "x.txt").plan
    words = " ".join(s["heading"] + " " + s["text"] for s in plan["sections"])
    assert furniture not in words
    assert "Enheten ger stöd samma dag som någon ringer." in words


def test_is_furniture_keeps_the_words_of_a_plan():
    from styra.importer.legacy.furniture import is_furniture

    for text in ("Dela ut material", "Download av statistik sker varje månad", "Sidan 2 visar"):
        assert not is_furniture(text)


def test_goal_chain_labels_run_together_on_one_line_are_read_as_the_chain():
    """A web archive's text: the whole chain on one line, each label with its colon."""
    text = (
        "Verksamhetsplan 2026 Enhet X\n\nKF:s inriktningsmål: 1. En stad för alla "
        "KF:s mål för verksamhetsområdet: 1.1 Alla får stöd i tid Nämndmål: Stöd när det "
        "behövs Åtagande: Vi ringer upp samma dag Åtagande: Vi följer upp varje ärende\n"
    )
    goals = parse_document(text.encode(), "x.txt").plan["goals"]
    (direction,) = goals
    (area,) = direction["children"]
    (board,) = area["children"]
    assert (direction["number"], direction["title"]) == ("1", "En stad för alla")
    assert (area["number"], area["title"]) == ("1.1", "Alla får stöd i tid")
    assert board["title"] == "Stöd när det behövs"
    assert [u["title"] for u in board["children"]] == [
        "Vi ringer upp samma dag",
        "Vi följer upp varje ärende",
    ]


def test_a_sentence_naming_a_commitment_is_not_cut():
    from styra.importer.legacy.vocab import split_inline_labels

    sentence = (
        "Under året har enheten arbetat vidare med det åtagande som nämnden gav i fjol och "
        "som gäller alla enheter inom förvaltningen, med gott resultat."
    )
    assert split_inline_labels(sentence) == [sentence]


def test_a_letter_head_run_together_on_one_line_gives_its_fields():
    """A web archive's page on one line, with the site's own words around the plan."""
    text = (
        "Exempelby stad Storlek: px Download Handläggare: Anna Berg Telefon: 08-123 45 67 "
        "Till: Socialnämnden Dnr 2025/123 Verksamhetsplan 2026 för Vuxenenheten Inledning "
        "Enheten ger stöd till vuxna. KF:s inriktningsmål: 1. En stad för alla Åtagande: "
        "Vi ringer upp samma dag"
    )
    result = parse_document(text.encode(), "x.txt")
    plan = result.plan
    assert (plan["unit"], plan["year"]) == ("Vuxenenheten", 2026)
    assert (plan["officer"], plan["addressee"]) == ("Anna Berg", "Socialnämnden")
    assert not any("Enhetens namn" in w for w in result.warnings)


def test_till_in_a_sentence_is_no_field():
    from styra.importer.legacy.vocab import split_inline_labels

    sentence = (
        "Enheten hänvisas till: socialtjänstens riktlinjer, som gäller för alla enheter "
        "inom förvaltningen och som uppdateras varje år av nämnden."
    )
    assert split_inline_labels(sentence) == [sentence]


FLAT_TABLE = """Verksamhetsplan 2025 Mottagningsenheten

KF:s inriktningsmål:

1. Alla får stöd i rätt tid

{owner} indikatorer Årsmål KF:s årsmål Periodicitet
Andelen personer med
funktionsnedsättning som
övergår till lönearbete efter
deltagande i dagliga
verksamheter enligt LSS eller
dagverksamheter enligt SoL
(stöd och service till
personer med
funktionsnedsättning)
45 % tas fram av
nämnd/
styrelse
Halvår
Sjukfrånvaro 4,4 % Tertial
"""


@pytest.mark.parametrize(("owner", "single"), [("KF:s", "city_target"), ("Nämndens", "target")])
def test_a_flat_rows_cells_wrap_over_many_lines_and_one_value_is_the_tables_owners(owner, single):
    # A PDF's flat text: the row's cells run together with spaces and its text cells wrap
    # onto the lines below ("tas fram av" / "nämnd/" / "styrelse" / "Halvår"). One value
    # of two columns is the owner's: KF's target in KF's table, the committee's in its own.
    text = FLAT_TABLE.format(owner=owner)
    first, second = parse_document(text.encode(), "plan.txt").plan["goals"][0]["indicators"]
    assert first["name"].startswith("Andelen personer med funktionsnedsättning som övergår")
    assert first["name"].endswith("(stöd och service till personer med funktionsnedsättning)")
    assert (first["target"], first["city_target"], first["period"]) == (
        "45 %",
        "tas fram av nämnd/styrelse",
        "Halvår",
    )
    assert second["name"] == "Sjukfrånvaro"
    assert second[single] == "4,4 %" and second["period"] == "Tertial"
    assert second["target" if single == "city_target" else "city_target"] is None


def test_a_flat_rows_name_the_page_broke_goes_on_after_its_values():
    # pypdf and pdftotext -raw write a narrow cell's lines in order, so the part of a name
    # that went on over the page comes after the row's values and the page's foot and head.
    doc = (
        "Verksamhetsplan 2026 Testenheten\n\nNämndmål:\n\nMålet\n\n"
        "Enhetens indikatorer\nMålvärde Stadens årsmål Periodicitet\n"
        "Andel barn och unga\nsom är delaktiga i\n180 st fastställs 2026 År\n"
        "Sid 4 (9)\n"
        "planeringen av sina\ninsatser\n"
        "Andel brukare som\nfår information\n69 % 74 % År\n"
    )
    board = parse_document(doc.encode(), "x.txt").plan["goals"][0]
    assert [(i["name"], i["target"], i["city_target"]) for i in board["indicators"]] == [
        (
            "Andel barn och unga som är delaktiga i planeringen av sina insatser",
            "180 st",
            "fastställs 2026",
        ),
        ("Andel brukare som får information", "69 %", "74 %"),
    ]


def test_laid_out_headers_a_narrow_column_leaves_one_space_apart_are_two_columns():
    # pdftotext -layout: "Målvärde" ends one space before "KF:s årsmål" starts, and a long
    # name runs up to its value the same way ("de får 69 %").
    doc = (
        "Verksamhetsplan 2026 Testenheten\n\nNämndmål:\n\nMålet\n\n"
        "Indikator                                   Målvärde KF:s årsmål           Mätperiod\n"
        "Andel hushåll som uppger att de upplever    78 %     fastställs 2026       Tertial\n"
        "att stödet gör skillnad\n"
        "Andel hushåll som uppger att de får tydlig 69 %     74 %                  Tertial\n"
        "information\n"
        "Antal brukare med stöd                               öka                   År\n"
    )
    board = parse_document(doc.encode(), "x.pdf.txt").plan["goals"][0]
    assert [
        (i["name"], i["target"], i["city_target"], i["period"]) for i in board["indicators"]
    ] == [
        (
            "Andel hushåll som uppger att de upplever att stödet gör skillnad",
            "78 %",
            "fastställs 2026",
            "Tertial",
        ),
        ("Andel hushåll som uppger att de får tydlig information", "69 %", "74 %", "Tertial"),
        ("Antal brukare med stöd", None, "öka", "År"),
    ]


def test_a_budgets_heading_after_a_flat_tables_last_row_ends_the_table():
    doc = (
        "Verksamhetsplan 2026 Testenheten\n\nNämndmål:\n\nMålet\n\n"
        "Enhetens indikatorer Målvärde Stadens årsmål Periodicitet\n"
        "Andel nöjda brukare som 41 % fastställs 2026 Halvår\nuppger att de får stöd\n"
        "Budget 2026\nBelopp i tkr Kostnader Intäkter Netto\nLokaler 16 620 2 838 13 782\n"
    )
    plan = parse_document(doc.encode(), "x.txt").plan
    assert [i["name"] for i in plan["goals"][0]["indicators"]] == [
        "Andel nöjda brukare som uppger att de får stöd"
    ]
    assert [r["name"] for r in plan["budget"]["rows"]] == ["Lokaler"]


def test_a_laid_out_value_the_grid_put_two_places_before_its_header_is_its_columns():
    doc = (
        "Verksamhetsplan 2026 Testenheten\n\nNämndmål:\n\nMålet\n\n"
        "KF:s indikatorer               Målvärde          Stadens årsmål       Periodicitet\n"
        "Antal barn som känner sig     93 %              fastställs 2026      Tertial\n"
        "trygga i sin vardag\n"
        "Antal genomförda brukarmöten 84 %                fastställs 2026      Halvår\n"
    )
    board = parse_document(doc.encode(), "x.txt").plan["goals"][0]
    assert [(i["name"], i["target"]) for i in board["indicators"]] == [
        ("Antal barn som känner sig trygga i sin vardag", "93 %"),
        ("Antal genomförda brukarmöten", "84 %"),
    ]
