"""Where the dialog's audit entries belong: to the unit only (see apps.py for why)."""

from typing import Any

from styra.audit.scope import Place, Resolver

from .models import Thread


def thread(r: Resolver, pk: Any, v: Any) -> Place:
    return v("org_unit"), None, None


def message(r: Resolver, pk: Any, v: Any) -> Place:
    return r.field(Thread, v("thread"), "org_unit"), None, None
