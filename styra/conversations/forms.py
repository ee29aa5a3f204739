from django import forms
from django.utils.translation import gettext_lazy as _

from .services import MAX_LENGTH


class MessageForm(forms.Form):
    """A message in the dialog; its length is checked on the cleaned text (message_text)."""

    text = forms.CharField(
        label=_("Nytt meddelande"),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_LENGTH}),
        error_messages={"required": _("Skriv ett meddelande.")},
    )
