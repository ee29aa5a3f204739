"""The personal iCalendar feed: the person's calendar (cycle.calendar) as all-day events.

The link's token is the key, so the feed needs no sign-in; only its SHA-256 is stored
(`CalendarFeed.token_hash`), and a revoked link or a deactivated person finds nothing.
Each event's UID is the date's own (`Item.uid`) with the site's name, so a calendar
program that fetches again updates the events it has instead of adding new ones.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .calendar import items_for, visible_years
from .models import CalendarFeed
from .services import feed_token_hash

UID_DOMAIN = "arshjul.styra"


def user_for_token(token: str) -> User | None:
    """The active person whose link this is, or None (unknown, revoked or deactivated)."""
    if not token or len(token) > 100:
        return None
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(token_hash=feed_token_hash(token))
        .first()
    )
    if feed is None or not feed.user.is_active:
        return None
    return feed.user


def ics_for(user: User, *, today: date, absolute: Callable[[str], str]) -> bytes:
    """The person's dates of last year, this year and the years after, as iCalendar.

    Each event says whom it concerns and links to what it concerns (`absolute` makes a
    path a full address: a calendar program has no page to resolve it against).
    """
    calendar = Calendar()
    calendar.add("prodid", "-//Styra//Årshjulet//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("Årshjulet i Styra"))
    calendar.add("x-wr-timezone", "Europe/Stockholm")
    stamp = timezone.now().astimezone(timezone.get_fixed_timezone(0)).replace(microsecond=0)
    for year in visible_years(user):
        if year.year < today.year - 1:
            continue
        for item in items_for(user, year):
            event = Event()
            event.add("uid", f"{year.year}-{item.uid}@{UID_DOMAIN}")
            event.add("dtstamp", stamp)
            event.add("dtstart", item.day)
            event.add("dtend", item.day + timedelta(days=1))
            summary = f"{item.summary} ({item.where})" if item.where else item.summary
            event.add("summary", summary)
            where = item.where or _("Hela kommunen")
            description = _("Gäller: %(where)s") % {"where": where}
            if item.url:
                event.add("url", absolute(item.url))
                description += "\n" + absolute(item.url)
            event.add("description", description)
            event.add("transp", "TRANSPARENT")
            calendar.add_component(event)
    return bytes(calendar.to_ical())
