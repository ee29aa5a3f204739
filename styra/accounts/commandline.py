"""What the role commands (`styra grant`, `revoke`, `roles`) share: people, roles and nodes
as an operator types them, and acting as a person with --user.

A person is a username (or an e-mail address), a role its code ("editor") or label
("Redaktör", Swedish or English, any case), a node a name or a path of names
(organisation.models.resolve_unit). The commands speak Swedish: the operator's console.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.management.base import CommandError, CommandParser
from django.utils import translation

from styra.audit.trail import acting_as
from styra.organisation.models import OrgUnit, UnitLookupError, resolve_unit

from .models import Role


def role_label(role: str) -> str:
    with translation.override("sv"):
        return str(Role(role).label)


def find_role(text: str) -> str:
    """The role's code for its code or label, in any case."""
    wanted = text.strip().casefold()
    known = {code.casefold(): code for code in Role.values}
    for language in ("sv", "en"):
        with translation.override(language):
            known |= {str(label).casefold(): code for code, label in Role.choices}
    if wanted in known:
        return known[wanted]
    listed = ", ".join(f"{role_label(code).lower()} ({code})" for code in Role.values)
    raise CommandError(f"Okänd roll: {text!r}. Välj en av: {listed}.")


def find_person(text: str) -> User:
    """The account with that username, else the one with that e-mail address."""
    users = get_user_model().objects
    person: User | None = users.filter(username=text).first()
    if person is None and "@" in text:
        matches = list(users.filter(email__iexact=text)[:2])
        if len(matches) > 1:
            raise CommandError(f"Flera konton har e-postadressen {text}; ange användarnamnet.")
        person = matches[0] if matches else None
    if person is None:
        raise CommandError(f"Det finns ingen användare {text!r}.")
    return person


def find_node(text: str) -> OrgUnit:
    try:
        return resolve_unit(text)
    except UnitLookupError as exc:
        raise CommandError(str(exc)) from None


def find_actor(username: str | None) -> User | None:
    """The person a command acts as (--user): an existing, active account; None without it."""
    if username is None:
        return None
    person = get_user_model().objects.filter(username=username).first()
    if person is None:
        raise CommandError(f"Det finns ingen användare {username!r}.")
    if not person.is_active:
        raise CommandError(f"Användaren {username} är inaktiverad och kan inte ändra något.")
    return person


def add_user_option(parser: CommandParser) -> None:
    parser.add_argument(
        "--user",
        metavar="NAMN",
        help="gör det som den här personen, med dess behörighet (utan: som serverns operatör)",
    )


def add_role_arguments(parser: CommandParser) -> None:
    """USER ROLE NODE and --user."""
    parser.add_argument("person", metavar="USER", help="användarnamn eller e-postadress")
    parser.add_argument("role", metavar="ROLE", help="roll: läsare, redaktör, beslutsfattare, …")
    parser.add_argument("node", metavar="NODE", help="enhetens namn eller sökväg")
    add_user_option(parser)


def read_role_arguments(options: dict[str, Any]) -> tuple[User, str, OrgUnit, User | None]:
    """(person, role, node, actor) from the command line; unknown names stop the command."""
    actor = find_actor(options["user"])
    return (
        find_person(options["person"]),
        find_role(options["role"]),
        find_node(options["node"]),
        actor,
    )


def acting(actor: User | None, command: str) -> AbstractContextManager[object]:
    """Record the writes as the actor's, through `styra <command>`; the operator's without one."""
    return acting_as(actor, via=command) if actor is not None else nullcontext()
