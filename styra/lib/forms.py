"""What the forms of several apps share: the date input, a planning year, Swedish decimals,
long texts, service errors."""

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from .numbers import format_number, parse_decimal

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    StrOrPromise = str | _StrPromise

DATE_INVALID = _("Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-31.")


class DateInput(forms.DateInput):
    """The browser's date picker; its value is always ISO, whatever the language."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def date_field(label: "StrOrPromise", *, required: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        error_messages={"invalid": DATE_INVALID, "required": _("Ange ett datum.")},
    )


class SwedishDecimalField(forms.CharField):
    """Accepts "1 234,5", "1234,5" and "1234.5"; inputmode keeps the decimal keyboard on phones."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal"})

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        try:
            number = parse_decimal(super().to_python(value))
        except ValueError:
            raise ValidationError(
                _("Ange ett tal, till exempel 1 234,5."), code="invalid"
            ) from None
        if number is not None and abs(number) >= Decimal("1e12"):
            raise ValidationError(_("Talet är för stort."), code="invalid")
        return number


TEXT_TOO_LONG = _(
    "Texten får vara högst %(limit)s tecken lång. Den är nu %(length)s tecken; korta den och "
    "spara igen."
)


class TextLengthValidator(MaxLengthValidator):
    """Django's limit, said as Styra says it: with the text's length, in Swedish numbers
    ("50 000"), since nobody counts the characters of a long text themselves."""

    def __call__(self, value: str) -> None:
        if len(value) > self.limit_value:
            params = {"limit": format_number(self.limit_value), "length": format_number(len(value))}
            raise ValidationError(TEXT_TOO_LONG, code="max_length", params=params)


def text_field(
    label: "StrOrPromise", *, max_length: int, rows: int, **kwargs: Any
) -> forms.CharField:
    """An optional text of paragraphs, at most `max_length` characters."""
    field = forms.CharField(
        label=label,
        required=False,
        max_length=max_length,  # also the textarea's maxlength
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )
    field.validators = [
        TextLengthValidator(max_length) if isinstance(v, MaxLengthValidator) else v
        for v in field.validators
    ]
    return field


def year_field(label: "StrOrPromise", required: "StrOrPromise") -> forms.IntegerField:
    """A planning year as the forms ask for it: four digits, 1990–2100, said in Swedish."""
    return forms.IntegerField(
        label=label,
        min_value=1990,
        max_value=2100,
        error_messages={
            "required": required,
            "invalid": _("Ange året med fyra siffror, till exempel 2027."),
            "min_value": _("Ange ett år mellan 1990 och 2100."),
            "max_value": _("Ange ett år mellan 1990 och 2100."),
        },
    )


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has one.

    Services validate whole models, so an error may name a field the form does not
    show (or none); those become errors of the whole form instead of a crash. The
    errors keep their codes, so a caller can still tell one refusal from another.
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        target = field if field in form.fields and field != NON_FIELD_ERRORS else None
        form.add_error(target, errors)
