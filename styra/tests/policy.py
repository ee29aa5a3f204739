"""The committed access policy table: every named URL × role × method → the answer.

It mirrors styra/accounts/permissions.py (and docs/access-policy.md) for the
world that styra/tests/test_url_policy.py builds: the organisation of
styra/conftest.py (Teststad → Norra nämnden → Socialförvaltningen → Enhet A,
Enhet B; Södra nämnden), unit A's plan for 2026 with one of everything, unit
A's report for 2026T1, the committee Norra nämnden, the KF and board goals, and a
notice to editor_a.
Each URL is asked about unit A's objects (or Norra nämnden's goals for the
chain pages), so editor_b is the sibling unit's editor reaching across.

Columns, in this order (ROLES):

    anonymous   not signed in
    public      not signed in, every id pointing at the adopted, published plan
                and the approved, published report (the public pages' visitor)
    reader      reader on Norra nämnden (covers Enhet A and Enhet B)
    editor_a    editor on Enhet A
    editor_b    editor on Enhet B, the sibling unit
    approver    approver on Norra nämnden
    controller  controller on Norra nämnden
    city_admin  administrator on Teststad, the root (the administrator role)

Rows: "GET" and "POST" (an empty body, or the minimal one in POST_DATA of the
test) with unit A's plan a draft and its report a draft; "GET locked" and
"POST locked" the same requests after the plan is adopted and the report
approved (only for URLs that take a plan, a report or a version).

Answers: "login" redirected to sign in; "ok" any other 2xx/3xx, and 400 for a
POST (access granted, the form refused the empty body); "403" may see but not
do; "404" may not even see; "405" method not allowed.
"""

ROLES = (
    "anonymous",
    "public",
    "reader",
    "editor_a",
    "editor_b",
    "approver",
    "controller",
    "city_admin",
)
PUBLIC = "public"
METHODS = ("GET", "POST")
LOCKED = "locked"
ANSWERS = frozenset({"login", "ok", "403", "404", "405"})

# Django's admin is for staff accounts only; no role in the tree makes one staff.
STAFF_ONLY = {
    "GET": "login login login login login login login login",
    "POST": "login login login login login login login login",
}

