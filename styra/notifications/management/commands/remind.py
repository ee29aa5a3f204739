"""styra remind [--date ÅÅÅÅ-MM-DD]

Skickar de påminnelser som är aktuella i dag och som inte redan har skickats: till
redaktörerna för varje enhet som har en plan för året men inte har lämnat in sin
rapport, 7 dagar före sista dag att rapportera, dagen före och dagen efter (försenad);
likadant för verksamhetsplaner som inte är inlämnade till årets sista dag för planerna.
En påminnelse skickas aldrig två gånger, så kommandot kan köras från cron varje timme
(till exempel `0 * * * * styra remind`); en körning efter missade timmar eller dagar
skickar de påminnelser som fortfarande gäller, en gång. Den som har stängt av
påminnelser får inga. E-post som inte gick att skicka det senaste dygnet försöks igen.

Skriver en sammanfattning av vad som skickades; varje påminnelse loggas också
(loggern styra.notifications). --date kör som om det vore den dagen (för att pröva).
"""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from styra.lib.dates import option_date
from styra.notifications.services import Reminded, mail_retry, reminders_send


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--date", help="kör som om det vore den dagen (ÅÅÅÅ-MM-DD)")

    def handle(self, *args: Any, **options: Any) -> None:
        done = reminders_send(today=option_date(options["date"]))
        for reminded in done:
            self.report(reminded)
        sent = sum(len(reminded.notices) for reminded in done)
        retried = mail_retry()
        summary = f"Påminnelser: {sent} skickade"
        if retried:
            summary += f", {retried} e-brev som misslyckats tidigare skickade nu"
        self.stdout.write(summary + ".")

    def report(self, reminded: Reminded) -> None:
        due = reminded.due
        where = due.where
        if not due.writers.users:
            self.stdout.write(f"{where}: ingen redaktör eller administratör att påminna")
            return
        role = ", administratör i stället för redaktör" if due.writers.stand_in else ""
        for notice in reminded.notices:
            way = f"e-post till {notice.email_to}" if notice.email_to else "bara i Styra"
            self.stdout.write(f"{where}: {due.stage.code} till {notice.recipient} ({way}{role})")
