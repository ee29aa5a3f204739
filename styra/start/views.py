"""The start page: the person's "Att göra" list, then the plans they may see by year."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from .todo import todo_for


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    todo = todo_for(request.user, today=timezone.localdate())
    return render(request, "start/home.html", {"todo": todo, "nav": "home"})