# fmt: off
TABLE: dict[str, dict[str, str]] = {
    #                   anonymous public reader editor_a editor_b approver controller city_admin
    # ------------------------------------------------------------ plans
    "start:home": {
        "GET":          "login login ok    ok    ok    ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
    },
    # Everyone signed in may search; what they find is narrowed (styra/search/tests).
    "search:page": {
        "GET":          "login login ok    ok    ok    ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
    },
    "plans:unit": {
        "GET":          "login login ok    ok    404   ok    ok    ok",
        "POST":         "login login 403   ok    404   403   403   ok",
    },
    "plans:detail": {
        "GET":          "login login ok    ok    404   ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
        "GET locked":   "login login ok    ok    404   ok    ok    ok",
        "POST locked":  "login login 405   405   405   405   405   405",
    },
    "plans:block": {
        "GET":          "login login ok    ok    404   ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
        "GET locked":   "login login ok    ok    404   ok    ok    ok",
        "POST locked":  "login login 405   405   405   405   405   405",
    },
    "plans:header_edit": {
        "GET":          "login login 403   ok    404   403   403   ok",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 403   403   404   403   403   403",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "plans:section_create": {
        "GET":          "login login 403   ok    404   403   403   ok",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 403   403   404   403   403   403",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "plans:section_edit": {
        "GET":          "login login 403   ok    404   403   403   ok",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 403   403   404   403   403   403",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "plans:section_delete": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 405   405   405   405   405   405",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "plans:section_move": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 405   405   405   405   405   405",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "plans:appendix_create": {
        "GET":          "login login 403   ok    404   403   403   ok",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 403   403   404   403   403   403",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "plans:appendix_download": {
        "GET":          "login login ok    ok    404   ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
        "GET locked":   "login login ok    ok    404   ok    ok    ok",
        "POST locked":  "login login 405   405   405   405   405   405",
    },
    "plans:appendix_delete": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 405   405   405   405   405   405",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "decisions:plan_submit": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 405   405   405   405   405   405",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "decisions:plan_adopt": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   403   404   ok    403   ok",
        "GET locked":   "login login 405   405   405   405   405   405",
        "POST locked":  "login login 403   403   404   ok    403   ok",
    },
    "decisions:plan_reopen": {
        "GET":          "login login 403   403   404   ok    403   ok",
        "POST":         "login login 403   403   404   ok    403   ok",
        "GET locked":   "login login 403   403   404   ok    403   ok",
        "POST locked":  "login login 403   403   404   ok    403   ok",
    },
    # ---- internal control: decisions
    # As a plan's: the node's editor (or an administrator) hands in a draft, an approver above
    # the node (or an administrator) adopts and reopens; the versions are the readers'.
    "decisions:control_plan_submit": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 405   405   405   405   405   405",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "decisions:control_plan_adopt": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   403   404   ok    403   ok",
        "GET locked":   "login login 405   405   405   405   405   405",
        "POST locked":  "login login 403   403   404   ok    403   ok",
    },
    "decisions:control_plan_reopen": {
        "GET":          "login login 403   403   404   ok    403   ok",
        "POST":         "login login 403   403   404   ok    403   ok",
        "GET locked":   "login login 403   403   404   ok    403   ok",
        "POST locked":  "login login 403   403   404   ok    403   ok",
    },
    "decisions:control_plan_versions": {
        "GET":          "login login ok    ok    404   ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
        "GET locked":   "login login ok    ok    404   ok    ok    ok",
        "POST locked":  "login login 405   405   405   405   405   405",
    },
    "decisions:control_plan_compare": {
        "GET":          "login login ok    ok    404   ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
        "GET locked":   "login login ok    ok    404   ok    ok    ok",
        "POST locked":  "login login 405   405   405   405   405   405",
    },
    "plans:copy": {
        "GET":          "login login 403   ok    404   403   403   ok",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 403   ok    404   403   403   ok",
        "POST locked":  "login login 403   ok    404   403   403   ok",
    },
    "plans:goal_create": {
        "GET":          "login login 403   ok    404   403   403   ok",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 403   403   404   403   403   403",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "plans:goal_edit": {
        "GET":          "login login 403   ok    404   403   403   ok",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 403   403   404   403   403   403",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "plans:goal_delete": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 405   405   405   405   405   405",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "plans:goal_move": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 405   405   405   405   405   405",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "plans:chain_add": {
        "GET":          "login login 403   ok    404   403   403   ok",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 403   403   404   403   403   403",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "plans:chain_remove": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 405   405   405   405   405   405",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "plans:indicator_create": {
        "GET":          "login login 403   ok    404   403   403   ok",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 403   403   404   403   403   403",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "plans:indicator_edit": {
        "GET":          "login login 403   ok    404   403   403   ok",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 403   403   404   403   403   403",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "plans:indicator_delete": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 405   405   405   405   405   405",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "plans:indicator_move": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 405   405   405   405   405   405",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "plans:target_edit": {
        "GET":          "login login 403   ok    404   403   403   ok",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 403   403   404   403   403   403",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "plans:activity_create": {
        "GET":          "login login 403   ok    404   403   403   ok",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 403   403   404   403   403   403",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "plans:activity_edit": {
        "GET":          "login login 403   ok    404   403   403   ok",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 403   403   404   403   403   403",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "plans:activity_delete": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 405   405   405   405   405   405",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "plans:activity_move": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 405   405   405   405   405   405",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "plans:budget_unit": {
        "GET":          "login login 403   ok    404   403   ok    ok",
        "POST":         "login login 403   ok    404   403   ok    ok",
        "GET locked":   "login login 403   403   404   403   403   403",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "plans:budget_row_create": {
        "GET":          "login login 403   ok    404   403   ok    ok",
        "POST":         "login login 403   ok    404   403   ok    ok",
        "GET locked":   "login login 403   403   404   403   403   403",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "plans:budget_row_edit": {
        "GET":          "login login 403   ok    404   403   ok    ok",
        "POST":         "login login 403   ok    404   403   ok    ok",
        "GET locked":   "login login 403   403   404   403   403   403",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "plans:budget_row_delete": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   ok    404   403   ok    ok",
        "GET locked":   "login login 405   405   405   405   405   405",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "plans:budget_row_move": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   ok    404   403   ok    ok",
        "GET locked":   "login login 405   405   405   405   405   405",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    # ---- internal control: files
    # Unit A's internal control plan (a draft; adopted in the locked rows) as a file, for who
    # may read it; its follow-up only once adopted (only an adopted plan is followed up).
    "internal_control:download": {
        "GET":          "login login ok    ok    404   ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
        "GET locked":   "login login ok    ok    404   ok    ok    ok",
        "POST locked":  "login login 405   405   405   405   405   405",
    },
    "internal_control:followup_download": {
        "GET":          "login login 404   404   404   404   404   404",
        "POST":         "login login 405   405   405   405   405   405",
        "GET locked":   "login login ok    ok    404   ok    ok    ok",
        "POST locked":  "login login 405   405   405   405   405   405",
    },
    # The import page for whoever may edit a node that keeps a control plan; the confirm
    # (a preview signed for unit A's draft, with "replace") as who may edit unit A.
    "internal_control:import": {
        "GET":          "login login 403   ok    ok    403   403   ok",
        "POST":         "login login 403   ok    ok    403   403   ok",
    },
    "internal_control:import_confirm": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   ok    404   403   403   ok",
    },
    # ---------------------------------------------- internal control: quality guarantees
    # Unit A's guarantees are part of its plan: everyone who sees the unit reads them, its
    # editors write them while the plan is a draft (the adopted plan's rows are 403), and
    # report their follow-up whatever the plan's state (the period's report locks it in the
    # service: the empty POST is the form's 400).
    "internal_control:guarantees": {
        "GET":          "login login ok    ok    404   ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
    },
    "internal_control:guarantee_create": {
        "GET":          "login login 403   ok    404   403   403   ok",
        "POST":         "login login 403   ok    404   403   403   ok",
    },
    "internal_control:guarantee_edit": {
        "GET":          "login login 403   ok    404   403   403   ok",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 403   403   404   403   403   403",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "internal_control:guarantee_delete": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 405   405   405   405   405   405",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "internal_control:guarantee_move": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 405   405   405   405   405   405",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "internal_control:guarantee_outcome": {
        "GET":          "login login 403   ok    404   403   403   ok",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 403   ok    404   403   403   ok",
        "POST locked":  "login login 403   ok    404   403   403   ok",
    },
    # ------------------------------------------------------------ internal control
    # The year's control plans, for everyone signed in (a draft year only for those who
    # prepare it: styra/internal_control/tests/test_views.py).
    "internal_control:home": {
        "GET":          "login login ok    ok    ok    ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
    },
    "internal_control:year": {
        "GET":          "login login ok    ok    ok    ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
    },
    # The body starts unit B's plan: its committee's editors start a unit's plan, so unit B's
    # own editor may see it but not start it.
    "internal_control:create": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   404   403   403   403   ok",
    },
    # The city's risks: seen by everyone who sees the year, changed by its administrators.
    "internal_control:city_risks": {
        "GET":          "login login ok    ok    ok    ok    ok    ok",
        "POST":         "login login 403   403   403   403   403   ok",
    },
    "internal_control:city_risk_delete": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   403   403   403   403   ok",
    },
    "internal_control:detail": {
        "GET":          "login login ok    ok    404   ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
        "GET locked":   "login login ok    ok    404   ok    ok    ok",
        "POST locked":  "login login 405   405   405   405   405   405",
    },
    # Next year's plan is started as any plan of the node is: unit A's by its committee's editors.
    "internal_control:copy": {
        "GET":          "login login 403   403   404   403   403   ok",
        "POST":         "login login 403   403   404   403   403   ok",
        "GET locked":   "login login 403   403   404   403   403   ok",
        "POST locked":  "login login 403   403   404   403   403   ok",
    },
    "internal_control:process_create": {
        "GET":          "login login 403   ok    404   403   403   ok",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 403   403   404   403   403   403",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "internal_control:process_edit": {
        "GET":          "login login 403   ok    404   403   403   ok",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 403   403   404   403   403   403",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "internal_control:process_delete": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 405   405   405   405   405   405",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "internal_control:risk_create": {
        "GET":          "login login 403   ok    404   403   403   ok",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 403   403   404   403   403   403",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "internal_control:risk_edit": {
        "GET":          "login login 403   ok    404   403   403   ok",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 403   403   404   403   403   403",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "internal_control:risk_delete": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 405   405   405   405   405   405",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "internal_control:control_create": {
        "GET":          "login login 403   ok    404   403   403   ok",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 403   403   404   403   403   403",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "internal_control:control_edit": {
        "GET":          "login login 403   ok    404   403   403   ok",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 403   403   404   403   403   403",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "internal_control:control_delete": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 405   405   405   405   405   405",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    # Follow-up is refused before adoption and once the period's report is handed in: unit A's
    # plan is a draft, and when it is adopted ('locked') its T1 report is approved. The way
    # through is tested in styra/internal_control/tests/test_views_editing.py.
    "internal_control:result_report": {
        "GET":          "login login 403   403   404   403   403   403",
        "POST":         "login login 403   403   404   403   403   403",
        "GET locked":   "login login 403   403   404   403   403   403",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    # Results and measures are Norra nämnden's (an adopted plan, T1 open): its editors and
    # the city's administrators write them.
    "internal_control:measure_create": {
        "GET":          "login login 403   404   404   403   403   ok",
        "POST":         "login login 403   404   404   403   403   ok",
    },
    "internal_control:measure_edit": {
        "GET":          "login login 403   404   404   403   403   ok",
        "POST":         "login login 403   404   404   403   403   ok",
    },
    "internal_control:measure_delete": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   404   404   403   403   ok",
    },
    # ------------------------------------------------------------ accounts
    "accounts:login": {
        "GET":          "ok    ok    ok    ok    ok    ok    ok    ok",
        "POST":         "ok    ok    ok    ok    ok    ok    ok    ok",
    },
    "accounts:logout": {
        "GET":          "405   405   405   405   405   405   405   405",
        "POST":         "login login login login login login login login",
    },
    "accounts:password_reset": {
        "GET":          "ok    ok    ok    ok    ok    ok    ok    ok",
        "POST":         "ok    ok    ok    ok    ok    ok    ok    ok",
    },
    "accounts:password_reset_done": {
        "GET":          "ok    ok    ok    ok    ok    ok    ok    ok",
        "POST":         "405   405   405   405   405   405   405   405",
    },
    "accounts:password_reset_confirm": {
        "GET":          "ok    ok    ok    ok    ok    ok    ok    ok",
        "POST":         "ok    ok    ok    ok    ok    ok    ok    ok",
    },
    "accounts:password_reset_complete": {
        "GET":          "ok    ok    ok    ok    ok    ok    ok    ok",
        "POST":         "405   405   405   405   405   405   405   405",
    },
    "accounts:otp": {
        "GET":          "login login ok    ok    ok    ok    ok    ok",
        "POST":         "login login ok    ok    ok    ok    ok    ok",
    },
    "accounts:otp_setup": {
        "GET":          "login login ok    ok    ok    ok    ok    ok",
        "POST":         "login login ok    ok    ok    ok    ok    ok",
    },
    "accounts:oidc_login": {
        "GET":          "404   404   404   404   404   404   404   404",
        "POST":         "404   404   404   404   404   404   404   404",
    },
    "accounts:oidc_callback": {
        "GET":          "404   404   404   404   404   404   404   404",
        "POST":         "404   404   404   404   404   404   404   404",
    },
    "accounts:my_access": {
        "GET":          "login login ok    ok    ok    ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
    },
    # ------------------------------------------------------------ people and roles
    # (about editor_a, the unit's editor, and that role; the administration does not exist
    # for those who administer nothing; a committee's administrator: COMMITTEE_ADMIN below)
    "people:list": {
        "GET":          "login login 404   404   404   404   404   ok",
        "POST":         "login login 405   405   405   405   405   405",
    },
    "people:create": {
        "GET":          "login login 404   404   404   404   404   ok",
        "POST":         "login login 404   404   404   404   404   ok",
    },
    "people:grant": {
        "GET":          "login login 404   404   404   404   404   ok",
        "POST":         "login login 404   404   404   404   404   ok",
    },
    "people:revoke": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 404   404   404   404   404   ok",
    },
    "people:person": {
        "GET":          "login login 404   404   404   404   404   ok",
        "POST":         "login login 405   405   405   405   405   405",
    },
    "people:update": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 404   404   404   404   404   ok",
    },
    "people:deactivate": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 404   404   404   404   404   ok",
    },
    "people:reactivate": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 404   404   404   404   404   ok",
    },
    "people:invite": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 404   404   404   404   404   ok",
    },
    # ------------------------------------------------------------ organisation
    "organisation:tree": {
        "GET":          "login login ok    ok    ok    ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
    },
    "organisation:node_add": {
        "GET":          "login login 403   403   404   403   403   ok",
        "POST":         "login login 403   403   404   403   403   ok",
    },
    "organisation:node_rename": {
        "GET":          "login login 403   403   404   403   403   ok",
        "POST":         "login login 403   403   404   403   403   ok",
    },
    "organisation:node_move": {
        "GET":          "login login 403   403   404   403   403   ok",
        "POST":         "login login 403   403   404   403   403   ok",
    },
    # ------------------------------------------------------------ goals
    "goals:chain": {
        "GET":          "login login ok    ok    ok    ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
    },
    "goals:chain_year": {
        "GET":          "login login ok    ok    ok    ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
    },
    "goals:year_create": {
        "GET":          "login login 403   403   403   403   403   ok",
        "POST":         "login login 403   403   403   403   403   ok",
    },
    "goals:year_label": {
        "GET":          "login login 403   403   403   403   403   ok",
        "POST":         "login login 403   403   403   403   403   ok",
    },
    # ------------------------------------------------------------ cycle (planning years)
    # Opening a year from the last and opening it for the units are the city
    # administrator's; the chain is everyone's to see, so the others get 403.
    "cycle:year_open": {
        "GET":          "login login 403   403   403   403   403   ok",
        "POST":         "login login 403   403   403   403   403   ok",
    },
    "cycle:year_release": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   403   403   403   403   ok",
    },
    # ------------------------------------------------------------ cycle (Årshjulet)
    # The calendar is every signed-in person's (narrowed to their dates); its dates are
    # the city administrator's to change (and a committee's own, its administrator's: the
    # world's date is Norra nämndens, and no persona administers Norra nämnden). The feed
    # needs no sign-in: the token is the key, and the world's token is no feed's (404).
    "calendar:home": {
        "GET":          "login login ok    ok    ok    ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
    },
    "calendar:year": {
        "GET":          "login login ok    ok    ok    ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
    },
    "calendar:dates": {
        "GET":          "login login 403   403   403   403   403   ok",
        "POST":         "login login 405   405   405   405   405   405",
    },
    "calendar:date_create": {
        "GET":          "login login 403   403   403   403   403   ok",
        "POST":         "login login 403   403   403   403   403   ok",
    },
    "calendar:date_edit": {
        "GET":          "login login 403   403   403   403   403   ok",
        "POST":         "login login 403   403   403   403   403   ok",
    },
    "calendar:date_delete": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   403   403   403   403   ok",
    },
    "calendar:feed_create": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login ok    ok    ok    ok    ok    ok",
    },
    "calendar:feed_delete": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login ok    ok    ok    ok    ok    ok",
    },
    "calendar:feed": {
        "GET":          "404   404   404   404   404   404   404   404",
        "POST":         "405   405   405   405   405   405   405   405",
    },
    "goals:direction_create": {
        "GET":          "login login 403   403   403   403   403   ok",
        "POST":         "login login 403   403   403   403   403   ok",
    },
    "goals:goal_block": {
        "GET":          "login login ok    ok    ok    ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
    },
    "goals:goal_create_child": {
        "GET":          "login login 403   403   403   403   403   ok",
        "POST":         "login login 403   403   403   403   403   ok",
    },
    "goals:goal_edit": {
        "GET":          "login login 403   403   403   403   403   ok",
        "POST":         "login login 403   403   403   403   403   ok",
    },
    "goals:goal_delete": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   403   403   403   403   ok",
    },
    "goals:goal_move": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   403   403   403   403   ok",
    },
    "goals:indicator_create": {
        "GET":          "login login 403   403   403   403   403   ok",
        "POST":         "login login 403   403   403   403   403   ok",
    },
    "goals:indicator_edit": {
        "GET":          "login login 403   403   403   403   403   ok",
        "POST":         "login login 403   403   403   403   403   ok",
    },
    "goals:indicator_delete": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   403   403   403   403   ok",
    },
    "goals:indicator_move": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   403   403   403   403   ok",
    },
    "goals:activity_create": {
        "GET":          "login login 403   403   403   403   403   ok",
        "POST":         "login login 403   403   403   403   403   ok",
    },
    "goals:activity_edit": {
        "GET":          "login login 403   403   403   403   403   ok",
        "POST":         "login login 403   403   403   403   403   ok",
    },
    "goals:activity_delete": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   403   403   403   403   ok",
    },
    "goals:activity_move": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   403   403   403   403   ok",
    },
    # ------------------------------------------------------------ documents
    "documents:plan": {
        "GET":          "login login ok    ok    404   ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
        "GET locked":   "login login ok    ok    404   ok    ok    ok",
        "POST locked":  "login login 405   405   405   405   405   405",
    },
    "documents:report": {
        "GET":          "login login ok    ok    404   ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
        "GET locked":   "login login ok    ok    404   ok    ok    ok",
        "POST locked":  "login login 405   405   405   405   405   405",
    },
    "documents:committee_report": {
        "GET":          "login login ok    404   404   ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
    },
    # ------------------------------------------------------------ importer
    "importer:upload": {
        "GET":          "login login 403   ok    ok    403   403   ok",
        "POST":         "login login 403   ok    ok    403   403   ok",
    },
    "importer:confirm": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   ok    ok    403   403   ok",
    },
    # ------------------------------------------------------------ followup
    "followup:home": {
        "GET":          "login login ok    ok    ok    ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
    },
    "followup:budget_latest": {
        "GET":          "login login ok    ok    404   ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
        "GET locked":   "login login ok    ok    404   ok    ok    ok",
        "POST locked":  "login login 405   405   405   405   405   405",
    },
    "followup:budget_month": {
        "GET":          "login login ok    ok    404   ok    ok    ok",
        "POST":         "login login 403   ok    404   403   ok    ok",
        "GET locked":   "login login ok    ok    404   ok    ok    ok",
        "POST locked":  "login login 403   ok    404   403   ok    ok",
    },
    "followup:periods": {
        "GET":          "login login 404   404   404   404   404   ok",
        "POST":         "login login 405   405   405   405   405   405",
    },
    "followup:periods_block": {
        "GET":          "login login 404   404   404   404   404   ok",
        "POST":         "login login 405   405   405   405   405   405",
    },
    "followup:periods_create": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 404   404   404   404   404   ok",
    },
    "followup:tolerance_edit": {
        "GET":          "login login 404   404   404   404   404   ok",
        "POST":         "login login 404   404   404   404   404   ok",
    },
    "followup:period_edit": {
        "GET":          "login login 404   404   404   404   404   ok",
        "POST":         "login login 404   404   404   404   404   ok",
    },
    "followup:report_open": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   ok    404   403   403   ok",
    },
    "followup:report": {
        "GET":          "login login ok    ok    404   ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
        "GET locked":   "login login ok    ok    404   ok    ok    ok",
        "POST locked":  "login login 405   405   405   405   405   405",
    },
    "followup:report_block": {
        "GET":          "login login ok    ok    404   ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
        "GET locked":   "login login ok    ok    404   ok    ok    ok",
        "POST locked":  "login login 405   405   405   405   405   405",
    },
    "decisions:report_submit": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 405   405   405   405   405   405",
        "POST locked":  "login login 403   ok    404   403   403   ok",
    },
    "decisions:report_approve": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   403   404   ok    403   ok",
        "GET locked":   "login login 405   405   405   405   405   405",
        "POST locked":  "login login 403   403   404   ok    403   ok",
    },
    "decisions:report_reopen": {
        "GET":          "login login 403   403   404   ok    403   ok",
        "POST":         "login login 403   403   404   ok    403   ok",
        "GET locked":   "login login 403   403   404   ok    403   ok",
        "POST locked":  "login login 403   403   404   ok    403   ok",
    },
    # ------------------------------------------------------------ conversations
    # The dialog's parties: the unit's editors and administrators, the approvers above it.
    # A reader or controller may see the plan but is no party (403); the sibling unit's
    # editor may not see it at all (404). A decided plan's dialog stays open.
    "conversations:plan": {
        "GET":          "login login 403   ok    404   ok    403   ok",
        "POST":         "login login 403   ok    404   ok    403   ok",
        "GET locked":   "login login 403   ok    404   ok    403   ok",
        "POST locked":  "login login 403   ok    404   ok    403   ok",
    },
    "conversations:report": {
        "GET":          "login login 403   ok    404   ok    403   ok",
        "POST":         "login login 403   ok    404   ok    403   ok",
        "GET locked":   "login login 403   ok    404   ok    403   ok",
        "POST locked":  "login login 403   ok    404   ok    403   ok",
    },
    "followup:report_outcome": {
        "GET":          "login login 403   ok    404   403   403   ok",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 403   403   404   403   403   403",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "followup:report_assessment": {
        "GET":          "login login 403   ok    404   403   403   ok",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 403   403   404   403   403   403",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "followup:report_activity": {
        "GET":          "login login 403   ok    404   403   403   ok",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 403   403   404   403   403   403",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "followup:report_budget": {
        "GET":          "login login 403   ok    404   403   ok    ok",
        "POST":         "login login 403   ok    404   403   ok    ok",
        "GET locked":   "login login 403   403   404   403   403   403",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "followup:report_section": {
        "GET":          "login login 403   ok    404   403   403   ok",
        "POST":         "login login 403   ok    404   403   403   ok",
        "GET locked":   "login login 403   403   404   403   403   403",
        "POST locked":  "login login 403   403   404   403   403   403",
    },
    "followup:rollup_committee": {
        "GET":          "login login ok    404   404   ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
    },
    "followup:rollup_city": {
        "GET":          "login login 404   404   404   404   404   ok",
        "POST":         "login login 405   405   405   405   405   405",
    },
    "followup:rollup_excel(committee_id, period)": {
        "GET":          "login login ok    404   404   ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
    },
    "followup:rollup_excel(period)": {
        "GET":          "login login 404   404   404   404   404   ok",
        "POST":         "login login 405   405   405   405   405   405",
    },
    # ---- internal control: roll-up
    # Asked about Norra nämnden (the city's page is the same view, as followup's city page).
    "internal_control:rollup": {
        "GET":          "login login ok    404   404   ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
    },
    "followup:upload": {
        "GET":          "login login 403   ok    ok    403   403   ok",
        "POST":         "login login 403   ok    ok    403   403   ok",
    },
    "followup:upload_confirm": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   ok    ok    403   403   ok",
    },
    "followup:upload_template": {
        "GET":          "login login 403   ok    ok    403   403   ok",
        "POST":         "login login 405   405   405   405   405   405",
    },
    # ------------------------------------------------------------ indicators
    "indicators:detail": {
        "GET":          "login login ok    ok    404   ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
    },
    # ------------------------------------------------------------ publication
    "decisions:plan_versions": {
        "GET":          "login login ok    ok    404   ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
        "GET locked":   "login login ok    ok    404   ok    ok    ok",
        "POST locked":  "login login 405   405   405   405   405   405",
    },
    "decisions:compare": {
        "GET":          "login login ok    ok    404   ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
        "GET locked":   "login login ok    ok    404   ok    ok    ok",
        "POST locked":  "login login 405   405   405   405   405   405",
    },
    "decisions:plan_publish": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   403   404   ok    403   ok",
        "GET locked":   "login login 405   405   405   405   405   405",
        "POST locked":  "login login 403   403   404   ok    403   ok",
    },
    "decisions:plan_unpublish": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   403   404   ok    403   ok",
        "GET locked":   "login login 405   405   405   405   405   405",
        "POST locked":  "login login 403   403   404   ok    403   ok",
    },
    "decisions:report_versions": {
        "GET":          "login login ok    ok    404   ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
        "GET locked":   "login login ok    ok    404   ok    ok    ok",
        "POST locked":  "login login 405   405   405   405   405   405",
    },
    "decisions:report_publish": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   403   404   ok    403   ok",
        "GET locked":   "login login 405   405   405   405   405   405",
        "POST locked":  "login login 403   403   404   ok    403   ok",
    },
    "decisions:report_unpublish": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 403   403   404   ok    403   ok",
        "GET locked":   "login login 405   405   405   405   405   405",
        "POST locked":  "login login 403   403   404   ok    403   ok",
    },
    "decisions:download": {
        "GET":          "login login ok    ok    404   ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
        "GET locked":   "login login ok    ok    404   ok    ok    ok",
        "POST locked":  "login login 405   405   405   405   405   405",
    },
    "decisions:public_index": {
        "GET":          "ok    ok    ok    ok    ok    ok    ok    ok",
        "POST":         "405   405   405   405   405   405   405   405",
    },
    "decisions:public_detail": {
        "GET":          "404   ok    404   404   404   404   404   404",
        "POST":         "405   405   405   405   405   405   405   405",
        "GET locked":   "ok    ok    ok    ok    ok    ok    ok    ok",
        "POST locked":  "405   405   405   405   405   405   405   405",
    },
    "decisions:public_download": {
        "GET":          "404   ok    404   404   404   404   404   404",
        "POST":         "405   405   405   405   405   405   405   405",
        "GET locked":   "ok    ok    ok    ok    ok    ok    ok    ok",
        "POST locked":  "405   405   405   405   405   405   405   405",
    },
    # ------------------------------------------------------------ admin
    "admin:index": STAFF_ONLY,
    "admin:login": {
        "GET":          "ok    ok    ok    ok    ok    ok    ok    ok",
        "POST":         "ok    ok    ok    ok    ok    ok    ok    ok",
    },
    "admin:logout": {
        "GET":          "ok    ok    ok    ok    ok    ok    ok    ok",
        "POST":         "ok    ok    ok    ok    ok    ok    ok    ok",
    },
    "admin:password_change": STAFF_ONLY,
    "admin:password_change_done": STAFF_ONLY,
    "admin:autocomplete": STAFF_ONLY,
    "admin:jsi18n": STAFF_ONLY,
    "admin:view_on_site": STAFF_ONLY,
    "admin:auth_group_changelist": STAFF_ONLY,
    "admin:auth_group_add": STAFF_ONLY,
    "admin:auth_group_history": STAFF_ONLY,
    "admin:auth_group_delete": STAFF_ONLY,
    "admin:auth_group_change": STAFF_ONLY,
    "admin:accounts_grouprole_changelist": STAFF_ONLY,
    "admin:accounts_grouprole_add": STAFF_ONLY,
    "admin:accounts_grouprole_history": STAFF_ONLY,
    "admin:accounts_grouprole_delete": STAFF_ONLY,
    "admin:accounts_grouprole_change": STAFF_ONLY,
    "admin:auth_user_password_change": STAFF_ONLY,
    "admin:auth_user_changelist": STAFF_ONLY,
    "admin:auth_user_add": STAFF_ONLY,
    "admin:auth_user_history": STAFF_ONLY,
    "admin:auth_user_delete": STAFF_ONLY,
    "admin:auth_user_change": STAFF_ONLY,
    "admin:axes_accessattempt_changelist": STAFF_ONLY,
    "admin:axes_accessattempt_add": STAFF_ONLY,
    "admin:axes_accessattempt_history": STAFF_ONLY,
    "admin:axes_accessattempt_delete": STAFF_ONLY,
    "admin:axes_accessattempt_change": STAFF_ONLY,
    "admin:axes_accesslog_changelist": STAFF_ONLY,
    "admin:axes_accesslog_add": STAFF_ONLY,
    "admin:axes_accesslog_history": STAFF_ONLY,
    "admin:axes_accesslog_delete": STAFF_ONLY,
    "admin:axes_accesslog_change": STAFF_ONLY,
    "admin:axes_accessfailurelog_changelist": STAFF_ONLY,
    "admin:axes_accessfailurelog_add": STAFF_ONLY,
    "admin:axes_accessfailurelog_history": STAFF_ONLY,
    "admin:axes_accessfailurelog_delete": STAFF_ONLY,
    "admin:axes_accessfailurelog_change": STAFF_ONLY,
    "admin:otp_totp_totpdevice_config": STAFF_ONLY,
    "admin:otp_totp_totpdevice_qrcode": STAFF_ONLY,
    "admin:otp_totp_totpdevice_changelist": STAFF_ONLY,
    "admin:otp_totp_totpdevice_add": STAFF_ONLY,
    "admin:otp_totp_totpdevice_history": STAFF_ONLY,
    "admin:otp_totp_totpdevice_delete": STAFF_ONLY,
    "admin:otp_totp_totpdevice_change": STAFF_ONLY,
    "admin:publication_snapshot_changelist": STAFF_ONLY,
    "admin:publication_snapshot_add": STAFF_ONLY,
    "admin:publication_snapshot_history": STAFF_ONLY,
    "admin:publication_snapshot_delete": STAFF_ONLY,
    "admin:publication_snapshot_change": STAFF_ONLY,
    "admin:publication_publication_changelist": STAFF_ONLY,
    "admin:publication_publication_add": STAFF_ONLY,
    "admin:publication_publication_history": STAFF_ONLY,
    "admin:publication_publication_delete": STAFF_ONLY,
    "admin:publication_publication_change": STAFF_ONLY,
    "admin:publication_snapshotevent_changelist": STAFF_ONLY,
    "admin:publication_snapshotevent_add": STAFF_ONLY,
    "admin:publication_snapshotevent_history": STAFF_ONLY,
    "admin:publication_snapshotevent_delete": STAFF_ONLY,
    "admin:publication_snapshotevent_change": STAFF_ONLY,
    "admin:app_list": STAFF_ONLY,
    # ------------------------------------------------------------ (root)
    "set_language": {
        "GET":          "ok    ok    ok    ok    ok    ok    ok    ok",
        "POST":         "ok    ok    ok    ok    ok    ok    ok    ok",
    },
    "accessibility": {
        "GET":          "ok    ok    ok    ok    ok    ok    ok    ok",
        "POST":         "405   405   405   405   405   405   405   405",
    },
    # ------------------------------------------------------------ audit
    "audit:search": {
        "GET":          "login login 404   404   404   404   404   ok",
        "POST":         "login login 405   405   405   405   405   405",
    },
    "audit:export": {
        "GET":          "login login 404   404   404   404   404   ok",
        "POST":         "login login 405   405   405   405   405   405",
    },
    "audit:plan": {
        "GET":          "login login ok    ok    404   ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
        "GET locked":   "login login ok    ok    404   ok    ok    ok",
        "POST locked":  "login login 405   405   405   405   405   405",
    },
    "audit:report": {
        "GET":          "login login ok    ok    404   ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
        "GET locked":   "login login ok    ok    404   ok    ok    ok",
        "POST locked":  "login login 405   405   405   405   405   405",
    },
    "admin:audit_auditentry_changelist": STAFF_ONLY,
    "admin:audit_auditentry_add": STAFF_ONLY,
    "admin:audit_auditentry_history": STAFF_ONLY,
    "admin:audit_auditentry_delete": STAFF_ONLY,
    "admin:audit_auditentry_change": STAFF_ONLY,
    "admin:audit_securityevent_changelist": STAFF_ONLY,
    "admin:audit_securityevent_add": STAFF_ONLY,
    "admin:audit_securityevent_history": STAFF_ONLY,
    "admin:audit_securityevent_delete": STAFF_ONLY,
    "admin:audit_securityevent_change": STAFF_ONLY,
    # ------------------------------------------------------------ notifications
    # Everyone's own list and preferences; the notice asked about is editor_a's, so
    # every other person, the city's administrator included, gets 404 for it.
    "notifications:list": {
        "GET":          "login login ok    ok    ok    ok    ok    ok",
        "POST":         "login login 405   405   405   405   405   405",
    },
    "notifications:read_all": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login ok    ok    ok    ok    ok    ok",
    },
    "notifications:settings": {
        "GET":          "login login ok    ok    ok    ok    ok    ok",
        "POST":         "login login ok    ok    ok    ok    ok    ok",
    },
    "notifications:read": {
        "GET":          "login login 405   405   405   405   405   405",
        "POST":         "login login 404   ok    404   404   404   404",
    },
    # Following a notice's link from the list (it marks the notice read): a link, so GET.
    "notifications:open": {
        "GET":          "login login 404   ok    404   404   404   404",
        "POST":         "login login 405   405   405   405   405   405",
    },
}
# fmt: on


