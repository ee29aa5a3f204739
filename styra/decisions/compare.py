"""Two versions of a plan side by side, computed from their styra-plan/1 dicts (and of an
internal control plan, from their styra-internal-control/1 dicts).

Both sides are plain data (a snapshot's stored dict, or the live plan read
through the same export), so the comparison needs no queries of its own.
Parts are aligned by a key (a goal by level and number or title, an
indicator, activity, section or budget row by its name); where a run of
keys differs, the parts are paired in order and shown as changed, and what
is left over as added or removed. Text is compared word by word.

The comparison is computed for each page view and never stored, so its labels follow the
user's language. The values compared are the stored ones (a snapshot's data is Swedish);
the few that are choice labels (status, periodicity, the unit goals' name) are shown in the
user's language too, on both sides alike.
"""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from styra.goals.forms import NARRATIVE_LABELS
from styra.goals.models import NARRATIVE_FIELDS, UnitGoalLabel
from styra.goals.tree import level_label
from styra.indicators.models import PERIODICITY_BY_LABEL, Periodicity
from styra.lib.numbers import format_number
from styra.plans.models import PlanStatus

SAME, CHANGED, ADDED, REMOVED = "same", "changed", "added", "removed"
STATE_LABELS = {
    SAME: _("Oförändrad"),
    CHANGED: _("Ändrad"),
    ADDED: _("Tillagd"),
    REMOVED: _("Borttagen"),
}
STATE_SYMBOLS = {SAME: "=", CHANGED: "≠", ADDED: "+", REMOVED: "−"}
_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass
class Segment:
    op: str  # "equal", "insert" or "delete"
    text: str


class Stated:
    """What a compared line or group shows for its `state`: a text and a symbol beside colour."""

    @property
    def state(self) -> str:
        raise NotImplementedError  # each subclass says how its state follows from its parts

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])

    @property
    def symbol(self) -> str:
        return STATE_SYMBOLS[self.state]


@dataclass
class Line(Stated):
    """One field or part, as it reads in the older (old) and the newer (new) version."""

    label: str
    old: str | None
    new: str | None
    old_segments: list[Segment] = field(default_factory=list)
    new_segments: list[Segment] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.old_segments, self.new_segments = word_diff(self.old, self.new)

    @property
    def state(self) -> str:
        if self.old is None and self.new is None:
            return SAME
        if self.old is None:
            return ADDED
        if self.new is None:
            return REMOVED
        return SAME if self.old == self.new else CHANGED


@dataclass
class Group(Stated):
    """A heading with its lines: the header, a section, a goal, the budget."""

    title: str
    lines: list[Line]
    depth: int = 0
    whole: str = ""  # ADDED or REMOVED when the part exists on one side only

    @property
    def state(self) -> str:
        if self.whole:
            return self.whole
        return CHANGED if any(line.state != SAME for line in self.lines) else SAME

    @property
    def changed_lines(self) -> list[Line]:
        return [line for line in self.lines if line.state != SAME]


class Counted:
    """How many lines of the compared groups changed, were added or removed."""

    @property
    def groups(self) -> list[Group]:
        raise NotImplementedError  # each comparison says which groups it has, in order

    @property
    def counts(self) -> dict[str, int]:
        counts = {CHANGED: 0, ADDED: 0, REMOVED: 0}
        for group in self.groups:
            for line in group.lines:
                if line.state in counts:
                    counts[line.state] += 1
        return counts

    @property
    def is_same(self) -> bool:
        return not any(self.counts.values())


@dataclass
class Comparison(Counted):
    header: Group
    sections: list[Group]
    goals: list[Group]
    budget: Group
    guarantees: Group
    appendices: Group

    @property
    def groups(self) -> list[Group]:
        parts = [self.header, *self.sections, *self.goals, self.budget]
        return [*parts, self.guarantees, self.appendices]

    @property
    def goals_changed(self) -> bool:
        """The goal chain differs: a goal, its narrative, indicators, targets or activities."""
        return any(group.state != SAME for group in self.goals)


