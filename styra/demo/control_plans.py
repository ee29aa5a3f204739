"""Exempelby kommun's internal control: the city's risks, and the control plans of both
committees and two units, adopted and followed up.

Everything is invented. Each year the city gives every committee its risks
(`city_risk_create`) before the plans are made, so each committee's plan receives them.
The 2025 plans of the committees are written from the specs below; the 2026 plans are
copied from them (`control_plan_copy_to_year`, as "Kopiera till nästa år" does) and then
revised to the 2026 spec: reassessed, a risk dropped, a risk added, controls changed. Two
units have their own, smaller plan for 2026, started by their committee. Every plan is
assessed throughout, handed in and adopted (`control_plan_decide`), and its controls are
reported in the periods the demo has reports for: most without deviations, one per
committee plan with deviations, what was found and the measures taken.

All of it is written before the year's reports (styra.demo.reports): a control's result
is frozen once its node's report for the period is handed in.
"""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from styra.decisions import services as decisions
from styra.followup.models import ActivityStatus, ReportingPeriod
from styra.goals.models import Goal, PlanningYear
from styra.internal_control.models import Control, ControlPlan, Process, ResultKind, Risk
from styra.internal_control.services import (
    city_risk_create,
    control_create,
    control_delete,
    control_plan_copy_to_year,
    control_plan_create,
    measure_create,
    process_create,
    process_delete,
    process_update,
    result_report,
    risk_create,
    risk_delete,
    risk_update,
)
from styra.organisation.models import OrgUnit

from . import city
from .reports import REPORTS

# --------------------------------------------------------------------- the specs


@dataclass(frozen=True)
class MeasureSpec:
    name: str
    responsible: str
    start: date
    end: date
    status: ActivityStatus


@dataclass(frozen=True)
class OutcomeSpec:
    """A control's result in a period other than "done, no deviations": with deviations
    (what was found, the measures), or not done (why)."""

    findings: str
    measures: tuple[MeasureSpec, ...] = ()
    done: bool = True


@dataclass(frozen=True)
class ControlSpec:
    what: str
    method: str
    scope: str
    frequency: str
    responsible: str
    when: tuple[str, ...]  # the parts of the year it is reported in: "T1", "T2", "VB"
    years: tuple[int, ...] = city.YEARS
    # period code ("2026T1") -> the result when it is not "done, no deviations"
    outcomes: dict[str, OutcomeSpec] = field(default_factory=dict)


@dataclass(frozen=True)
class RiskSpec:
    title: str
    # year -> (probability, consequence); the risk is in the years it is assessed for
    assessed: dict[int, tuple[int, int]]
    description: str = ""
    # The risk is selected into the plan in the years it has controls for.
    controls: tuple[ControlSpec, ...] = ()
    left_out: str = ""  # why it is not in the plan, in the years it is not
    goal: str = ""  # a committee goal, by its key in styra.demo.chain
    kf_goal: str = ""  # or KF's area goal, by its number
    city: bool = False  # one of the city's risks: the city's words, received with the plan


@dataclass(frozen=True)
class ProcessSpec:
    title: str
    risks: tuple[RiskSpec, ...]
    description: str = ""


@dataclass(frozen=True)
class PlanSpec:
    node: str
    years: tuple[int, ...]
    processes: tuple[ProcessSpec, ...]
    submitted_by: str  # who hands it in (demo username)
    adopted_by: str  # who adopts it
    reporter: str  # who reports its controls


# ------------------------------------------------------------------ the city's risks

GDPR = "Personuppgifter behandlas eller lämnas ut i strid med dataskyddsförordningen"
OFF_CONTRACT = "Inköp görs utanför kommunens ramavtal"
FRAUD = "Pengar betalas ut till bedragare som utger sig för att vara leverantörer"
INFOSEC = "Informationssäkerhet och dataskydd"
PURCHASING = "Inköp och betalningar"

