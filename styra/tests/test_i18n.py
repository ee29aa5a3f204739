"""Swedish first, English second: the language switcher and the English catalogue.

The catalogue is styra/locale/en/LC_MESSAGES/django.po, and its compiled django.mo is
committed so that a machine without GNU gettext serves English too. After new strings:

    cd styra && ../.venv/bin/styra makemessages -l en --ignore "tests/*" --ignore "*/tests/*" \
        --no-obsolete
    (translate every new msgstr, remove any "fuzzy" flag)
    ../.venv/bin/styra compilemessages -l en

Python code marks its messages with gettext (at call time), gettext_lazy (module-level
constants), ngettext, pgettext or gettext_noop, always with named placeholders
("%(name)s"). Management commands speak Swedish: they are the operator's console.
"""

from __future__ import annotations

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

LOCALE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PO = LOCALE / "django.po"
MO = LOCALE / "django.mo"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]")


@dataclass
class Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"django.po:{self.line}: {self.msgid!r}"


def parse_po(text: str) -> list[Entry]:
    """The entries of a PO file; obsolete ("#~") lines are skipped. Entries are separated by
    blank lines, as msgmerge and msgcat write them."""
    entries: list[Entry] = []
    entry: Entry | None = None
    key: tuple[str, int] | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            entry, key = None, None
            continue
        if line.startswith("#~"):
            continue
        if entry is None:
            entry = Entry(line=number)
            entries.append(entry)
        if line.startswith("#"):
            if line.startswith("#,"):
                entry.flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        match = re.match(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(\".*\")$", line)
        if match:
            key = (match.group(1), int(match.group(2) or 0))
            value = match.group(3)
        elif line.startswith('"') and key is not None:
            value = line
        else:
            raise AssertionError(f"django.po:{number}: cannot read {raw!r}")
        text_value = ast.literal_eval(value)
        word, index = key
        if word == "msgstr":
            entry.msgstr[index] = entry.msgstr.get(index, "") + text_value
        elif word == "msgctxt":
            entry.msgctxt = (entry.msgctxt or "") + text_value
        elif word == "msgid_plural":
            entry.msgid_plural = (entry.msgid_plural or "") + text_value
        else:
            entry.msgid += text_value
    return entries


@pytest.fixture(scope="module")
def catalogue() -> list[Entry]:
    entries = [e for e in parse_po(PO.read_text(encoding="utf-8")) if e.msgid]
    assert len(entries) > 100, "the English catalogue looks empty"
    return entries


def test_no_fuzzy_entries(catalogue):
    fuzzy = [e.label for e in catalogue if "fuzzy" in e.flags]
    assert not fuzzy, "fuzzy entries are not used by Django; translate and unflag:\n" + "\n".join(
        fuzzy
    )


def test_every_message_is_translated(catalogue):
    missing = []
    for entry in catalogue:
        forms = (0, 1) if entry.msgid_plural is not None else (0,)
        if any(not entry.msgstr.get(i, "").strip() for i in forms):
            missing.append(entry.label)
    assert not missing, f"{len(missing)} messages have no English translation:\n" + "\n".join(
        missing
    )


def test_translations_keep_their_placeholders(catalogue):
    wrong = []
    for entry in catalogue:
        sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        wanted = set().union(*(PLACEHOLDER.findall(s) for s in sources))
        for translation in entry.msgstr.values():
            found = set(PLACEHOLDER.findall(translation))
            # A singular may drop the number ("one row"), never add a name it does not get.
            if not found <= wanted or (entry.msgid_plural is None and found != wanted):
                wrong.append(f"{entry.label} -> {translation!r}")
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


GETTEXT_CALLS = {
    # name: (index of msgctxt or None, index of msgid, index of msgid_plural or None)
    "_": (None, 0, None),
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def python_messages() -> set[tuple[str | None, str, str]]:
    """(msgctxt, msgid, file) of every literal message the Python code (tests and migrations
    aside) marks for translation."""
    root = Path(settings.BASE_DIR)
    found = set()
    for path in root.rglob("*.py"):
        parts = path.relative_to(root).parts
        if "tests" in parts or "migrations" in parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name not in GETTEXT_CALLS:
                continue
            context_at, msgid_at, _plural_at = GETTEXT_CALLS[name]
            if len(node.args) <= msgid_at:
                continue
            msgid = _literal(node.args[msgid_at])
            context = None if context_at is None else _literal(node.args[context_at])
            if msgid:
                found.add((context, msgid, str(path.relative_to(root))))
    return found


def test_every_python_message_is_in_the_catalogue(catalogue):
    """makemessages has been run since the last message was added to the Python code."""
    known = {(e.msgctxt, e.msgid) for e in catalogue}
    missing = sorted(
        f"{where}: {msgid!r}"
        for context, msgid, where in python_messages()
        if (context, msgid) not in known
    )
    assert not missing, "run makemessages and translate:\n" + "\n".join(missing)


def test_compiled_catalogue_matches_the_po_file(catalogue):
    """The committed django.mo is compiled from the current django.po."""
    assert MO.exists(), "django.mo is missing: run compilemessages -l en"
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for entry in catalogue:
        if entry.msgid_plural is None:
            if entry.msgctxt is None:
                got = [compiled.gettext(entry.msgid)]
            else:
                got = [compiled.pgettext(entry.msgctxt, entry.msgid)]
        elif entry.msgctxt is None:
            got = [compiled.ngettext(entry.msgid, entry.msgid_plural, n) for n in (1, 2)]
        else:
            got = [
                compiled.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
                for n in (1, 2)
            ]
        if got != [entry.msgstr.get(i) for i in range(len(got))]:
            stale.append(entry.label)
    assert not stale, "django.mo is out of date; run compilemessages -l en:\n" + "\n".join(stale)


def test_swedish_is_the_default(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="sv">' in page
    assert "Logga in" in page
    assert "Log in" not in page


def test_footer_offers_the_language_switcher(client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert f'action="{reverse("set_language")}"' in page
    assert '<label for="language-select">Språk / Language</label>' in page
    assert '<option value="sv" lang="sv" selected>Svenska</option>' in page
    assert '<option value="en" lang="en">English</option>' in page
    assert "Byt språk" in page


def test_switching_to_english_sets_the_cookie_and_translates_pages(client):
    login = reverse("accounts:login")
    response = client.post(reverse("set_language"), {"language": "en", "next": login})
    assert response.status_code == 302
    assert response["Location"] == login
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    page = client.get(login).content.decode()
    assert '<html lang="en">' in page
    assert "Log in" in page
    assert "Logga in" not in page
    assert "Skip to content" in page
    assert '<option value="en" lang="en" selected>English</option>' in page
    assert "Change language" in page

    client.post(reverse("set_language"), {"language": "sv", "next": login})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "sv"
    assert '<html lang="sv">' in client.get(login).content.decode()


def test_switcher_ignores_an_unknown_language_and_a_foreign_next(client):
    login = reverse("accounts:login")
    response = client.post(
        reverse("set_language"), {"language": "xx", "next": "https://example.com/"}
    )
    assert response.status_code == 302
    assert not response["Location"].startswith("https://example.com")
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    # Django knows German, so set_language stores it, but Styra only speaks sv and en.
    client.post(reverse("set_language"), {"language": "de", "next": login})
    assert '<html lang="sv">' in client.get(login).content.decode()
