"""The one form of the decisions: why a decided plan or report is opened for changes again."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Kind
from .services import REASON_MISSING

LABELS = {
    Kind.PLAN: _("Skäl till att planen öppnas igen"),
    Kind.REPORT: _("Skäl till att rapporten öppnas igen"),
    Kind.INTERNAL_CONTROL: _("Skäl till att internkontrollplanen öppnas igen"),
}
# The reason is also the message the plan or report is returned with (conversations).
HELP = {
    Kind.PLAN: _("Skälet skrivs också i planens dialog, och enheten får det med e-post."),
    Kind.REPORT: _("Skälet skrivs också i rapportens dialog, och enheten får det med e-post."),
    Kind.INTERNAL_CONTROL: _(
        "Enheten får skälet med e-post, och en fastställd plans version sparar det."
    ),
}


class ReopenForm(forms.Form):
    """The reason, for a plan or a report alike.

    The rule is the service's (`services.reopen_reason`: a reason says something); a reason
    left empty is told the same words here, so that either way the error stands next to the
    field and the error summary links to it.
    """

    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def __init__(self, *args: Any, kind: Kind, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        field.label = LABELS[kind]
        field.help_text = HELP[kind]
        field.error_messages["required"] = REASON_MISSING[kind]