# year -> (process, risk, description), in the order the city gives them.
CITY_RISKS: dict[int, list[tuple[str, str, str]]] = {
    2025: [
        (
            INFOSEC,
            GDPR,
            "Känsliga uppgifter om invånare kan nå fel mottagare genom e-post, utskrifter "
            "eller behörigheter som ligger kvar när någon slutat. Varje nämnd bedömer risken "
            "i sin egen verksamhet och hur den upptäcks.",
        ),
        (
            PURCHASING,
            OFF_CONTRACT,
            "Köp hos leverantörer som kommunen inte har avtal med ger högre priser och kan "
            "strida mot lagen om offentlig upphandling. Nämnden bedömer hur vanliga sådana "
            "köp är hos den.",
        ),
    ],
}
CITY_RISKS[2026] = [
    *CITY_RISKS[2025],
    (
        PURCHASING,
        FRAUD,
        "Falska fakturor och begäran om ändrade bankuppgifter har ökat i hela landet. "
        "Risken gäller alla som attesterar fakturor eller ändrar uppgifter om leverantörer.",
    ),
]

# ------------------------------------------------------------------- the plans

_T1_2026_SN = OutcomeSpec(
    "I 4 av 20 granskade ärenden hade bistånd betalats ut utan att inkomsterna "
    "kontrollerats mot Försäkringskassan och Arbetsförmedlingen. I ett av dem hade hushållet "
    "samtidigt fått sjukpenning, och 6 200 kronor har betalats ut för mycket.",
    (
        MeasureSpec(
            "Rutinen för kontroll av inkomster gås igenom med alla handläggare på "
            "arbetsplatsträffen",
            "Enhetschef försörjningsstöd",
            date(2026, 5, 5),
            date(2026, 5, 29),
            ActivityStatus.STARTED,
        ),
        MeasureSpec(
            "Kontrollen mot andra myndigheter blir en obligatorisk rad i checklistan för "
            "nybesök i verksamhetssystemet",
            "Systemförvaltare",
            date(2026, 5, 15),
            date(2026, 6, 30),
            ActivityStatus.NOT_STARTED,
        ),
        MeasureSpec(
            "Återkrav av det som betalats ut för mycket",
            "Handläggare ekonomiskt bistånd",
            date(2026, 5, 4),
            date(2026, 5, 20),
            ActivityStatus.FINISHED,
        ),
    ),
)

