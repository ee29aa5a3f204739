"""Exempelby kommun: an invented city for demonstrations and manual testing.

Everything here is made up: the city, its committees, units, people and
figures. `styra demo` builds it through the service functions. The chain
is the same shape both years with a few changes (a new area goal and board
goal in 2026, new targets), and Mottagningsenheten is renamed and moved
into a new department between the years, as units are.

Keys such as "kf-trygghet" tie an indicator to the targets set for it at
lower levels; they exist only in this module.
"""

from datetime import date

CITY = "Exempelby kommun"
YEARS = (2025, 2026)
UNIT_GOAL_LABEL = {2025: "atagande", 2026: "enhetsmal"}

# committee -> department -> units, as the tree stood in 2025.
ORGANISATION = {
    "Norrdalens stadsdelsnämnd": {
        "Norrdalens stadsdelsförvaltning": [
            "Äldreomsorgen Norrdalen",
            "Fritid och förebyggande",
            "Enheten för funktionsstöd",
        ],
    },
    "Socialnämnden": {
        "Socialförvaltningen": [
            "Vuxenenheten",
            "Barn- och familjeenheten",
            "Mottagningsenheten",
        ],
    },
}

# Applied after the 2025 plans are written and before the 2026 ones.
REORGANISATION_2026 = {
    "new_department": ("Avdelningen för vuxna", "Socialförvaltningen"),
    "rename": ("Mottagningsenheten", "Mottagning och råd"),
    "move": ("Mottagning och råd", "Avdelningen för vuxna"),
}

DEMO_PASSWORD = "exempelby-demo"  # noqa: S105 - printed; local demo data only

# username, first name, last name, role, organisation node, superuser
USERS = [
    ("admin", "Alma", "Adminsson", "admin", CITY, True),
    ("beslut", "Bo", "Beslutare", "approver", "Socialnämnden", False),
    ("controller", "Cecilia", "Kontroll", "controller", "Norrdalens stadsdelsnämnd", False),
    ("vuxen", "Vera", "Vuxengren", "editor", "Vuxenenheten", False),
    ("mottagning", "Malik", "Mottagare", "editor", "Mottagningsenheten", False),
    ("aldre", "Ärla", "Omsorgsdal", "editor", "Äldreomsorgen Norrdalen", False),
    ("lasare", "Leo", "Läsare", "reader", CITY, False),
]

# Who hands in and who adopts the demo's adopted plan (Vuxenenheten 2025).
PLAN_SUBMITTER = "vuxen"
PLAN_ADOPTER = "beslut"

# ---------------------------------------------------------------- KF's chain

# Each indicator: key, name, measure, direction, periodicity, KF's target per year.
DIRECTION_GOALS = [
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
# for KF's indicators, "indicators" the committee's own with its target.
BOARD_GOALS = {
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
                "activities": {
                    2025: [
                        (
                            "Gemensam rutin för orosanmälningar med kommunens skolor",
                            date(2025, 2, 1),
                            date(2025, 10, 31),
                        ),
                    ],
                    2026: [
                        (
                            "Utbildning i samtal med barn för alla handläggare",
                            date(2026, 1, 15),
                            date(2026, 6, 15),
                        ),
                    ],
                },
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
                "activities": {
                    2025: [
                        (
                            "Arbetsmarknadsteamet flyttar in hos försörjningsstödet",
                            date(2025, 3, 1),
                            date(2025, 5, 31),
                        ),
                    ],
                },
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
                "activities": {},
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
                "activities": {
                    2026: [
                        (
                            "En gemensam väg in per telefon och e-post för hela socialtjänsten",
                            date(2026, 2, 1),
                            date(2026, 9, 30),
                        ),
                    ],
                },
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
                "activities": {},
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
                "activities": {
                    2025: [
                        (
                            "Trygghetsvandringar med pensionärsrådet i Norrdalens centrum",
                            date(2025, 4, 1),
                            date(2025, 9, 30),
                        ),
                    ],
                    2026: [
                        (
                            "Digitala tillsynsbesök erbjuds alla som önskar",
                            date(2026, 1, 1),
                            date(2026, 12, 31),
                        ),
                    ],
                },
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
                "activities": {
                    2025: [
                        (
                            "Sommarlovsprogram tillsammans med föreningslivet",
                            date(2025, 4, 1),
                            date(2025, 8, 31),
                        ),
                    ],
                    2026: [
                        (
                            "Sommarlovsprogram tillsammans med föreningslivet",
                            date(2026, 4, 1),
                            date(2026, 8, 31),
                        ),
                    ],
                },
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
                "activities": {},
            },
            {
                "key": "nd-transporter",
                "area": "3.2",
                "number": "4",
                "title": "Norrdalens verksamheter ställer om till fossilfria transporter",
                "indicators": [],
                "activities": {
                    2025: [
                        (
                            "Elcyklar till hemtjänstens innerstadsgrupper",
                            date(2025, 3, 1),
                            date(2025, 6, 30),
                        ),
                    ],
                },
            },
        ],
    },
}