def word_diff(old: str | None, new: str | None) -> tuple[list[Segment], list[Segment]]:
    """The old text with its deleted words marked, and the new with its inserted words."""
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    left: list[Segment] = []
    right: list[Segment] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            left.append(Segment("equal", "".join(a[i1:i2])))
            right.append(Segment("equal", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            left.append(Segment("delete", "".join(a[i1:i2])))
        if j2 > j1:
            right.append(Segment("insert", "".join(b[j1:j2])))
    return left, right


def align(old: list, new: list, key, *, pair_replaced: bool = True) -> list[tuple[Any, Any]]:
    """Pairs (old, new) in the newer version's order; None where a side has no counterpart.

    A run of other keys in the same place is paired in order (a renamed part), unless
    `pair_replaced` is off: then only equal keys pair, and the rest is removed and added.
    """
    old_keys, new_keys = [key(x) for x in old], [key(x) for x in new]
    pairs: list[tuple[Any, Any]] = []
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        olds, news = old[i1:i2], new[j1:j2]
        if op == "equal":
            pairs.extend(zip(olds, news, strict=True))
            continue
        paired = min(len(olds), len(news)) if op == "replace" and pair_replaced else 0
        pairs.extend(zip(olds[:paired], news[:paired], strict=True))
        pairs.extend((o, None) for o in olds[paired:])
        pairs.extend((None, n) for n in news[paired:])
    return pairs


def _text(value: Any) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return gettext("ja") if value else gettext("nej")
    if isinstance(value, int | float):
        return format_number(value)
    return str(value)


def _lines(pairs: list[tuple[str, Any, Any]], old_exists: bool, new_exists: bool) -> list[Line]:
    return [
        Line(label, _text(o) if old_exists else None, _text(n) if new_exists else None)
        for label, o, n in pairs
    ]


def _pair_group(title: str, old: dict | None, new: dict | None, fields, depth: int = 0):
    """A group of fields read from two dicts, either of which may be missing."""
    rows = [(str(label), (old or {}).get(name), (new or {}).get(name)) for label, name in fields]
    whole = ADDED if old is None else REMOVED if new is None else ""
    return Group(title, _lines(rows, old is not None, new is not None), depth, whole)


# ---------------------------------------------------------------- the parts


def _status(value: str | None) -> str | None:
    return str(PlanStatus(value).label) if value in PlanStatus.values else value


def _periodicity(label: str) -> str:
    """A stored (Swedish) periodicity label, such as "Tertial", in the user's language."""
    value = PERIODICITY_BY_LABEL.get(label.casefold())
    return str(Periodicity(value).label) if value else label


def _unit_goal_label(stored: str | None) -> str:
    """The name a snapshot stored for unit goals ("Åtagande"), in the user's language."""
    if not stored:
        return gettext("Enhetsmål")
    with translation.override("sv"):
        by_swedish = {str(label): value for value, label in UnitGoalLabel.choices}
    value = by_swedish.get(stored)
    return str(UnitGoalLabel(value).label) if value else stored


def _header(old: dict, old_meta: dict, new: dict, new_meta: dict) -> Group:
    def flat(data: dict, meta: dict) -> dict:
        status = meta.get("status")
        return {
            "unit": data.get("unit"),
            "year": data.get("year"),
            "status": _status(status),
            "addressee": data.get("addressee"),
            "officer": data.get("officer"),
            "phone": meta.get("phone"),
            "meeting_date": meta.get("meeting_date"),
        }

    fields = [
        (gettext("Enhet"), "unit"),
        (gettext("År"), "year"),
        (gettext("Status"), "status"),
        (gettext("Till"), "addressee"),
        (gettext("Handläggare"), "officer"),
        (gettext("Telefon"), "phone"),
        (gettext("Sammanträdesdatum"), "meeting_date"),
    ]
    return _pair_group(
        gettext("Planens uppgifter"), flat(old, old_meta), flat(new, new_meta), fields
    )


def _sections(old: dict, new: dict) -> list[Group]:
    groups = []
    pairs = align(old.get("sections") or [], new.get("sections") or [], lambda s: s["heading"])
    for o, n in pairs:
        title = gettext("Avsnitt: %(heading)s") % {"heading": (n or o)["heading"]}
        fields = [(gettext("Rubrik"), "heading"), (gettext("Text"), "text")]
        groups.append(_pair_group(title, o, n, fields))
    return groups


def _flatten(goals: list[dict], depth: int = 0) -> list[tuple[dict, int]]:
    flat = []
    for goal in goals:
        flat.append((goal, depth))
        flat.extend(_flatten(goal.get("children") or [], depth + 1))
    return flat


def _goal_key(item: tuple[dict, int]) -> tuple:
    goal = item[0]
    return (goal.get("level"), goal.get("number") or goal.get("title"))


def _indicator_text(row: dict) -> str:
    parts = [gettext("Årsmål: %(target)s") % {"target": row.get("target") or "–"}]
    if row.get("city_target"):
        parts.append(gettext("KF:s mål: %(target)s") % {"target": row["city_target"]})
    if row.get("period"):
        parts.append(gettext("Redovisas: %(period)s") % {"period": _periodicity(row["period"])})
    return "; ".join(parts)


def _activity_text(row: dict) -> str:
    return f"{row.get('start') or '–'} – {row.get('end') or '–'}"


def _named_lines(kind: str, label: str, old: list, new: list, text) -> list[Line]:
    """A line per named part (`label` % {"name": …}), and one for `kind` if it was renamed."""
    lines = []
    for o, n in align(old, new, lambda x: x["name"]):
        name = (n or o)["name"]
        if o is not None and n is not None and o["name"] != n["name"]:
            # A renamed part: the name is part of what changed.
            lines.append(Line(kind, o["name"], n["name"]))
        lines.append(
            Line(
                label % {"name": name},
                text(o) if o is not None else None,
                text(n) if n is not None else None,
            )
        )
    return lines


def _goals(old: dict, old_meta: dict, new: dict, new_meta: dict) -> list[Group]:
    unit_label = _unit_goal_label(
        new_meta.get("unit_goal_label") or old_meta.get("unit_goal_label")
    )
    groups = []
    old_goals, new_goals = _flatten(old.get("goals") or []), _flatten(new.get("goals") or [])
    for o, n in align(old_goals, new_goals, _goal_key):
        goal, depth = n or o
        number = f"{goal['number']} " if goal.get("number") else ""
        title = f"{level_label(goal['level'], unit_label)}: {number}{goal['title']}"
        og, ng = (o or (None,))[0], (n or (None,))[0]
        fields: list[tuple[str | Promise, str]] = [
            (gettext("Mål"), "title"),
            (gettext("Nummer"), "number"),
        ]
        fields += [(NARRATIVE_LABELS[name], name) for name in NARRATIVE_FIELDS]
        group = _pair_group(title, og, ng, fields, depth)
        group.lines += _named_lines(
            gettext("Indikator"),
            gettext("Indikator: %(name)s"),
            (og or {}).get("indicators") or [],
            (ng or {}).get("indicators") or [],
            _indicator_text,
        )
        group.lines += _named_lines(
            gettext("Aktivitet"),
            gettext("Aktivitet: %(name)s"),
            (og or {}).get("activities") or [],
            (ng or {}).get("activities") or [],
            _activity_text,
        )
        groups.append(group)
    return groups


def _budget_text(row: dict) -> str:
    names = {
        "costs": gettext("Kostnader"),
        "revenues": gettext("Intäkter"),
        "net": gettext("Netto"),
    }
    parts = [f"{label}: {_text(row.get(key))}" for key, label in names.items() if key in row]
    if row.get("total"):
        parts.append(gettext("summarad"))
    return "; ".join(parts) or "–"


def _budget(old: dict, new: dict) -> Group:
    ob, nb = old.get("budget"), new.get("budget")
    lines = [
        Line(
            gettext("Enhet"),
            ob["currency_unit"] if ob else "–",
            nb["currency_unit"] if nb else "–",
        )
    ]
    old_rows, new_rows = (ob or {}).get("rows") or [], (nb or {}).get("rows") or []
    for o, n in align(old_rows, new_rows, lambda r: r["name"]):
        lines.append(
            Line(
                gettext("Rad: %(name)s") % {"name": (n or o)["name"]},
                _budget_text(o) if o is not None else None,
                _budget_text(n) if n is not None else None,
            )
        )
    return Group(gettext("Budget"), lines)


def _appendices(old: dict, new: dict) -> Group:
    pairs = align(old.get("appendices") or [], new.get("appendices") or [], lambda a: a)
    return Group(gettext("Bilagor"), [Line(gettext("Bilaga"), o, n) for o, n in pairs])


def _guarantee_text(guarantee: dict) -> str:
    parts = [
        guarantee.get("promise") or "",
        gettext("Villkor: %(term)s") % {"term": guarantee.get("term") or "–"},
        gettext("Målvärde: %(percent)s %%") % {"percent": guarantee.get("target_percent", 100)},
    ]
    if guarantee.get("remedy"):
        parts.append(
            gettext("Om garantin inte hålls: %(remedy)s") % {"remedy": guarantee["remedy"]}
        )
    return "; ".join(parts)


def _guarantees(old: dict, new: dict) -> Group:
    """The unit's quality guarantees (plans.guarantees), aligned by their promise."""
    pairs = align(
        old.get("quality_guarantees") or [],
        new.get("quality_guarantees") or [],
        lambda g: g.get("promise"),
    )
    lines = [
        Line(
            gettext("Garanti"),
            _guarantee_text(o) if o is not None else None,
            _guarantee_text(n) if n is not None else None,
        )
        for o, n in pairs
    ]
    return Group(gettext("Kvalitetsgarantier"), lines)


def compare_plans(old: dict, old_meta: dict, new: dict, new_meta: dict) -> Comparison:
    """The differences from the older version (old) to the newer (new)."""
    return Comparison(
        header=_header(old, old_meta, new, new_meta),
        sections=_sections(old, new),
        goals=_goals(old, old_meta, new, new_meta),
        budget=_budget(old, new),
        guarantees=_guarantees(old, new),
        appendices=_appendices(old, new),
    )


# ---------------------------------------------------------------- internal control plans


@dataclass
class ControlPlanComparison(Counted):
    """Two versions of an internal control plan: its header, then each risk with its controls."""

    header: Group
    risks: list[Group]

    @property
    def groups(self) -> list[Group]:
        return [self.header, *self.risks]


def _goal_text(goal: dict | None) -> str:
    return " ".join(
        str(part) for part in ((goal or {}).get("number"), (goal or {}).get("title")) if part
    )


def _risk_rows(data: dict) -> list[dict]:
    """The plan's risks, each with its process's title and its goal in words."""
    return [
        {**risk, "process": process["title"], "goal_text": _goal_text(risk["goal"])}
        for process in data.get("processes") or []
        for risk in process["risks"]
    ]


def _control_text(control: dict) -> str:
    parts = [
        (gettext("Metod"), control.get("method")),
        (gettext("Omfattning"), control.get("scope")),
        (gettext("Frekvens"), control.get("frequency")),
        (gettext("Ansvarig"), control.get("responsible")),
        (gettext("Rapporteras"), ", ".join(control.get("reported_in") or [])),
    ]
    return "; ".join(f"{label}: {value}" for label, value in parts if value) or "–"


def compare_control_plans(old: dict, new: dict) -> ControlPlanComparison:
    """The differences from the older version (old) to the newer (new) of an internal control
    plan: risks aligned by process and title, their assessment and selection, and their
    controls aligned by what is checked."""
    header = _pair_group(
        gettext("Internkontrollplanens uppgifter"),
        {**old, "status": _status(old.get("status"))},
        {**new, "status": _status(new.get("status"))},
        [(gettext("Enhet"), "unit"), (gettext("År"), "year"), (gettext("Status"), "status")],
    )
    fields = [
        (gettext("Process"), "process"),
        (gettext("Risk"), "title"),
        (gettext("Beskrivning"), "description"),
        (gettext("Sannolikhet"), "probability"),
        (gettext("Konsekvens"), "consequence"),
        (gettext("Riskvärde"), "value"),
        (gettext("Med i kontrollplanen"), "selected"),
        (gettext("Skäl att inte ta med risken"), "omission_reason"),
        (gettext("Mål"), "goal_text"),
    ]
    risks = []
    # A risk is its words: another risk in its place is a risk removed and one added.
    pairs = align(
        _risk_rows(old),
        _risk_rows(new),
        lambda r: (r["process"], r["title"]),
        pair_replaced=False,
    )
    for o, n in pairs:
        title = gettext("Risk: %(risk)s") % {"risk": (n or o)["title"]}
        group = _pair_group(title, o, n, fields)
        controls = align(
            (o or {}).get("controls") or [], (n or {}).get("controls") or [], lambda c: c["what"]
        )
        for oc, nc in controls:
            if oc is not None and nc is not None and oc["what"] != nc["what"]:
                group.lines.append(Line(gettext("Kontrollmoment"), oc["what"], nc["what"]))
            group.lines.append(
                Line(
                    gettext("Kontrollmoment: %(what)s") % {"what": (nc or oc)["what"]},
                    _control_text(oc) if oc is not None else None,
                    _control_text(nc) if nc is not None else None,
                )
            )
        risks.append(group)
    return ControlPlanComparison(header=header, risks=risks)