SOCIALNAMNDEN = PlanSpec(
    node="Socialnämnden",
    years=(2025, 2026),
    submitted_by="namnd",
    adopted_by="beslut",
    reporter="namnd",
    processes=(
        ProcessSpec(
            INFOSEC,
            (
                RiskSpec(
                    GDPR,
                    {2025: (3, 3), 2026: (3, 4)},
                    city=True,
                    controls=(
                        ControlSpec(
                            "Behörigheter i verksamhetssystemet är borttagna för den som "
                            "slutat eller bytt tjänst",
                            "Behörighetslistan jämförs med personalsystemets lista över "
                            "avslutade och ändrade anställningar",
                            "Samtliga behörigheter",
                            "Två gånger per år",
                            "Systemförvaltare",
                            ("T1", "VB"),
                        ),
                        ControlSpec(
                            "Utredningar och beslut skickas inte med okrypterad e-post",
                            "Stickprov i skickad post från förvaltningens funktionsbrevlådor",
                            "50 utgående meddelanden per tertial",
                            "Varje tertial",
                            "Informationssäkerhetssamordnare",
                            ("T1", "T2", "VB"),
                            years=(2026,),
                        ),
                    ),
                ),
            ),
        ),
        ProcessSpec(
            PURCHASING,
            (
                RiskSpec(
                    OFF_CONTRACT,
                    {2025: (2, 3), 2026: (3, 3)},
                    city=True,
                    left_out="Förvaltningens inköp görs nästan helt av tre beställare med "
                    "god kunskap om avtalen; risken bedöms som låg.",
                    controls=(
                        ControlSpec(
                            "Fakturor från leverantörer som kommunen saknar avtal med",
                            "Uttag ur ekonomisystemet av fakturor över 10 000 kronor från "
                            "leverantörer utan avtal; varje köp förklaras av beställaren",
                            "Alla fakturor över 10 000 kronor under perioden",
                            "Varje tertial",
                            "Controller",
                            ("T1", "T2", "VB"),
                            years=(2026,),
                        ),
                    ),
                ),
                RiskSpec(
                    "Placeringar på HVB görs hos hem utan avtal eller utan giltigt tillstånd "
                    "från IVO",
                    {2025: (3, 4), 2026: (2, 4)},
                    description="Vid akuta placeringar finns sällan plats hos de avtalade "
                    "hemmen, och placeringen görs där det finns en plats.",
                    goal="sn-ekonomi",
                    controls=(
                        ControlSpec(
                            "Varje ny placering på HVB är gjord hos ett avtalat hem eller har "
                            "ett dokumenterat skäl till direktupphandling, och hemmets "
                            "tillstånd är kontrollerat",
                            "Placeringsbesluten gås igenom mot avtalslistan och IVO:s "
                            "register över tillstånd",
                            "Samtliga nya placeringar under perioden",
                            "Varje tertial",
                            "Avdelningschef",
                            ("T1", "T2", "VB"),
                            outcomes={
                                "2025VB": OutcomeSpec(
                                    "Två av 14 nya placeringar under hösten gjordes hos hem "
                                    "utan avtal, utan att skälet till direktupphandling "
                                    "dokumenterades. Båda hemmen hade giltigt tillstånd.",
                                    (
                                        MeasureSpec(
                                            "Placeringsrutinen kompletteras: en placering "
                                            "utan avtal kräver ett dokumenterat skäl och "
                                            "avdelningschefens beslut",
                                            "Avdelningschef",
                                            date(2025, 12, 1),
                                            date(2026, 1, 31),
                                            ActivityStatus.FINISHED,
                                        ),
                                    ),
                                ),
                            },
                        ),
                    ),
                ),
                RiskSpec(
                    FRAUD,
                    {2026: (1, 4)},
                    city=True,
                    controls=(
                        ControlSpec(
                            "Ändrade bankuppgifter för leverantörer är bekräftade med "
                            "leverantören på ett telefonnummer som kommunen redan har",
                            "Genomgång av ändringsloggen i ekonomisystemet",
                            "Samtliga ändringar under perioden",
                            "Varje tertial",
                            "Ekonomichef",
                            ("T1", "T2", "VB"),
                        ),
                    ),
                ),
            ),
        ),
        ProcessSpec(
            "Barn och unga",
            description="Orosanmälningar, förhandsbedömningar och utredningar om barn och unga.",
            risks=(
                RiskSpec(
                    "Förhandsbedömningen av en orosanmälan blir inte klar inom 14 dagar",
                    {2025: (3, 4), 2026: (2, 4)},
                    description="Många anmälningar samtidigt, till exempel efter skolstarten, "
                    "gör att bedömningar blir liggande.",
                    goal="sn-tidig-hjalp",
                    controls=(
                        ControlSpec(
                            "Förhandsbedömningar avslutas inom 14 dagar från anmälan",
                            "Uttag ur verksamhetssystemet; varje bedömning som tagit längre "
                            "tid gås igenom med ansvarig handläggare",
                            "Samtliga anmälningar under perioden",
                            "Varje tertial",
                            "Enhetschef barn och familj",
                            ("T1", "T2", "VB"),
                        ),
                    ),
                ),
                RiskSpec(
                    "Utredningar om barn pågår längre än fyra månader utan beslut om förlängning",
                    {2025: (3, 3), 2026: (2, 3)},
                    kf_goal="1.1",
                    controls=(
                        ControlSpec(
                            "Utredningar som pågått mer än fyra månader har ett beslut om "
                            "förlängd utredningstid med särskilda skäl",
                            "Stickprov i akterna",
                            "10 utredningar per tillfälle",
                            "Två gånger per år",
                            "Enhetschef barn och familj",
                            ("T1", "VB"),
                        ),
                    ),
                ),
                RiskSpec(
                    "Barn i familjehem får inte de besök av sin socialsekreterare som lagen kräver",
                    {2025: (2, 4), 2026: (2, 4)},
                    left_out="Besöken följs redan upp varje månad i familjehemsenhetens "
                    "egenkontroll, som redovisas för individutskottet.",
                ),
            ),
        ),
        ProcessSpec(
            "Ekonomiskt bistånd och boende",
            description="Försörjningsstöd, sociala kontrakt och akutboende för vuxna.",
            risks=(
                RiskSpec(
                    "Ekonomiskt bistånd betalas ut på felaktiga grunder",
                    {2025: (3, 3), 2026: (4, 3)},
                    description="Inkomster och tillgångar som inte kontrolleras ger "
                    "felaktiga utbetalningar och återkrav som sällan kan drivas in.",
                    goal="sn-ekonomi",
                    controls=(
                        ControlSpec(
                            "Beslut om bistånd bygger på en kontroll av hushållets inkomster "
                            "mot andra myndigheter och på kontoutdrag",
                            "Stickprov i verksamhetssystemet; underlagen granskas",
                            "20 slumpvis valda beslut per tertial",
                            "Varje tertial",
                            "Enhetschef försörjningsstöd",
                            ("T1", "T2", "VB"),
                            outcomes={"2026T1": _T1_2026_SN},
                        ),
                    ),
                ),
                RiskSpec(
                    "Den som söker bistånd får inte besked om nästa steg inom en vecka",
                    {2025: (2, 2), 2026: (3, 2)},
                    goal="sn-besked",
                ),
                RiskSpec(
                    "Hyresskulder i sociala kontrakt upptäcks för sent",
                    {2025: (1, 3), 2026: (1, 3)},
                    goal="sn-boende",
                ),
            ),
        ),
    ),
)

