"""A mail backend that refuses every message, as an SMTP server that is down does."""

from smtplib import SMTPException

from django.core.mail.backends.base import BaseEmailBackend


class Refusing(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise SMTPException("451 försök senare")
