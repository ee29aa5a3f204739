"""Who may load which notice: its recipient, and nobody else (not even an administrator)."""

from django.http import Http404

from styra.accounts.permissions import AnyUser

from .models import Notice


def get_notice_for_user(user: AnyUser, notice_id: int) -> Notice:
    """The notice if it is the user's own; 404 otherwise, so another's ids say nothing."""
    if not user.is_authenticated:
        raise Http404
    notice = Notice.objects.of(user).filter(pk=notice_id).first()
    if notice is None:
        raise Http404
    return notice
