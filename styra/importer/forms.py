from collections.abc import Collection
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from styra.importer.legacy.detect import MAX_TEXT_BYTES
from styra.organisation.models import OrgUnit
from styra.plans.interchange import MAX_JSON_BYTES
from styra.plans.models import PLAN_UNIT_KINDS


def _mb(size: int) -> str:
    """Whole megabytes as the readers count them (text in millions of bytes, JSON in MiB)."""
    return f"{size // (1024 * 1024 if size % 1_000_000 else 1_000_000)} MB"


def _limits_help() -> str:
    """The limits each reader enforces, so the form never promises more than is read."""
    upload = settings.STYRA_MAX_UPLOAD_BYTES
    return gettext(
        "Word (.docx), PDF, text eller styra-plan/1 JSON. Word och PDF högst %(upload)s, "
        "JSON högst %(json)s och text högst %(text)s."
    ) % {
        "upload": _mb(upload),
        "json": _mb(min(MAX_JSON_BYTES, upload)),
        "text": _mb(min(MAX_TEXT_BYTES, upload)),
    }


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Verksamhetsplan"),
        help_text=lazy(_limits_help, str)(),
        error_messages={"required": _("Välj en fil."), "empty": _("Filen är tom.")},
    )

    def clean_file(self) -> "File[bytes]":
        file: File[bytes] = self.cleaned_data["file"]
        if file.size > settings.STYRA_MAX_UPLOAD_BYTES:
            raise ValidationError(
                _("Filen är större än %(size)s."),
                params={"size": _mb(settings.STYRA_MAX_UPLOAD_BYTES)},
            )
        return file


class ConfirmForm(forms.Form):
    payload = forms.CharField(widget=forms.HiddenInput)
    unit: "forms.ModelChoiceField[OrgUnit]" = forms.ModelChoiceField(
        label=_("Enhet"),
        queryset=OrgUnit.objects.none(),
        error_messages={
            "invalid_choice": _("Välj en enhet i listan."),
            "required": _("Välj en enhet."),
        },
    )
    year = forms.IntegerField(
        label=_("År"),
        min_value=1990,
        max_value=2100,
        # Empty when the document names no year (never guessed from a dnr, a date or the
        # clock): the person importing says which.
        error_messages={"invalid": _("Ange ett årtal."), "required": _("Ange planens år.")},
    )
    replace = forms.BooleanField(
        label=_("Ersätt enhetens befintliga plan för året"), required=False
    )
    create_chain = forms.BooleanField(
        label=_("Skapa det som saknas ovanför enheten"),
        help_text=_(
            "Planeringsår, enheter, KF:s och nämndernas mål och deras texter, indikatorer, "
            "KF:s årsmål och aktiviteter. Utan detta länkas planen bara till den målkedja som "
            "finns, och resten lämnas utanför."
        ),
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        unit_ids: Collection[int] = (),
        may_create_chain: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if not may_create_chain:
            # Only the city administrator is offered the choice (the import refuses it too).
            del self.fields["create_chain"]
        unit = self.fields["unit"]
        assert isinstance(unit, forms.ModelChoiceField)
        unit.queryset = OrgUnit.objects.filter(pk__in=unit_ids, kind__in=PLAN_UNIT_KINDS).order_by(
            "name"
        )
