"""Exempelby kommun's goal chain: KF's direction and area goals, the committees' board goals.

The chain is the same shape both years with a few changes (a new area goal and board goal in
2026, new targets). It is written through the goals and indicators services (styra.demo.loader)
before the units' plans are imported, which link to it by level, number and title.

Keys such as "kf-trygghet" tie an indicator to the targets set for it at lower levels; they
exist only in this module.
"""

from datetime import date
from typing import NotRequired, TypedDict

UNIT_GOAL_LABEL = {2025: "atagande", 2026: "enhetsmal"}

# key, name, measure, direction, periodicity, the owner's target per year
IndicatorSpec = tuple[str, str, str, str, str, dict[int, str]]
# name, start, end
ActivitySpec = tuple[str, date, date]


class AreaGoal(TypedDict):
    number: str
    title: str
    indicators: list[IndicatorSpec]
    years: NotRequired[tuple[int, ...]]  # the years that have it; left out, every year


class DirectionGoal(TypedDict):
    number: str
    title: str
    areas: list[AreaGoal]


class BoardGoal(TypedDict):
    key: str
    area: str
    number: str
    title: str
    description: NotRequired[str]
    years: NotRequired[tuple[int, ...]]
    indicators: list[IndicatorSpec]
    activities: list[ActivitySpec]


class CommitteeGoals(TypedDict):
    kf_targets: dict[int, dict[str, str]]  # year -> KF's indicator by key -> target
    goals: list[BoardGoal]


# ---------------------------------------------------------------- KF's chain

# Each indicator: key, name, measure, direction, periodicity, KF's target per year.
DIRECTION_GOALS: list[DirectionGoal] = [
    {
        "number": "1",
        "title": "Exempelby är en trygg och inkluderande kommun att leva i",
        "areas": [
            {
                "number": "1.1",
                "title": "Barn och unga växer upp under goda och trygga förhållanden",
                "indicators": [
                    (
                        "kf-trygga-elever",
                        "Andel elever i årskurs 9 som känner sig trygga i skolan",
                        "%",
                        "higher",
                        "year",
                        {2025: "85 %", 2026: "87 %"},
                    ),
                    (
                        "kf-utredningstid",
                        "Andel barnavårdsutredningar som avslutas inom fyra månader",
                        "%",
                        "higher",
                        "tertial",
                        {2025: "95 %", 2026: "95 %"},
                    ),
                ],
            },
            {
                "number": "1.2",
                "title": "Invånare som behöver stöd når egen försörjning och ett eget boende",
                "indicators": [
                    (
                        "kf-egen-forsorjning",
                        "Andel hushåll som har egen försörjning ett år efter avslutat "
                        "ekonomiskt bistånd",
                        "%",
                        "higher",
                        "year",
                        {2025: "öka", 2026: "60 %"},
                    ),
                    (
                        "kf-akutboende",
                        "Antal hushåll som bor i akut- eller korttidsboende",
                        "st",
                        "lower",
                        "tertial",
                        {2025: "tas fram av nämnden", 2026: "tas fram av nämnden"},
                    ),
                ],
            },
        ],
    },
    {
        "number": "2",
        "title": "Invånarna får service och omsorg av god kvalitet",
        "areas": [
            {
                "number": "2.1",
                "title": "Äldre har en trygg och meningsfull vardag med inflytande över sin omsorg",
                "indicators": [
                    (
                        "kf-nojd-hemtjanst",
                        "Andel äldre med hemtjänst som är nöjda med sin hemtjänst",
                        "%",
                        "higher",
                        "year",
                        {2025: "90 %", 2026: "91 %"},
                    ),
                    (
                        "kf-personalkontinuitet",
                        "Antal olika personal som besöker en person med hemtjänst under 14 dagar",
                        "st",
                        "lower",
                        "half",
                        {2025: "tas fram av nämnden", 2026: "minska"},
                    ),
                ],
            },
            {
                "number": "2.2",
                "title": "Personer med funktionsnedsättning har samma möjligheter som andra",
                "indicators": [
                    (
                        "kf-inflytande-dv",
                        "Andel deltagare i daglig verksamhet som har inflytande över "
                        "sina aktiviteter",
                        "%",
                        "higher",
                        "year",
                        {2025: "öka", 2026: "öka"},
                    ),
                ],
            },
            {
                "number": "2.3",
                "title": "Invånarna kommer i kontakt med rätt verksamhet direkt",
                "years": (2026,),
                "indicators": [
                    (
                        "kf-svar-epost",
                        "Andel e-postmeddelanden som besvaras inom en arbetsdag",
                        "%",
                        "higher",
                        "tertial",
                        {2026: "90 %"},
                    ),
                ],
            },
        ],
    },
    {
        "number": "3",
        "title": "Exempelby är ekonomiskt och ekologiskt hållbart",
        "areas": [
            {
                "number": "3.1",
                "title": "Verksamheterna bedrivs inom given budgetram",
                "indicators": [
                    (
                        "kf-budgetavvikelse",
                        "Avvikelse mot nettobudget vid årets slut",
                        "%",
                        "lower",
                        "year",
                        {2025: "0 %", 2026: "0 %"},
                    ),
                ],
            },
            {
                "number": "3.2",
                "title": "Kommunens verksamheter minskar sin klimatpåverkan",
                "indicators": [
                    (
                        "kf-fossilfria-fordon",
                        "Andel fossilfria fordon i verksamheternas fordonsflotta",
                        "%",
                        "higher",
                        "year",
                        {2025: "70 %", 2026: "80 %"},
                    ),
                ],
            },
        ],
    },
]