_T1_2026_ND = OutcomeSpec(
    "I två av fyra hemtjänstgrupper saknades kvittens för sammanlagt fem nycklar. Tre "
    "nycklar till personer som slutat ha hemtjänst under vintern var inte återlämnade.",
    (
        MeasureSpec(
            "Nycklarna återlämnas och kvittenslistorna gås igenom med varje grupps samordnare",
            "Enhetschef hemtjänst",
            date(2026, 5, 4),
            date(2026, 5, 15),
            ActivityStatus.FINISHED,
        ),
        MeasureSpec(
            "Digitala lås erbjuds alla med hemtjänst i gruppen Centrum",
            "Verksamhetschef äldreomsorg",
            date(2026, 5, 1),
            date(2026, 10, 31),
            ActivityStatus.STARTED,
        ),
    ),
)

NORRDALEN = PlanSpec(
    node="Norrdalens stadsdelsnämnd",
    years=(2025, 2026),
    submitted_by="controller",
    adopted_by="admin",
    reporter="controller",
    processes=(
        ProcessSpec(
            INFOSEC,
            (
                RiskSpec(
                    GDPR,
                    {2025: (3, 3), 2026: (3, 3)},
                    city=True,
                    controls=(
                        ControlSpec(
                            "Den som läser en brukares journal i hemtjänstens "
                            "verksamhetssystem har en vårdrelation till brukaren",
                            "Slumpvis uttag ur åtkomstloggen, granskat mot medarbetarnas brukare",
                            "Loggar för 15 medarbetare per tertial",
                            "Varje tertial",
                            "Verksamhetschef äldreomsorg",
                            ("T1", "T2", "VB"),
                        ),
                    ),
                ),
            ),
        ),
        ProcessSpec(
            PURCHASING,
            (
                RiskSpec(
                    OFF_CONTRACT,
                    {2025: (3, 2), 2026: (3, 2)},
                    city=True,
                    controls=(
                        ControlSpec(
                            "Köp av förbrukningsmaterial och livsmedel görs hos avtalade "
                            "leverantörer",
                            "Fakturor från leverantörer utan avtal tas ut ur "
                            "ekonomisystemet; beställaren förklarar varje köp",
                            "Alla sådana fakturor under perioden",
                            "Två gånger per år",
                            "Controller",
                            ("T1", "VB"),
                        ),
                    ),
                ),
                RiskSpec(
                    FRAUD,
                    {2026: (1, 4)},
                    city=True,
                    left_out="Stadsdelsförvaltningen ändrar inga uppgifter om leverantörer; "
                    "det gör kommunens ekonomiservice, som har en egen kontroll.",
                ),
            ),
        ),
        ProcessSpec(
            "Vård och omsorg",
            description="Hemtjänsten och funktionsstödets boenden och daglig verksamhet.",
            risks=(
                RiskSpec(
                    "Nycklar till brukares bostäder hanteras så att obehöriga kan komma in",
                    {2025: (2, 4), 2026: (3, 4)},
                    goal="nd-trygg-hemtjanst",
                    controls=(
                        ControlSpec(
                            "Nyckelskåpens kvittenslistor stämmer med nycklarna, och nycklar "
                            "till den som slutat ha hemtjänst är återlämnade",
                            "Inventering av nyckelskåpet i varje hemtjänstgrupp",
                            "Alla hemtjänstgrupper",
                            "Två gånger per år",
                            "Enhetschef hemtjänst",
                            ("T1", "VB"),
                            outcomes={"2026T1": _T1_2026_ND},
                        ),
                    ),
                ),
                RiskSpec(
                    "Utförd tid stämmer inte med beviljad tid, så att brukare inte får sina "
                    "insatser eller debiteras fel",
                    {2025: (3, 3), 2026: (3, 3)},
                    kf_goal="3.1",
                    controls=(
                        ControlSpec(
                            "Beviljad och utförd tid per brukare jämförs",
                            "Uttag ur planeringssystemet; skillnader över 20 procent utreds",
                            "Alla brukare i en slumpvis vald grupp per tertial",
                            "Varje tertial",
                            "Enhetschef hemtjänst",
                            ("T1", "T2", "VB"),
                        ),
                    ),
                ),
                RiskSpec(
                    "Missförhållanden i omsorgen rapporteras inte enligt lex Sarah",
                    {2025: (2, 4), 2026: (2, 4)},
                    left_out="Rapporteringen följs upp i förvaltningens kvalitetsarbete och "
                    "redovisas för nämnden i kvalitetsberättelsen varje år.",
                ),
                RiskSpec(
                    "Genomförandeplaner följs inte upp och insatserna blir inaktuella",
                    {2025: (3, 2), 2026: (3, 2)},
                    goal="nd-funktionsstod",
                    controls=(
                        ControlSpec(
                            "Genomförandeplanerna är uppföljda med brukaren det senaste halvåret",
                            "Stickprov i dokumentationen",
                            "10 brukare per tillfälle",
                            "Två gånger per år",
                            "Enhetschef funktionsstöd",
                            ("T2", "VB"),
                        ),
                    ),
                ),
                RiskSpec(
                    "Brukares egna pengar förvaltas utan kvitton och underlag",
                    {2025: (2, 3), 2026: (3, 3)},
                    description="Personalen hjälper flera brukare i gruppbostäderna att "
                    "handla och betala räkningar.",
                    controls=(
                        ControlSpec(
                            "Kassaböckerna för brukare vars pengar personalen hanterar "
                            "stämmer med kvitton och kontoutdrag",
                            "Genomgång av kassaböcker",
                            "Alla brukare som får hjälp med sina pengar",
                            "Varje tertial",
                            "Enhetschef funktionsstöd",
                            ("T1", "T2", "VB"),
                            years=(2026,),
                            outcomes={
                                "2026T1": OutcomeSpec(
                                    "Kontrollen hann inte göras: enhetschefstjänsten var "
                                    "vakant i mars och april. Den görs i maj och redovisas "
                                    "i T2.",
                                    done=False,
                                ),
                            },
                        ),
                    ),
                ),
            ),
        ),
        ProcessSpec(
            "Fritidsgårdar",
            description="Stadsdelens tre fritidsgårdar med kvällsöppet, kiosk och lovaktiviteter.",
            risks=(
                RiskSpec(
                    "Kontanter från kiosken och aktivitetsavgifter hanteras utan kontroll",
                    {2025: (3, 2), 2026: (1, 2)},
                    description="Varje fritidsgård har en egen kassa som räknas av "
                    "personalen på kvällen.",
                    left_out="Gårdarna tar sedan februari 2026 bara emot kortbetalning och "
                    "Swish; kontanthanteringen har upphört.",
                    controls=(
                        ControlSpec(
                            "Kassan stämmer med kassarapporten",
                            "Oanmäld kassainventering",
                            "En fritidsgård per tillfälle",
                            "Varje tertial",
                            "Enhetschef fritid",
                            ("T1", "T2", "VB"),
                            years=(2025,),
                            outcomes={
                                "2025T2": OutcomeSpec(
                                    "Kassan på Fritidsgården Björken saknade 1 450 kronor och "
                                    "kassarapporterna för juni var inte signerade.",
                                    (
                                        MeasureSpec(
                                            "Kortbetalning och Swish införs på alla "
                                            "fritidsgårdar och kontanthanteringen upphör",
                                            "Enhetschef fritid",
                                            date(2025, 9, 15),
                                            date(2026, 2, 1),
                                            ActivityStatus.FINISHED,
                                        ),
                                    ),
                                ),
                            },
                        ),
                    ),
                ),
                RiskSpec(
                    "Ungdomar skadas vid aktiviteter utanför fritidsgården",
                    {2025: (1, 4)},
                    goal="nd-fritid",
                ),
            ),
        ),
    ),
)