# ---------------------------------------------------------------- unit plans

_VUXEN_UPPDRAG = (
    "Vuxenenheten ger stöd till vuxna Exempelbybor som har problem med missbruk, "
    "saknar bostad eller behöver ekonomiskt bistånd. Enheten utreder, beslutar och "
    "följer upp insatser enligt socialtjänstlagen och samarbetar nära med "
    "arbetsmarknadsteamet, regionens beroendevård och hyresvärdarna i kommunen.\n\n"
    "Enheten har tre grupper:\n\n"
    "- försörjningsstöd\n"
    "- missbruk och beroende\n"
    "- boende och hemlöshet"
)

_VUXEN_ORGANISATION = (
    "Enheten leds av en enhetschef med stöd av två gruppledare. Arbetet planeras "
    "tillsammans med medarbetarna på arbetsplatsträffarna i december och följs upp "
    "vid varje tertial.\n\n"
    "Under året prioriterar enheten:\n\n"
    "a) kortare väntetider till första besök\n"
    "b) fler som får ett eget förstahandskontrakt\n"
    "c) en budget i balans trots fler hushåll med bistånd"
)

_TKR_CATEGORIES = [
    # name, costs, revenues, net, sum row
    ("Intäkter", None, None, None, False),
    ("Taxor och avgifter", None, 420, None, False),
    ("Hyresintäkter", None, 3150, None, False),
    ("Bidrag och ersättningar", None, 1800, None, False),
    ("Summa intäkter", None, 5370, None, True),
    ("Kostnader", None, None, None, False),
    ("Personalkostnader", 21400, None, None, False),
    ("Övriga personalkostnader", 650, None, None, False),
    ("Lokalkostnader", 4900, None, None, False),
    ("Entreprenader och köp av verksamhet", 38200, None, None, False),
    ("Övriga kostnader", 6150, None, None, False),
    ("Summa kostnader", 71300, None, None, True),
    ("Nettobudget", None, None, 65930, True),
]