# ---------------------------------------------------------------- committees

# Board goals per committee. "area" names KF's area goal by number, "years"
# limits a goal to some years, "kf_targets" are the committee's own targets
# for KF's indicators, "indicators" the committee's own with its target,
# "activities" the committee's own: each belongs to the year it starts in.
BOARD_GOALS: dict[str, CommitteeGoals] = {
    "Socialnämnden": {
        "kf_targets": {
            2025: {
                "kf-utredningstid": "95 %",
                "kf-egen-forsorjning": "55 %",
                "kf-akutboende": "40 st",
            },
            2026: {
                "kf-utredningstid": "96 %",
                "kf-egen-forsorjning": "60 %",
                "kf-akutboende": "35 st",
            },
        },
        "goals": [
            {
                "key": "sn-tidig-hjalp",
                "area": "1.1",
                "number": "1",
                "title": "Barn som far illa upptäcks tidigt och får stöd utan dröjsmål",
                "description": (
                    "Socialnämnden ska se till att oro för ett barn leder till en bedömning "
                    "samma dag och att familjen får erbjudande om stöd innan utredningen är klar."
                ),
                "indicators": [
                    (
                        "sn-forhandsbedomning",
                        "Andel förhandsbedömningar som avslutas inom 14 dagar",
                        "%",
                        "higher",
                        "tertial",
                        {2025: "95 %", 2026: "97 %"},
                    ),
                ],
                "activities": [
                    (
                        "Gemensam rutin för orosanmälningar med kommunens skolor",
                        date(2025, 2, 1),
                        date(2025, 10, 31),
                    ),
                    (
                        "Utbildning i samtal med barn för alla handläggare",
                        date(2026, 1, 15),
                        date(2026, 6, 15),
                    ),
                ],
            },
            {
                "key": "sn-arbete",
                "area": "1.2",
                "number": "2",
                "title": "Fler vuxna går från ekonomiskt bistånd till arbete eller studier",
                "indicators": [
                    (
                        "sn-arbete-studier",
                        "Antal personer som börjat arbeta eller studera efter stöd från "
                        "arbetsmarknadsteamet",
                        "st",
                        "higher",
                        "tertial",
                        {2025: "120 st", 2026: "140 st"},
                    ),
                ],
                "activities": [
                    (
                        "Arbetsmarknadsteamet flyttar in hos försörjningsstödet",
                        date(2025, 3, 1),
                        date(2025, 5, 31),
                    ),
                ],
            },
            {
                "key": "sn-boende",
                "area": "1.2",
                "number": "3",
                "title": "Hemlöshet motverkas och ingen ska behöva sova ute",
                "indicators": [
                    (
                        "sn-eget-kontrakt",
                        "Antal hushåll med socialt kontrakt som fått ett eget förstahandskontrakt",
                        "st",
                        "higher",
                        "year",
                        {2025: "15 st", 2026: "18 st"},
                    ),
                ],
                "activities": [],
            },
            {
                "key": "sn-besked",
                "area": "2.3",
                "number": "4",
                "title": "Den som kontaktar socialtjänsten får besked om nästa steg inom en vecka",
                "years": (2026,),
                "indicators": [
                    (
                        "sn-besked-vecka",
                        "Andel nya ärenden där den sökande fått besked inom fem arbetsdagar",
                        "%",
                        "higher",
                        "tertial",
                        {2026: "90 %"},
                    ),
                ],
                "activities": [
                    (
                        "En gemensam väg in per telefon och e-post för hela socialtjänsten",
                        date(2026, 2, 1),
                        date(2026, 9, 30),
                    ),
                ],
            },
            {
                "key": "sn-ekonomi",
                "area": "3.1",
                "number": "5",
                "title": "Socialnämnden har en ekonomi i balans",
                "indicators": [
                    (
                        "sn-prognos",
                        "Avvikelse mellan prognosen i tertialrapport 2 och utfallet",
                        "%",
                        "lower",
                        "year",
                        {2025: "högst 2 %", 2026: "högst 1,5 %"},
                    ),
                ],
                "activities": [],
            },
        ],
    },
    "Norrdalens stadsdelsnämnd": {
        "kf_targets": {
            2025: {
                "kf-nojd-hemtjanst": "92 %",
                "kf-personalkontinuitet": "högst 12 st",
                "kf-fossilfria-fordon": "75 %",
            },
            2026: {
                "kf-nojd-hemtjanst": "92 %",
                "kf-personalkontinuitet": "högst 11 st",
                "kf-fossilfria-fordon": "85 %",
            },
        },
        "goals": [
            {
                "key": "nd-trygg-hemtjanst",
                "area": "2.1",
                "number": "1",
                "title": "Äldre i Norrdalen känner sig trygga med sin hemtjänst",
                "indicators": [
                    (
                        "nd-kontaktperson",
                        "Andel personer med hemtjänst som har en namngiven kontaktperson",
                        "%",
                        "higher",
                        "tertial",
                        {2025: "100 %", 2026: "100 %"},
                    ),
                ],
                "activities": [
                    (
                        "Trygghetsvandringar med pensionärsrådet i Norrdalens centrum",
                        date(2025, 4, 1),
                        date(2025, 9, 30),
                    ),
                    (
                        "Digitala tillsynsbesök erbjuds alla som önskar",
                        date(2026, 1, 1),
                        date(2026, 12, 31),
                    ),
                ],
            },
            {
                "key": "nd-fritid",
                "area": "1.1",
                "number": "2",
                "title": "Unga i Norrdalen har tillgång till en meningsfull fritid",
                "indicators": [
                    (
                        "nd-besok-fritidsgard",
                        "Antal besök på stadsdelens fritidsgårdar",
                        "st",
                        "higher",
                        "tertial",
                        {2025: "18 000 st", 2026: "19 500 st"},
                    ),
                ],
                "activities": [
                    (
                        "Sommarlovsprogram tillsammans med föreningslivet",
                        date(2025, 4, 1),
                        date(2025, 8, 31),
                    ),
                    (
                        "Sommarlovsprogram tillsammans med föreningslivet",
                        date(2026, 4, 1),
                        date(2026, 8, 31),
                    ),
                ],
            },
            {
                "key": "nd-funktionsstod",
                "area": "2.2",
                "number": "3",
                "title": "Personer med funktionsnedsättning har en aktiv och självständig vardag",
                "indicators": [
                    (
                        "nd-genomforandeplan",
                        "Andel brukare med en genomförandeplan som följts upp det senaste halvåret",
                        "%",
                        "higher",
                        "half",
                        {2025: "95 %", 2026: "95 %"},
                    ),
                ],
                "activities": [],
            },
            {
                "key": "nd-transporter",
                "area": "3.2",
                "number": "4",
                "title": "Norrdalens verksamheter ställer om till fossilfria transporter",
                "indicators": [],
                "activities": [
                    (
                        "Elcyklar till hemtjänstens innerstadsgrupper",
                        date(2025, 3, 1),
                        date(2025, 6, 30),
                    ),
                ],
            },
        ],
    },
}
