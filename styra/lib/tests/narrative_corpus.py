"""Narrative text in the shapes people really write it, and the blocks each must give.

Shared by the parser's tests and by the tests of the page, the PDF and the Word
file, so all four read the same text the same way. Each case is (id, text,
expected) where expected lists ("p", text), ("ul", items) or
("ol", pattern, start, items) with pattern "1.", "1)", "a)" or "A)".
"""

CORPUS = [
    (
        "list-right-under-a-colon",
        "Vi ska under året:\n- utveckla samverkan med skolan\n- följa upp insatserna",
        [
            ("p", "Vi ska under året:"),
            ("ul", ["utveckla samverkan med skolan", "följa upp insatserna"]),
        ],
    ),
    (
        "bullets-with-blank-lines-between",
        "Arbetssätt inom individ- och familjeomsorgen:\n\n- Likställighet och rättssäkerhet\n\n"
        "- Förebyggande insatser\n\n- Tidiga insatser",
        [
            ("p", "Arbetssätt inom individ- och familjeomsorgen:"),
            ("ul", ["Likställighet och rättssäkerhet", "Förebyggande insatser", "Tidiga insatser"]),
        ],
    ),
    (
        "mixed-bullet-markers",
        "Fokus:\n• trygghet\n– delaktighet\n* hälsa\n- lärande\n•\tpasta från Word",
        [
            ("p", "Fokus:"),
            ("ul", ["trygghet", "delaktighet", "hälsa", "lärande", "pasta från Word"]),
        ],
    ),
    (
        "numbered-right-under-a-colon",
        "Enheten ska:\n1. kartlägga behoven\n2. ta fram en plan\n3. följa upp",
        [
            ("p", "Enheten ska:"),
            ("ol", "1.", 1, ["kartlägga behoven", "ta fram en plan", "följa upp"]),
        ],
    ),
    (
        "lettered-items-as-paragraphs",
        "a) Klienterna har en förbättrad livssituation.\n\nb) Enhetens klienter har blivit "
        "respektfullt bemötta.\n\nc) Antalet dygn i stödboende minskar.",
        [
            (
                "ol",
                "a)",
                1,
                [
                    "Klienterna har en förbättrad livssituation.",
                    "Enhetens klienter har blivit respektfullt bemötta.",
                    "Antalet dygn i stödboende minskar.",
                ],
            )
        ],
    ),
    (
        "wrapped-items-indented",
        "Insatser:\n- Vi gör en allsidig utredning i samarbete med\n"
        "  klienten där behoven kartläggs.\n"
        "- Utredningen ligger till grund\n\tför bedömningen.",
        [
            ("p", "Insatser:"),
            (
                "ul",
                [
                    "Vi gör en allsidig utredning i samarbete med klienten där behoven kartläggs.",
                    "Utredningen ligger till grund för bedömningen.",
                ],
            ),
        ],
    ),
    (
        "wrapped-item-in-lower-case",
        "1. Alla medarbetare har en\nindividuell kompetensplan.\n2. Sjukfrånvaron minskar.",
        [
            (
                "ol",
                "1.",
                1,
                ["Alla medarbetare har en individuell kompetensplan.", "Sjukfrånvaron minskar."],
            )
        ],
    ),
    (
        "text-right-after-a-list",
        "- ett\n- två\nDärefter följer vi upp arbetet.",
        [("ul", ["ett", "två"]), ("p", "Därefter följer vi upp arbetet.")],
    ),
    (
        "year-at-the-start-of-a-sentence",
        "Arbetet inleddes hösten\n2019. Sedan dess har det vuxit.\n\n2020. Det året kom pandemin.",
        [
            ("p", "Arbetet inleddes hösten 2019. Sedan dess har det vuxit."),
            ("p", "2020. Det året kom pandemin."),
        ],
    ),
    (
        "goal-numbers",
        "1.1 Trygg uppväxt\n1.2 Goda livsvillkor för äldre\n\n2.1. Stabil ekonomi",
        [("p", "1.1 Trygg uppväxt 1.2 Goda livsvillkor för äldre"), ("p", "2.1. Stabil ekonomi")],
    ),
    (
        "numbers-and-initials-in-sentences",
        "3. Enheten fortsätter arbetet.\n\nA. Andersson leder gruppen.\n\n"
        "b) är inte första punkten.",
        [
            ("p", "3. Enheten fortsätter arbetet."),
            ("p", "A. Andersson leder gruppen."),
            ("p", "b) är inte första punkten."),
        ],
    ),
    (
        "numbering-goes-on-after-a-comment",
        "1. Kartlägga\n2. Planera\n\nKommentar om planeringen.\n\n3. Genomföra",
        [
            ("ol", "1.", 1, ["Kartlägga", "Planera"]),
            ("p", "Kommentar om planeringen."),
            ("ol", "1.", 3, ["Genomföra"]),
        ],
    ),
    (
        "letters-under-numbers",
        "1. Ekonomi\na) budget i balans\nb) prognos varje månad\n2. Personal",
        [
            ("ol", "1.", 1, ["Ekonomi"]),
            ("ol", "a)", 1, ["budget i balans", "prognos varje månad"]),
            ("ol", "1.", 2, ["Personal"]),
        ],
    ),
    (
        "parenthesis-and-capital-markers",
        "1) Först\n2) Sedan\n\nA) Alternativ ett\nB) Alternativ två",
        [
            ("ol", "1)", 1, ["Först", "Sedan"]),
            ("ol", "A)", 1, ["Alternativ ett", "Alternativ två"]),
        ],
    ),
    (
        "bullet-and-numbered-lists-side-by-side",
        "Mål:\n- ett\n1. första steget\n2. andra steget\n- två",
        [
            ("p", "Mål:"),
            ("ul", ["ett"]),
            ("ol", "1.", 1, ["första steget", "andra steget"]),
            ("ul", ["två"]),
        ],
    ),
    (
        "plain-paragraphs",
        "Första raden\nfortsätter här.\n\nAndra stycket - med ett tankstreck.\n\n"
        "-5 grader är kallt.",
        [
            ("p", "Första raden fortsätter här."),
            ("p", "Andra stycket - med ett tankstreck."),
            ("p", "-5 grader är kallt."),
        ],
    ),
]


def summary(blocks) -> list[tuple]:
    """Blocks from styra.lib.narrative in the corpus's expected shape."""
    result: list[tuple] = []
    for block in blocks:
        if block.kind == "p":
            result.append(("p", block.text))
        elif block.kind == "ul":
            result.append(("ul", block.items))
        else:
            result.append(("ol", f"{block.numbering}{block.suffix}", block.start, block.items))
    return result
