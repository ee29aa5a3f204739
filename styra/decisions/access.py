"""Who may load which stored version: the policy (accounts.permissions) applied to the unit
the version belongs to. A version never changes, so there is nothing to write: only VIEW."""

from django.http import Http404

from styra.accounts.permissions import Action, AnyUser, require

from .models import Snapshot


def get_snapshot_for_user(
    user: AnyUser, snapshot_id: int, action: Action = Action.VIEW
) -> Snapshot:
    """The version if the user may see its unit; 404 if they may not, as for the plan."""
    snapshot = Snapshot.objects.select_related("org_unit").filter(pk=snapshot_id).first()
    if snapshot is None:
        raise Http404
    require(user, action, snapshot.org_unit, locked=True)
    return snapshot