# ---------------------------------------------------------------- a committee's administrator
#
# Personer och roller as the administrator of Norra nämnden (committee_admin in
# styra/conftest.py; styra/tests/test_url_policy.py,
# test_a_committee_administrator_reaches_no_one_above_or_beside_it), about editor_a (editor
# on Enhet A, reader on Enhet B: inside its subtree), city_admin (administrator of the city
# above it) and editor_s (editor on Enhet S under Södra nämnden, beside it). "people:grant
# ROLE NODE" gives editor_a the role on that node of the conftest tree. Answers as in
# TABLE, then ":" and what the request changed of anyone's roles or accounts: "changed" or
# "-" nothing (a refused grant re-shows the form, whose node list holds only the nodes the
# administrator administers). "people:update PERSON" posts a new name and address.

# fmt: off
COMMITTEE_ADMIN: dict[str, str] = {
    "people:list":                  "ok:-",
    "people:person editor_a":       "ok:-",
    "people:person city_admin":     "404:-",
    "people:person editor_s":       "404:-",
    "people:grant reader unit_b":   "ok:-",        # editor_a holds it already
    "people:grant approver dept":   "ok:changed",
    "people:grant admin unit_a":    "ok:changed",  # below its own node: delegation
    "people:grant admin north":     "ok:changed",  # its own node
    "people:grant admin city":      "ok:-",        # above: never
    "people:grant admin south":     "ok:-",        # beside: never
    "people:grant reader unit_s":   "ok:-",
    "people:revoke editor_a":       "ok:changed",
    "people:revoke city_admin":     "404:-",
    "people:revoke editor_s":       "404:-",
    "people:update editor_a":       "ok:changed",
    "people:update city_admin":     "404:-",
    "people:update editor_s":       "404:-",
    "people:deactivate editor_a":   "ok:changed",
    "people:deactivate city_admin": "404:-",
    "people:deactivate editor_s":   "404:-",
    "people:reactivate editor_s":   "404:-",
    "people:invite city_admin":     "404:-",
    "people:invite editor_s":       "404:-",
}
# fmt: on


