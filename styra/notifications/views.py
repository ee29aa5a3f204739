"""The person's notices (Aviseringar), marking them read, and their notice preferences.

Each person sees only their own notices; another's notice id is 404 for everyone,
administrators included (`get_notice_for_user`). A notice's link in the list goes through
`notice_open`, so the notice is read once it has been followed.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from styra.lib.forms import add_service_errors
from styra.lib.http import AuthenticatedHttpRequest, HtmxHttpRequest

from . import services
from .access import get_notice_for_user
from .forms import SettingsForm
from .models import Notice, NoticeSetting

PER_PAGE = 50


class Request(AuthenticatedHttpRequest, HtmxHttpRequest):
    pass


@login_required
@require_GET
def notice_list(request: Request) -> HttpResponse:
    notices = Notice.objects.of(request.user).select_related("unit")
    page = Paginator(notices, PER_PAGE).get_page(request.GET.get("sida"))
    context = {"page": page, "notices": list(page.object_list), "nav": "notices"}
    return render(request, "notifications/list.html", context)


@login_required
@require_POST
def notice_read(request: Request, notice_id: int) -> HttpResponse:
    notice = get_notice_for_user(request.user, notice_id)
    services.notice_mark_read(notice=notice)
    if request.htmx:
        return render(request, "notifications/list.html#notice", {"notice": notice})
    return redirect(_in_list(notice))


@login_required
@require_GET
def notice_open(request: Request, notice_id: int) -> HttpResponse:
    """Follow the notice's link from the list: the notice is read, and its page opens."""
    notice = get_notice_for_user(request.user, notice_id)
    services.notice_mark_read(notice=notice)
    return redirect(_target(notice))


def _target(notice: Notice) -> str:
    """The notice's page in Styra. The link is a stored path, yet only a path of this site
    is followed (never another site's address: no open redirect); else the list, at it."""
    link = notice.link
    if link.startswith("/") and url_has_allowed_host_and_scheme(link, allowed_hosts=None):
        return link
    return _in_list(notice)


def _in_list(notice: Notice) -> str:
    return reverse("notifications:list") + f"#notice-{notice.pk}"


@login_required
@require_POST
def notices_read(request: Request) -> HttpResponse:
    count = services.notices_mark_all_read(user=request.user)
    if count:
        messages.success(request, _("Alla aviseringar är markerade som lästa."))
    return redirect("notifications:list")


@login_required
@require_http_methods(["GET", "POST"])
def notice_settings(request: Request) -> HttpResponse:
    current = dict(NoticeSetting.objects.filter(user=request.user).values_list("kind", "delivery"))
    data = request.POST if request.method == "POST" else None
    form = SettingsForm(data, initial_choices=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.notice_settings_update(user=request.user, choices=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Dina inställningar för aviseringar är sparade."))
            return redirect("notifications:settings")
    status = 400 if form.errors else 200
    context = {"form": form, "nav": "notices"}
    return render(request, "notifications/settings.html", context, status=status)