VUXENENHETEN = PlanSpec(
    node="Vuxenenheten",
    years=(2026,),
    submitted_by="vuxen",
    adopted_by="beslut",
    reporter="vuxen",
    processes=(
        ProcessSpec(
            "Köpt vård",
            (
                RiskSpec(
                    "Kostnaden för köpt vård följs inte upp och ett underskott upptäcks sent",
                    {2026: (3, 3)},
                    goal="sn-ekonomi",
                    controls=(
                        ControlSpec(
                            "Placeringsfilen stämmer med ekonomisystemets utfall för köpt vård",
                            "Avstämning placering för placering",
                            "Alla pågående placeringar",
                            "Varje månad",
                            "Enhetschef",
                            ("T1", "T2", "VB"),
                        ),
                    ),
                ),
                RiskSpec(
                    "Vårdplanen för en placering följs inte upp",
                    {2026: (2, 3)},
                ),
            ),
        ),
        ProcessSpec(
            "Akutboende",
            (
                RiskSpec(
                    "Hushåll bor kvar i akutboende utan en ny bedömning",
                    {2026: (3, 2)},
                    goal="sn-boende",
                    controls=(
                        ControlSpec(
                            "Varje hushåll i akutboendet har en bedömning som är högst 30 "
                            "dagar gammal",
                            "Beläggningslistan jämförs med journalanteckningarna",
                            "Alla hushåll i akutboendet vid kontrolltillfället",
                            "Varje tertial",
                            "Samordnare för boende",
                            ("T1", "T2", "VB"),
                        ),
                    ),
                ),
                RiskSpec(
                    "Personalen i akutboendet utsätts för hot och våld",
                    {2026: (2, 4)},
                    left_out="Följs upp i arbetsmiljöarbetet med riskbedömning och skyddsrond "
                    "två gånger per år.",
                ),
            ),
        ),
    ),
)