# ---------------------------------------------------------------- writes above the unit
#
# Requests whose bodies reach above unit A (styra/tests/test_url_policy.py,
# test_no_role_writes_above_the_unit): the import of a forged plan
# (styra/plans/tests/forged.py: a new KF and board goal, KF:s årsmål "1 %", texts on
# KF's and the committee's goals, a new indicator and activity on chain goals) into
# unit A, uploaded and then confirmed as the preview offers it (with "replace"), in the
# file's year 2026 or the years 1990 and 2099 that do not exist; the same with the
# administrator's choice to create what is missing ("opt-in"), posted by every role;
# and "Skapa nästa års plan" into years that do not exist or come before the plan's.
#
# Answers as in TABLE, then ":" and what the request wrote: "-" nothing, "unit" unit
# A's own part only (its plan, goals, indicators, targets, activities), "chain" also
# what the file asks for above the unit (only the opted-in city administrator).

# fmt: off
ABOVE_THE_UNIT: dict[str, str] = {
    #                       anonymous public reader editor_a editor_b approver controller admin
    "importer:confirm 2026":        "login login 403 ok:unit ok:-  403 403 ok:unit",
    "importer:confirm 1990":        "login login 403 ok:-    ok:-  403 403 ok:-",
    "importer:confirm 2099":        "login login 403 ok:-    ok:-  403 403 ok:-",
    "importer:confirm 2026 opt-in": "login login 403 ok:unit ok:-  403 403 ok:chain",
    "importer:confirm 2099 opt-in": "login login 403 ok:-    ok:-  403 403 ok:chain",
    "plans:copy 2077":              "login login 403 ok:-    404   403 403 ok:-",
    "plans:copy 2025":              "login login 403 ok:-    404   403 403 ok:-",
}
# fmt: on
