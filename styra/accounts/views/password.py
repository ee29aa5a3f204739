"""A new password by e-mail, for local accounts: Django's reset views with Styra's rules.

Asking never says whether an address belongs to anyone (the same page follows either
way, and only active accounts with a password of their own get a mail: someone signed
in through the municipality's identity provider has none). Requests are throttled per
address and per client, like sign-ins; every request, and every password set with a
link, is in the security log. The link is also the invitation an administrator sends
(services.person_invite).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import password_validators_help_texts
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import services
from ..throttling import password_reset_allowed, password_reset_record


class ResetForm(PasswordResetForm):
    email = forms.EmailField(
        label=gettext_lazy("E-postadress"),
        max_length=254,
        help_text=gettext_lazy("Adressen som ditt konto i Styra har."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )


class PasswordResetView(auth_views.PasswordResetView):
    form_class = ResetForm
    template_name = "accounts/password_reset_form.html"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    email_template_name = "accounts/email/password_reset.txt"
    html_email_template_name = "accounts/email/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_done")
    extra_email_context = {"days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)}

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        email = form.cleaned_data["email"]
        if not password_reset_allowed(self.request, email):
            password_reset_record(self.request, email, throttled=True)
            context = {
                "form": form,
                "throttled_message": _(
                    "Du har bett om nytt lösenord för många gånger. Vänta en timme och "
                    "försök igen, eller kontakta en administratör."
                ),
            }
            return render(self.request, self.template_name, context, status=429)
        password_reset_record(self.request, email, throttled=False)
        response: HttpResponse = super().form_valid(form)
        return response


class ChoosePasswordForm(SetPasswordForm):  # type: ignore[type-arg]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Nytt lösenord")
        # Django's help is an HTML list; the field's help is one line of text here.
        self.fields["new_password1"].help_text = " ".join(password_validators_help_texts())
        self.fields["new_password2"].label = _("Skriv lösenordet igen")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = ChoosePasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def get_user(self, uidb64: str) -> User | None:
        """The link's account while it is open; a closed account's link is a dead one."""
        user: User | None = super().get_user(uidb64)
        return user if user is not None and user.is_active else None

    def form_valid(self, form: SetPasswordForm[User]) -> HttpResponse:
        services.user_password_set(user=form.user, password=form.cleaned_data["new_password1"])
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return HttpResponseRedirect(self.get_success_url())