ALDREOMSORGEN = PlanSpec(
    node="Äldreomsorgen Norrdalen",
    years=(2026,),
    submitted_by="aldre",
    adopted_by="admin",
    reporter="aldre",
    processes=(
        ProcessSpec(
            "Läkemedel och delegering",
            (
                RiskSpec(
                    "Läkemedel ges av personal utan gällande delegering",
                    {2026: (2, 4)},
                    goal="nd-trygg-hemtjanst",
                    controls=(
                        ControlSpec(
                            "Alla som ger läkemedel har en gällande delegering",
                            "Schemat jämförs med delegeringsregistret",
                            "Två slumpvis valda veckor per tertial",
                            "Varje tertial",
                            "Enhetschef",
                            ("T1", "T2", "VB"),
                        ),
                    ),
                ),
                RiskSpec(
                    "Signeringslistor för läkemedel fylls inte i",
                    {2026: (2, 3)},
                ),
            ),
        ),
        ProcessSpec(
            "Schema och bemanning",
            (
                RiskSpec(
                    "Frånvaro täcks med övertid i stället för med timbanken",
                    {2026: (3, 2)},
                    kf_goal="3.1",
                    controls=(
                        ControlSpec(
                            "Övertid och mertid per arbetsgrupp följs upp",
                            "Rapport ur lönesystemet, jämförd med samma period förra året",
                            "Alla arbetsgrupper",
                            "Varje månad",
                            "Enhetschef",
                            ("T1", "VB"),
                            outcomes={
                                "2026T1": OutcomeSpec(
                                    "Övertiden i januari–april var 40 procent högre än samma "
                                    "period förra året; timbanken användes bara i två av fem "
                                    "grupper.",
                                    (
                                        MeasureSpec(
                                            "Schemaläggningen ses över med bemanningsenheten "
                                            "så att timbanken används först vid frånvaro",
                                            "Enhetschef",
                                            date(2026, 5, 1),
                                            date(2026, 9, 30),
                                            ActivityStatus.STARTED,
                                        ),
                                    ),
                                ),
                            },
                        ),
                    ),
                ),
            ),
        ),
    ),
)

