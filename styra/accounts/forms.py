from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from .models import Role

if TYPE_CHECKING:
    from styra.lib.forms import StrOrPromise


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Fel användarnamn eller lösenord."),
        "inactive": _("Kontot är inaktiverat."),
    }
    username = forms.CharField(label=_("Användarnamn"), max_length=150)
    password = forms.CharField(label=_("Lösenord"), strip=False, widget=forms.PasswordInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autofocus": True})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})


class OTPTokenForm(forms.Form):
    token = forms.CharField(
        label=_("Engångskod"),
        help_text=_("De sex siffrorna som din autentiseringsapp visar just nu."),
        max_length=10,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["token"].widget.attrs.update(
            {"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        )

    def clean_token(self) -> str:
        token: str = self.cleaned_data["token"].replace(" ", "")
        if not (token.isdigit() and len(token) == 6):
            raise forms.ValidationError(_("Skriv de sex siffrorna, utan bokstäver."))
        return token


class EnrolmentCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Aktiveringskod"),
        help_text=_("Koden som en annan administratör har gett dig, till exempel ABCD-EFGH-JKMN."),
        max_length=30,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update({"autocomplete": "off", "autofocus": True})


def _node_field(nodes: list[tuple[int, str]], label: "StrOrPromise") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=[("", _("Välj en enhet")), *nodes],
        coerce=int,
        error_messages={
            "required": _("Välj en enhet."),
            "invalid_choice": _("Välj en enhet som du administrerar."),
        },
    )


def _role_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Roll"),
        choices=[("", _("Välj en roll")), *Role.choices],
        error_messages={"required": _("Välj en roll."), "invalid_choice": _("Välj en roll.")},
    )


class PeopleFilterForm(forms.Form):
    """The people list's filter: one node (and what lies under it), and a name."""

    NO_ROLE = "ingen"

    enhet = forms.ChoiceField(label=_("Enhet"), required=False)
    namn = forms.CharField(
        label=_("Namn, användarnamn eller e-post"), required=False, max_length=100
    )

    def __init__(self, *args: Any, nodes: list[tuple[int, str]], everyone: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, str]] = [("", str(_("Alla som du administrerar")))]
        if everyone:
            choices.append((self.NO_ROLE, str(_("Personer utan roll"))))
        choices += [(str(pk), label) for pk, label in nodes]
        field = self.fields["enhet"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices
        self.fields["namn"].widget.attrs.update({"type": "search", "autocomplete": "off"})


class GrantForm(forms.Form):
    person = forms.CharField(
        label=_("Person"),
        max_length=254,
        help_text=_("Personens användarnamn eller e-postadress, exakt."),
        error_messages={"required": _("Ange personens användarnamn eller e-postadress.")},
    )
    role = forms.ChoiceField()
    org_unit = forms.TypedChoiceField()

    def __init__(self, *args: Any, nodes: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"] = _role_field()
        self.fields["org_unit"] = _node_field(
            nodes, _("På enheten (rollen gäller också allt under den)")
        )
        self.fields["person"].widget.attrs.update({"autocomplete": "off"})

    def clean_person(self) -> User:
        text: str = self.cleaned_data["person"].strip()
        users = get_user_model().objects
        person = users.filter(username=text).first()
        if person is None and "@" in text:
            matches = list(users.filter(email__iexact=text)[:2])
            person = matches[0] if len(matches) == 1 else None
        if person is None:
            raise forms.ValidationError(
                _("Det finns ingen person med det användarnamnet eller den e-postadressen.")
            )
        return person


class PersonCreateForm(forms.Form):
    first_name = forms.CharField(label=_("Förnamn"), max_length=150)
    last_name = forms.CharField(label=_("Efternamn"), max_length=150)
    email = forms.EmailField(
        label=_("E-postadress"),
        help_text=_("Dit skickas inbjudan. Loggar man in med kommunens konto måste den stämma."),
    )
    username = forms.CharField(
        label=_("Användarnamn"),
        max_length=150,
        help_text=_("Bokstäver, siffror och @ . + - _ (till exempel förnamn.efternamn)."),
    )
    role = forms.ChoiceField()
    org_unit = forms.TypedChoiceField()
    invite = forms.BooleanField(
        label=_("Skicka en inbjudan med en länk där personen väljer sitt lösenord"),
        required=False,
        initial=True,
    )

    def __init__(self, *args: Any, nodes: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"] = _role_field()
        self.fields["org_unit"] = _node_field(nodes, _("Första rollen på enheten"))
        self.fields["role"].label = _("Första rollen")
        # Someone else's name and address: the browser must not fill in the administrator's.
        for name in ("first_name", "last_name", "email", "username"):
            self.fields[name].widget.attrs["autocomplete"] = "off"


class PersonUpdateForm(forms.Form):
    """Ändra uppgifter: the person's name and e-mail address, required as on creation.

    `email_note` makes the address read-only with that note instead of the help text
    (one's own address, which another administrator changes); a disabled field keeps
    the stored value whatever a forged request posts.
    """

    first_name = forms.CharField(label=_("Förnamn"), max_length=150)
    last_name = forms.CharField(label=_("Efternamn"), max_length=150)
    email = forms.EmailField(
        label=_("E-postadress"),
        help_text=_(
            "Dit skickas länkar för att välja lösenord. Loggar personen in med kommunens "
            "konto måste den stämma."
        ),
    )

    def __init__(
        self, *args: Any, person: User, email_note: "StrOrPromise | None" = None, **kwargs: Any
    ) -> None:
        kwargs.setdefault(
            "initial",
            {"first_name": person.first_name, "last_name": person.last_name, "email": person.email},
        )
        super().__init__(*args, **kwargs)
        if email_note is not None:
            self.fields["email"].disabled = True
            self.fields["email"].help_text = email_note
        # Someone else's name and address: the browser must not fill in the administrator's.
        for name in ("first_name", "last_name", "email"):
            self.fields[name].widget.attrs["autocomplete"] = "off"
