"""What `styra <command> --help` says, in the commands' house style.

Styra's commands describe themselves in their module's docstring, which opens with the
command's synopsis and is written in English, as eleven of the twelve are (only `styra
remind` is described in Swedish); every argument a command adds has its help, in Swedish,
the operator's console. The parser is read rather than run with --help, which exits.
"""

from __future__ import annotations

import importlib

import pytest
from django.core.management import load_command_class

# The options Django gives every command: its own help, in English.
DJANGO_OPTIONS = {
    "help",
    "version",
    "verbosity",
    "settings",
    "pythonpath",
    "traceback",
    "no_color",
    "force_color",
    "skip_checks",
}

ROLE_ARGUMENTS = {
    "person": "användarnamn eller e-postadress",
    "role": "roll: läsare, redaktör, beslutsfattare, …",
    "node": "enhetens namn eller sökväg",
    "user": "gör det som den här personen, med dess behörighet (utan: som serverns operatör)",
}

COMMANDS = {
    ("accounts", "grant"): ROLE_ARGUMENTS,
    ("accounts", "revoke"): ROLE_ARGUMENTS,
    ("accounts", "roles"): {
        "node": "enhetens namn eller sökväg",
        "user": ROLE_ARGUMENTS["user"],
    },
    ("cycle", "year_open"): {
        "year": "det nya planeringsåret",
        "from_year": "året att kopiera från",
        "committee": "en nämnd vars mål kopieras (namn eller sökväg; kan upprepas)",
        "all_committees": "kopiera alla nämnders mål",
        "user": "öppna året som den här användaren (administratör)",
    },
}


@pytest.mark.parametrize(("room", "name"), COMMANDS)
def test_the_description_is_the_docstring_opening_with_the_synopsis(room, name):
    command = load_command_class(f"styra.{room}", name)
    module = importlib.import_module(f"styra.{room}.management.commands.{name}")
    assert command.help == module.__doc__
    assert command.help.startswith(f"styra {name.replace('_', '-')} ")


@pytest.mark.parametrize(("room", "name"), COMMANDS)
def test_every_argument_of_the_command_is_explained_in_swedish(room, name):
    parser = load_command_class(f"styra.{room}", name).create_parser("styra", name)
    helps = {
        action.dest: action.help for action in parser._actions if action.dest not in DJANGO_OPTIONS
    }
    assert helps == COMMANDS[room, name]