# In the order they are written each year: the committees' before their units'.
PLANS = (SOCIALNAMNDEN, NORRDALEN, VUXENENHETEN, ALDREOMSORGEN)

# The periods whose controls are reported: those the demo has reports for (the demo
# stands in May 2026, after T1).
REPORTED = tuple(REPORTS)


# ------------------------------------------------------------------ the decision


def control_plan_decide(plan: ControlPlan, *, submitted_by: User, adopted_by: User) -> None:
    """Hand the plan in and adopt it through decisions' doors (with their snapshot)."""
    decisions.control_plan_submit(plan=plan, by=submitted_by)
    decisions.control_plan_adopt(plan=plan, by=adopted_by)


# ------------------------------------------------------------------ the builder


class ControlPlanLoader:
    """Writes one year's internal control; `nodes` are DemoLoader's by name."""

    def __init__(
        self,
        nodes: dict[str, OrgUnit],
        areas: dict[str, Goal],
        board_goals: dict[tuple[int, str], Goal],
    ) -> None:
        self.nodes = nodes
        self.areas = areas
        self.board_goals = board_goals
        self.users: dict[str, User] = {u.username: u for u in get_user_model().objects.all()}

    def load(self, year: PlanningYear) -> list[ControlPlan]:
        for process, title, description in CITY_RISKS.get(year.year, []):
            city_risk_create(year=year, process=process, title=title, description=description)
        periods = {p.code: p for p in ReportingPeriod.objects.filter(year=year)}
        written = []
        for spec in PLANS:
            if year.year not in spec.years:
                continue
            plan, controls = self.plan(spec, year)
            control_plan_decide(
                plan,
                submitted_by=self.users[spec.submitted_by],
                adopted_by=self.users[spec.adopted_by],
            )
            self.follow_up(plan, controls, periods, self.users[spec.reporter])
            written.append(plan)
        return written

    def plan(
        self, spec: PlanSpec, year: PlanningYear
    ) -> tuple[ControlPlan, list[tuple[Control, ControlSpec]]]:
        """The year's plan: last year's copied where the node had one, then made to read as
        the spec says for this year."""
        node = self.nodes[spec.node]
        last = ControlPlan.objects.filter(org_unit=node, year__year=year.year - 1).first()
        if last is not None:
            plan = control_plan_copy_to_year(plan=last, year=year)
        else:
            plan = control_plan_create(org_unit=node, year=year)
        wanted = {
            (p.title, r.title) for p in spec.processes for r in p.risks if year.year in r.assessed
        }
        # The risks copied from last year and the city's received with the plan.
        have: dict[tuple[str, str], Risk] = {}
        for risk in plan.risks.select_related("process"):
            if (risk.process.title, risk.title) in wanted:
                have[(risk.process.title, risk.title)] = risk
            else:
                risk_delete(risk=risk)
        processes = {p.title: p for p in plan.processes.all()}
        controls: list[tuple[Control, ControlSpec]] = []
        for process_spec in spec.processes:
            risks = [r for r in process_spec.risks if year.year in r.assessed]
            process = processes.get(process_spec.title)
            if not risks:
                if process is not None:
                    process_delete(process=process)
                continue
            if process is None:
                process = process_create(
                    plan=plan, title=process_spec.title, description=process_spec.description
                )
            elif process.description != process_spec.description and process_spec.description:
                process_update(process=process, description=process_spec.description)
            for risk_spec in risks:
                found = have.get((process_spec.title, risk_spec.title))
                controls += self.risk(process, found, risk_spec, year)
        return plan, controls

    def risk(
        self, process: Process, risk: Risk | None, spec: RiskSpec, year: PlanningYear
    ) -> list[tuple[Control, ControlSpec]]:
        """The risk (`risk` when the plan has it already) assessed for the year, selected
        with its controls or left out."""
        if risk is None:
            if spec.city:
                raise ValidationError(f"{spec.title}: staden ger inte den risken {year.year}.")
            risk = risk_create(process=process, title=spec.title, description=spec.description)
        specs = [c for c in spec.controls if year.year in c.years]
        have = {c.what: c for c in risk.controls.all()}
        for what, control in have.items():
            if what not in {c.what for c in specs}:
                control_delete(control=control)
        probability, consequence = spec.assessed[year.year]
        risk = risk_update(
            risk=risk,
            probability=probability,
            consequence=consequence,
            selected=bool(specs),
            omission_reason="" if specs else spec.left_out,
            goal=self.goal(spec, year),
        )
        written = []
        for control_spec in specs:
            control = have.get(control_spec.what) or control_create(
                risk=risk,
                what=control_spec.what,
                method=control_spec.method,
                scope=control_spec.scope,
                frequency=control_spec.frequency,
                responsible=control_spec.responsible,
                report_t1="T1" in control_spec.when,
                report_t2="T2" in control_spec.when,
                report_vb="VB" in control_spec.when,
            )
            written.append((control, control_spec))
        return written

    def goal(self, spec: RiskSpec, year: PlanningYear) -> Goal | None:
        """The goal the risk threatens, in the years the chain has it."""
        if spec.goal:
            return self.board_goals.get((year.year, spec.goal))
        if spec.kf_goal:
            return self.areas.get(spec.kf_goal)
        return None

    def follow_up(
        self,
        plan: ControlPlan,
        controls: list[tuple[Control, ControlSpec]],
        periods: dict[str, ReportingPeriod],
        by: User,
    ) -> None:
        """Each control in each of its periods the demo reports: done without deviations
        unless its spec says otherwise."""
        # Read again with the plan as decided: the controls written above hold it as a draft.
        specs = {control.pk: spec for control, spec in controls}
        for control in Control.objects.filter(risk__plan=plan).select_related("risk__plan"):
            spec = specs[control.pk]
            for code in REPORTED:
                period = periods.get(code)
                if period is None or period.period.part not in control.reported_in:
                    continue
                outcome = spec.outcomes.get(code)
                if outcome is None:
                    result_report(
                        control=control,
                        period=period,
                        done=True,
                        result=ResultKind.NO_DEVIATION,
                        by=by,
                    )
                    continue
                result = result_report(
                    control=control,
                    period=period,
                    done=outcome.done,
                    result=ResultKind.DEVIATION if outcome.done else "",
                    findings=outcome.findings,
                    by=by,
                )
                for measure in outcome.measures:
                    measure_create(
                        result=result,
                        name=measure.name,
                        responsible=measure.responsible,
                        start=measure.start,
                        end=measure.end,
                        status=measure.status,
                    )