PLANS = {
    2025: [
        {
            "unit": "Vuxenenheten",
            "status": "adopted",
            "officer": "Vera Vuxengren",
            "phone": "0123-45 61 00",
            "addressee": "Socialnämnden, sammanträde 2024-12-12",
            "meeting_date": date(2024, 12, 12),
            "sections": [
                ("intro", "Inledning", ""),
                ("intro", "Uppdrag och målgrupp", _VUXEN_UPPDRAG),
                ("intro", "Organisation och arbetssätt", _VUXEN_ORGANISATION),
                (
                    "closing",
                    "Övrigt",
                    "Enhetens internkontrollplan och årshjul redovisas i bilagorna.",
                ),
            ],
            "goals": [
                {
                    "board": "sn-arbete",
                    "title": "Den som söker ekonomiskt bistånd får en planering mot arbete "
                    "eller studier vid första besöket",
                    "description": "Alla nya sökande som kan arbeta ska mötas av både "
                    "socialsekreterare och arbetsmarknadscoach.",
                    "expected_result": "Fler hushåll lämnar biståndet för arbete eller "
                    "studier, och tiden med bistånd blir kortare.",
                    "method": "Nybesök bokas som gemensamma besök med arbetsmarknadsteamet.\n\n"
                    "- planeringen skrivs tillsammans med den sökande\n"
                    "- planeringen följs upp var tredje månad",
                    "resources": "Två socialsekreterare arbetar halva sin tid med nybesök; "
                    "arbetsmarknadsteamet bekostas inom befintlig ram.",
                    "follow_up": "Gruppledaren följer antalet gemensamma besök varje månad "
                    "och redovisar i tertialrapporterna.",
                    "development": "Under hösten prövas digitala nybesök för den som hellre "
                    "vill det.",
                    "indicators": [
                        (
                            "Genomsnittlig handläggningstid för nyansökan om ekonomiskt bistånd",
                            "dagar",
                            "lower",
                            "tertial",
                            "10 dagar",
                        ),
                        (
                            "Andel nybesök som genomförs tillsammans med arbetsmarknadsteamet",
                            "%",
                            "higher",
                            "tertial",
                            "80 %",
                        ),
                    ],
                    "activities": [
                        (
                            "Gemensam mall för planering mot arbete eller studier",
                            date(2025, 1, 15),
                            date(2025, 3, 31),
                        ),
                    ],
                },
                {
                    "board": "sn-boende",
                    "title": "Fler hushåll i kommunens lägenheter får ett eget kontrakt",
                    "description": "Boendestödet riktas till hyresgäster som snart kan ta över "
                    "sitt kontrakt.",
                    "expected_result": "Minst femton hushåll får eget kontrakt under året.",
                    "method": "Boendestödjarna gör hembesök varannan vecka och har fasta "
                    "avstämningar med hyresvärdarna.",
                    "resources": "Två boendestödjare och en del av enhetens budget för lägenheter.",
                    "follow_up": "Enheten för en bevakningslista över kontrakt och "
                    "planerade överlåtelser.",
                    "development": "",
                    "indicators": [
                        (
                            "Genomsnittlig kostnad per dygn i akutboende",
                            "kr",
                            "lower",
                            "tertial",
                            "950 kr",
                        ),
                    ],
                    "activities": [
                        (
                            "Överenskommelse med två nya hyresvärdar om lägenheter",
                            date(2025, 2, 1),
                            date(2025, 11, 30),
                        ),
                    ],
                },
            ],
            "targets": {
                "kf-egen-forsorjning": "55 %",
                "kf-akutboende": "25 st",
                "sn-arbete-studier": "70 st",
                "sn-eget-kontrakt": "15 st",
                "kf-budgetavvikelse": "0 %",
            },
            "budget": {"currency_unit": "tkr", "rows": _TKR_CATEGORIES},
            "appendices": ["Internkontrollplan 2025", "Årshjul för Vuxenenheten"],
        },
        {
            "unit": "Mottagningsenheten",
            "status": "draft",
            "officer": "Malik Mottagare",
            "phone": "0123-45 62 00",
            "addressee": "Socialnämnden, sammanträde 2024-12-12",
            "meeting_date": date(2024, 12, 12),
            "sections": [
                (
                    "intro",
                    "Inledning",
                    "Mottagningsenheten tar emot alla nya ärenden om barn och vuxna och gör "
                    "förhandsbedömningar av anmälningar och ansökningar.",
                ),
                (
                    "intro",
                    "Året som kommer",
                    "Enheten räknar med fler anmälningar än förra året och har därför "
                    "förstärkt med en socialsekreterare.",
                ),
            ],
            "goals": [
                {
                    "board": "sn-tidig-hjalp",
                    "title": "Varje orosanmälan bedöms samma dag som den kommer in",
                    "description": "Skyddsbedömningen görs av två socialsekreterare tillsammans.",
                    "expected_result": "Inget barn väntar på en skyddsbedömning över natten.",
                    "method": "Ett dagligt mottagningspass med två socialsekreterare och en "
                    "gruppledare i beredskap.",
                    "resources": "Schemat läggs så att passet alltid är bemannat.",
                    "follow_up": "Antalet anmälningar och bedömningar samma dag räknas "
                    "varje vecka.",
                    "development": "Enheten deltar i förvaltningens arbete med en digital "
                    "anmälningsväg för skolor.",
                    "indicators": [
                        (
                            "Andel orosanmälningar med skyddsbedömning samma dag",
                            "%",
                            "higher",
                            "tertial",
                            "100 %",
                        ),
                        (
                            "Antal förhandsbedömningar per socialsekreterare och månad",
                            "st",
                            "lower",
                            "month",
                            "högst 25 st",
                        ),
                    ],
                    "activities": [
                        (
                            "Nytt schema för mottagningspasset",
                            date(2025, 1, 1),
                            date(2025, 2, 28),
                        ),
                    ],
                },
            ],
            "targets": {"kf-utredningstid": "95 %", "sn-forhandsbedomning": "95 %"},
            "chain_activities": ["sn-tidig-hjalp"],
            "budget": None,
            "appendices": [],
        },
        {
            "unit": "Äldreomsorgen Norrdalen",
            "status": "draft",
            "officer": "Ärla Omsorgsdal",
            "phone": "0123-47 10 00",
            "addressee": "Norrdalens stadsdelsnämnd, sammanträde 2024-12-17",
            "meeting_date": date(2024, 12, 17),
            "sections": [
                (
                    "intro",
                    "Inledning",
                    "Äldreomsorgen Norrdalen driver hemtjänst i egen regi, två dagverksamheter "
                    "och en träffpunkt för seniorer.\n\n"
                    "Verksamheten bygger på tre löften till den som har hemtjänst:\n\n"
                    "- du vet vem som kommer\n"
                    "- du får vara med och bestämma hur hjälpen ges\n"
                    "- du kan alltid nå din kontaktperson",
                ),
                (
                    "intro",
                    "Medarbetare",
                    "Enheten har omkring 140 medarbetare. Andelen undersköterskor ska öka "
                    "genom att fler vårdbiträden får utbilda sig på arbetstid.",
                ),
            ],
            "goals": [
                {
                    "board": "nd-trygg-hemtjanst",
                    "title": "Den som har hemtjänst möter så få olika medarbetare som möjligt",
                    "description": "Hemtjänsten planeras i mindre grupper med fasta områden.",
                    "expected_result": "Färre olika besökare och fler som känner sig trygga.",
                    "method": "Varje grupp har högst tolv medarbetare och ansvarar för samma "
                    "personer över tid.",
                    "resources": "Omställningen görs inom befintlig bemanning.",
                    "follow_up": "Personalkontinuiteten mäts varje månad i planeringssystemet.",
                    "development": "Erfarenheterna delas med de privata utförarna i stadsdelen.",
                    "indicators": [
                        (
                            "Andel besök som görs av någon av de tre ordinarie medarbetarna",
                            "%",
                            "higher",
                            "tertial",
                            "70 %",
                        ),
                    ],
                    "activities": [
                        (
                            "Indelning i nya hemtjänstgrupper",
                            date(2025, 2, 1),
                            date(2025, 4, 30),
                        ),
                    ],
                },
            ],
            "targets": {
                "kf-nojd-hemtjanst": "92 %",
                "kf-personalkontinuitet": "högst 12 st",
                "nd-kontaktperson": "100 %",
                "kf-fossilfria-fordon": "75 %",
            },
            "chain_activities": ["nd-trygg-hemtjanst", "nd-transporter"],
            "budget": {
                "currency_unit": "mnkr",
                "rows": [
                    ("Hemtjänst", 96.4, 12.1, 84.3, False),
                    ("Dagverksamhet", 8.2, 0.6, 7.6, False),
                    ("Träffpunkt", 2.1, 0.2, 1.9, False),
                    ("Administration", 5.3, None, 5.3, False),
                    ("Totalt", 112.0, 12.9, 99.1, True),
                ],
            },
            "appendices": ["Kvalitetsgarantier för hemtjänsten"],
        },
    ],
    2026: [
        {
            "unit": "Vuxenenheten",
            "status": "draft",
            "officer": "Vera Vuxengren",
            "phone": "0123-45 61 00",
            "addressee": "Socialnämnden, sammanträde 2025-12-11",
            "meeting_date": date(2025, 12, 11),
            "sections": [
                ("intro", "Inledning", ""),
                ("intro", "Uppdrag och målgrupp", _VUXEN_UPPDRAG),
                (
                    "intro",
                    "Organisation och arbetssätt",
                    _VUXEN_ORGANISATION.replace("Under året", "Under 2026"),
                ),
                (
                    "intro",
                    "Erfarenheter från 2025",
                    "De gemensamma nybesöken med arbetsmarknadsteamet har fungerat väl och "
                    "blir nu det vanliga arbetssättet.",
                ),
                ("closing", "Övriga frågor", ""),
            ],
            "goals": [
                {
                    "board": "sn-arbete",
                    "title": "Den som söker ekonomiskt bistånd får en planering mot arbete "
                    "eller studier vid första besöket",
                    "description": "Arbetssättet från 2025 fortsätter och omfattar nu även "
                    "unga vuxna.",
                    "expected_result": "Fler hushåll lämnar biståndet för arbete eller studier.",
                    "method": "Gemensamma nybesök med arbetsmarknadsteamet; unga vuxna "
                    "erbjuds dessutom studievägledning.",
                    "resources": "Inom befintlig ram.",
                    "follow_up": "Redovisas i tertialrapporterna.",
                    "development": "",
                    "indicators": [
                        (
                            "Genomsnittlig handläggningstid för nyansökan om ekonomiskt bistånd",
                            "dagar",
                            "lower",
                            "tertial",
                            "8 dagar",
                        ),
                    ],
                    "activities": [
                        (
                            "Studievägledning på plats en dag i veckan",
                            date(2026, 2, 1),
                            date(2026, 12, 31),
                        ),
                    ],
                },
                {
                    "board": "sn-boende",
                    "title": "Fler hushåll i kommunens lägenheter får ett eget kontrakt",
                    "description": "",
                    "expected_result": "Minst arton hushåll får eget kontrakt under året.",
                    "method": "Som 2025, med en tredje boendestödjare från mars.",
                    "resources": "En boendestödjare till, finansierad av lägre kostnader "
                    "för akutboende.",
                    "follow_up": "Bevakningslistan över kontrakt gås igenom varje månad.",
                    "development": "",
                    "indicators": [
                        (
                            "Genomsnittlig kostnad per dygn i akutboende",
                            "kr",
                            "lower",
                            "tertial",
                            "900 kr",
                        ),
                    ],
                    "activities": [],
                },
            ],
            "targets": {
                "kf-egen-forsorjning": "60 %",
                "kf-akutboende": "20 st",
                "sn-arbete-studier": "80 st",
                "sn-eget-kontrakt": "18 st",
                "kf-budgetavvikelse": "0 %",
            },
            "budget": {
                "currency_unit": "tkr",
                "rows": [
                    ("Intäkter", None, None, None, False),
                    ("Taxor och avgifter", None, 430, None, False),
                    ("Hyresintäkter", None, 3300, None, False),
                    ("Bidrag och ersättningar", None, 1500, None, False),
                    ("Summa intäkter", None, 5230, None, True),
                    ("Kostnader", None, None, None, False),
                    ("Personalkostnader", 22900, None, None, False),
                    ("Övriga personalkostnader", 600, None, None, False),
                    ("Lokalkostnader", 5050, None, None, False),
                    ("Entreprenader och köp av verksamhet", 36800, None, None, False),
                    ("Övriga kostnader", 5980, None, None, False),
                    ("Summa kostnader", 71330, None, None, True),
                    ("Nettobudget", None, None, 66100, True),
                ],
            },
            "appendices": ["Internkontrollplan 2026"],
        },
        {
            "unit": "Mottagning och råd",
            "status": "draft",
            "officer": "Malik Mottagare",
            "phone": "0123-45 62 00",
            "addressee": "Socialnämnden, sammanträde 2025-12-11",
            "meeting_date": date(2025, 12, 11),
            "sections": [
                (
                    "intro",
                    "Inledning",
                    "Mottagningsenheten heter från 2026 Mottagning och råd och hör till den nya "
                    "Avdelningen för vuxna. Enheten svarar nu också för socialtjänstens "
                    "gemensamma telefon och e-post.",
                ),
            ],
            "goals": [
                {
                    "board": "sn-tidig-hjalp",
                    "title": "Varje orosanmälan bedöms samma dag som den kommer in",
                    "description": "",
                    "expected_result": "Inget barn väntar på en skyddsbedömning över natten.",
                    "method": "Dagligt mottagningspass som 2025.",
                    "resources": "",
                    "follow_up": "Veckovis uppföljning.",
                    "development": "",
                    "indicators": [
                        (
                            "Andel orosanmälningar med skyddsbedömning samma dag",
                            "%",
                            "higher",
                            "tertial",
                            "100 %",
                        ),
                    ],
                    "activities": [],
                },
                {
                    "board": "sn-besked",
                    "title": "Den som ringer eller skriver får svar samma arbetsdag",
                    "description": "Den gemensamma vägen in bemannas av enhetens rådgivare.",
                    "expected_result": "Färre som hör av sig flera gånger i samma fråga.",
                    "method": "Rådgivarna svarar, ger råd direkt när det går och bokar annars "
                    "tid hos rätt enhet.",
                    "resources": "Två rådgivare flyttas från förvaltningens kontaktcenter.",
                    "follow_up": "Svarstider hämtas ur telefonisystemet varje månad.",
                    "development": "Chatt prövas under hösten.",
                    "indicators": [
                        (
                            "Genomsnittlig väntetid i telefonkön",
                            "",
                            "lower",
                            "month",
                            "högst 3 minuter",
                        ),
                    ],
                    "activities": [
                        (
                            "Öppna den gemensamma vägen in",
                            date(2026, 3, 1),
                            date(2026, 3, 31),
                        ),
                    ],
                },
            ],
            "targets": {
                "kf-utredningstid": "96 %",
                "sn-forhandsbedomning": "97 %",
                "kf-svar-epost": "95 %",
                "sn-besked-vecka": "90 %",
            },
            "chain_activities": ["sn-besked"],
            "budget": None,
            "appendices": [],
        },
        {
            "unit": "Äldreomsorgen Norrdalen",
            "status": "draft",
            "officer": "Ärla Omsorgsdal",
            "phone": "0123-47 10 00",
            "addressee": "Norrdalens stadsdelsnämnd, sammanträde 2025-12-16",
            "meeting_date": date(2025, 12, 16),
            "sections": [
                (
                    "intro",
                    "Inledning",
                    "De nya hemtjänstgrupperna från 2025 har gett bättre kontinuitet. "
                    "Under 2026 fortsätter arbetet med tre prioriteringar:\n\n"
                    "1. trygghet i hemmet\n"
                    "2. kompetens hos medarbetarna\n"
                    "3. fossilfria transporter",
                ),
            ],
            "goals": [
                {
                    "board": "nd-trygg-hemtjanst",
                    "title": "Den som har hemtjänst möter så få olika medarbetare som möjligt",
                    "description": "",
                    "expected_result": "Högst elva olika besökare under 14 dagar.",
                    "method": "Fasta grupper; nya medarbetare introduceras i en grupp.",
                    "resources": "Inom befintlig bemanning.",
                    "follow_up": "Månadsvis i planeringssystemet.",
                    "development": "",
                    "indicators": [
                        (
                            "Andel besök som görs av någon av de tre ordinarie medarbetarna",
                            "%",
                            "higher",
                            "tertial",
                            "75 %",
                        ),
                    ],
                    "activities": [],
                },
            ],
            "targets": {
                "kf-nojd-hemtjanst": "93 %",
                "kf-personalkontinuitet": "högst 11 st",
                "nd-kontaktperson": "100 %",
            },
            "chain_activities": ["nd-trygg-hemtjanst"],
            "budget": {
                "currency_unit": "mnkr",
                "rows": [
                    ("Hemtjänst", 99.0, 12.5, 86.5, False),
                    ("Dagverksamhet", 8.4, 0.6, 7.8, False),
                    ("Träffpunkt", 2.2, 0.2, 2.0, False),
                    ("Administration", 5.1, None, 5.1, False),
                    ("Totalt", 114.7, 13.3, 101.4, True),
                ],
            },
            "appendices": [],
        },
        {
            "unit": "Fritid och förebyggande",
            "status": "draft",
            "officer": "Frida Fritidsson",
            "phone": "0123-47 20 00",
            "addressee": "Norrdalens stadsdelsnämnd, sammanträde 2025-12-16",
            "meeting_date": date(2025, 12, 16),
            "sections": [
                (
                    "intro",
                    "Inledning",
                    "Enheten driver två fritidsgårdar, fältgruppen och stadsdelens "
                    "sommarlovsverksamhet.",
                ),
            ],
            "goals": [
                {
                    "board": "nd-fritid",
                    "title": "Fler flickor besöker fritidsgårdarna",
                    "description": "Två kvällar i veckan reserveras för tjejgrupper.",
                    "expected_result": "Andelen flickor bland besökarna ökar.",
                    "method": "Besökarna planerar kvällarna tillsammans med personalen.",
                    "resources": "En fritidsledare per gård.",
                    "follow_up": "Besöken räknas vid entrén.",
                    "development": "",
                    "indicators": [
                        (
                            "Andel flickor bland besökarna på fritidsgårdarna",
                            "%",
                            "higher",
                            "tertial",
                            "40 %",
                        ),
                    ],
                    "activities": [
                        (
                            "Tjejkvällar på båda gårdarna",
                            date(2026, 1, 20),
                            date(2026, 12, 15),
                        ),
                    ],
                },
            ],
            "targets": {"nd-besok-fritidsgard": "19 500 st", "kf-trygga-elever": "87 %"},
            "chain_activities": ["nd-fritid"],
            "budget": None,
            "appendices": [],
        },
    ],
}
