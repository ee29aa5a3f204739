"""styra otp-enrol USER [--hours N]

Prints a one-time enrolment code with which USER registers a first TOTP device (an
authenticator app) on the page Styra shows after signing in with the password. The code
works once, for N hours (STYRA_OTP_ENROLMENT_HOURS, 24 unless set; at most 72), and five
wrong tries use it up; an earlier unused code of USER stops working. Only a hash of it is
stored. Hand it to the person by another way than their e-mail, which a stolen password may
also open. Issuing and every use are in the security log. Someone who already has a device
needs no code; remove a lost device in the admin first.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from styra.accounts.services import otp_enrolment_code_issue


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="användarnamnet")
        parser.add_argument("--hours", type=int, help="hur många timmar koden gäller")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"]
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Det finns ingen användare {username}.")
        if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            raise CommandError(
                f"{username} har redan en registrerad enhet. Ta bort den i administrationen "
                "först om den har förlorats."
            )
        try:
            code, issued = otp_enrolment_code_issue(user=user, hours=options["hours"])
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        until = timezone.localtime(issued.expires_at).strftime("%Y-%m-%d %H:%M")
        self.stdout.write(code)
        self.stderr.write(f"Aktiveringskod för {username}, gäller en gång till {until}.")
