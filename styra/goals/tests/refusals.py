"""Who is refused a change to the chain, and how; shared by the chain's view tests."""

from django.urls import reverse

# KF's part of the chain: everyone sees it, so all but the city's administrator get 403.
KF_REFUSED = [
    ("committee_editor", 403),
    ("editor_a", 403),
    ("editor_b", 403),
    ("reader", 403),
    ("approver", 403),
    ("controller", 403),
    ("outsider", 403),
]
# Norra nämnden's part: the outsider cannot even see it, so gets 404.
BOARD_REFUSED = [
    ("editor_a", 403),
    ("editor_b", 403),
    ("reader", 403),
    ("approver", 403),
    ("controller", 403),
    ("outsider", 404),
]


def login_as(client, request, persona: str):
    """Log in as the persona fixture named `persona`, for tests parametrised by persona."""
    user = request.getfixturevalue(persona)
    client.force_login(user)
    return user


def row_writes(kind: str, goal, row, valid: dict) -> list[tuple[str, dict | None]]:
    """Every POST that changes an indicator or activity (`kind`) under `goal`."""
    return [
        (reverse(f"goals:{kind}_create", args=[goal.pk]), valid),
        (reverse(f"goals:{kind}_edit", args=[row.pk]), valid),
        (reverse(f"goals:{kind}_delete", args=[row.pk]), {"confirm": "1"}),
        (reverse(f"goals:{kind}_move", args=[row.pk, "ned"]), None),
    ]


def assert_refused(client, status: int, posts: list[tuple[str, dict | None]]) -> None:
    """Each (url, data) POST is answered with `status`."""
    for url, data in posts:
        assert client.post(url, data).status_code == status, url
