"""Exempelby kommun: an invented city for demonstrations and manual testing.

Everything in styra/demo is made up: the city, its committees, units, people and figures.
This module holds the organisation tree and the people with their roles; Mottagningsenheten
is renamed and moved into a new department between the years, as units are.
"""

CITY = "Exempelby kommun"
YEARS = (2025, 2026)

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
# Every demo person has an address, so that the demo's notices show as mail (on the console
# by default); .example is reserved for examples (RFC 2606) and reaches nobody.
EMAIL_DOMAIN = "exempelby.example"

# username, first name, last name, role, organisation node, superuser
USERS = [
    ("admin", "Alma", "Adminsson", "admin", CITY, True),
    ("beslut", "Bo", "Beslutare", "approver", "Socialnämnden", False),
    # The committee's own administrator: its people and roles, nothing above or beside it.
    ("namnd", "Nora", "Nämndsson", "admin", "Socialnämnden", False),
    ("controller", "Cecilia", "Kontroll", "controller", "Norrdalens stadsdelsnämnd", False),
    ("vuxen", "Vera", "Vuxengren", "editor", "Vuxenenheten", False),
    ("mottagning", "Malik", "Mottagare", "editor", "Mottagningsenheten", False),
    ("aldre", "Ärla", "Omsorgsdal", "editor", "Äldreomsorgen Norrdalen", False),
    ("lasare", "Leo", "Läsare", "reader", CITY, False),
]


def current_name(node: str) -> str:
    """The node's name today: the demo renames one unit between the years."""
    old, new = REORGANISATION_2026["rename"]
    return new if node == old else node
