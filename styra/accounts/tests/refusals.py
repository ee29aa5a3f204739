"""Who is refused the administration of a node, and how; shared by the node view tests."""

# Enhet A, which only the city's administrator administers: those who see it get 403, Enhet B's
# editor and the outsider, who do not, get 404.
REFUSED_ON_UNIT_A = [
    ("committee_editor", 403),
    ("editor_a", 403),
    ("editor_b", 404),
    ("reader", 403),
    ("approver", 403),
    ("controller", 403),
    ("outsider", 404),
]
