"""Django's admin for sign-in: lifting a lock-out is in the security log, an
administrator hands out one-time codes for a first second factor, and the operator maps
the identity provider's groups to roles."""

from __future__ import annotations

from collections.abc import Iterable

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice

from styra.lib.http import AuthenticatedHttpRequest

from .models import GroupRole
from .services import otp_enrolment_code_issue
from .throttling import lockout_reset_record


# django-axes ships no types, so its admin is Any to mypy (subclassing Any).
class LoggedAccessAttemptAdmin(AccessAttemptAdmin):  # type: ignore[misc]
    """Axes' list of failed sign-ins; deleting a row lifts its lock-out, so it is logged."""

    def delete_model(self, request: HttpRequest, obj: AccessAttempt) -> None:
        super().delete_model(request, obj)
        self._record([obj])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[AccessAttempt]) -> None:
        attempts = list(queryset)
        super().delete_queryset(request, queryset)
        self._record(attempts)

    @staticmethod
    def _record(attempts: Iterable[AccessAttempt]) -> None:
        for attempt in attempts:
            lockout_reset_record(
                username=attempt.username or "",
                ip_address=attempt.ip_address or "",
                count=1,
                via="admin",
            )


if admin.site.is_registered(AccessAttempt):
    admin.site.unregister(AccessAttempt)
admin.site.register(AccessAttempt, LoggedAccessAttemptAdmin)


# Only for those who may change users: they may set anyone's password already.
@admin.action(
    description=gettext_lazy("Utfärda aktiveringskod för tvåstegsverifiering"),
    permissions=["change"],
)
def issue_otp_enrolment_code(
    modeladmin: admin.ModelAdmin[User], request: AuthenticatedHttpRequest, queryset: QuerySet[User]
) -> TemplateResponse | None:
    """Codes for the chosen users' first TOTP device, shown once on a page of their own.

    The page is never cached and the codes go nowhere else (not into a message, which
    would travel in a cookie).
    """
    issued, refused = [], []
    with_device = set(
        TOTPDevice.objects.filter(user__in=queryset, confirmed=True).values_list("user", flat=True)
    )
    for user in queryset:
        if user.pk in with_device:
            refused.append(_("%(username)s har redan en registrerad enhet.") % {"username": user})
            continue
        try:
            code, row = otp_enrolment_code_issue(user=user, by=request.user)
        except ValidationError as exc:
            refused.append(f"{user}: {' '.join(exc.messages)}")
            continue
        issued.append({"user": user, "code": code, "expires_at": row.expires_at})
    if not issued:
        for text in refused:
            modeladmin.message_user(request, text, messages.WARNING)
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Aktiveringskoder för tvåstegsverifiering"),
        "issued": issued,
        "refused": refused,
        "opts": modeladmin.model._meta,
    }
    response = TemplateResponse(request, "admin/accounts/otp_codes.html", context)
    add_never_cache_headers(response)
    return response


_User = get_user_model()
if admin.site.is_registered(_User):
    _UserAdmin = type(admin.site.get_model_admin(_User))
    admin.site.unregister(_User)

    @admin.register(_User)
    # The base is whichever admin is registered for the user model when this module loads.
    class UserAdmin(_UserAdmin):  # type: ignore[misc,valid-type]
        actions = [*(_UserAdmin.actions or []), issue_otp_enrolment_code]


@admin.register(GroupRole)
class GroupRoleAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Which group of the identity provider gives which role where (STYRA_OIDC_GROUPS_CLAIM).

    A change takes effect at each member's next sign-in; the audit trail records it.
    """

    list_display = ("group", "role", "org_unit")
    list_filter = ("role",)
    search_fields = ("group", "org_unit__name")
    raw_id_fields = ("org_unit",)
