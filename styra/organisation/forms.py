"""Forms for administering the organisation tree; the writes go through organisation.services."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Kind, OrgUnit

NAME_ERRORS = {
    "required": _("Skriv enhetens namn."),
    "max_length": _("Namnet får vara högst %(limit_value)d tecken."),
}


def _sibling_named(parent: OrgUnit | None, name: str, exclude: OrgUnit | None = None) -> bool:
    siblings = OrgUnit.objects.filter(parent=parent, name=name.strip())
    if exclude is not None:
        siblings = siblings.exclude(pk=exclude.pk)
    return siblings.exists()


class OrgUnitCreateForm(forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=200, error_messages=NAME_ERRORS)
    kind = forms.ChoiceField(
        label=_("Typ"),
        choices=[c for c in Kind.choices if c[0] != Kind.CITY],
        error_messages={"required": _("Välj vilken typ av enhet det är.")},
    )
    code = forms.CharField(
        label=_("Kod (frivillig)"),
        max_length=40,
        required=False,
        error_messages={"max_length": _("Koden får vara högst %(limit_value)d tecken.")},
    )

    def __init__(self, *args: Any, parent: OrgUnit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.parent = parent

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if _sibling_named(self.parent, name):
            raise ValidationError(
                _("Det finns redan en enhet som heter %(name)s under %(parent)s."),
                params={"name": name, "parent": self.parent.name},
            )
        return name


class OrgUnitRenameForm(forms.Form):
    name = forms.CharField(label=_("Nytt namn"), max_length=200, error_messages=NAME_ERRORS)

    def __init__(self, *args: Any, node: OrgUnit, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"name": node.name})
        super().__init__(*args, **kwargs)
        self.node = node

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if _sibling_named(self.node.parent, name, exclude=self.node):
            raise ValidationError(
                _("Det finns redan en enhet som heter %(name)s på samma plats i trädet."),
                params={"name": name},
            )
        return name


class OrgUnitMoveForm(forms.Form):
    new_parent = forms.TypedChoiceField(
        label=_("Flytta till under"),
        coerce=int,
        error_messages={
            "required": _("Välj var enheten ska ligga."),
            "invalid_choice": _("Välj en av enheterna i listan."),
        },
    )

    def __init__(
        self, *args: Any, node: OrgUnit, targets: list[tuple[OrgUnit, str]], **kwargs: Any
    ) -> None:
        """`targets` are the nodes the user may move to, each with its path for the label."""
        super().__init__(*args, **kwargs)
        self.node = node
        self.targets = {target.pk: target for target, _label in targets}
        field = self.fields["new_parent"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("Välj enhet")), *((target.pk, label) for target, label in targets)]
        if node.parent_id in self.targets:
            self.initial.setdefault("new_parent", node.parent_id)

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        if self.node.parent_id is None:
            raise ValidationError(_("Den översta enheten i trädet kan inte flyttas."))
        return cleaned

    def clean_new_parent(self) -> OrgUnit:
        new_parent = self.targets[self.cleaned_data["new_parent"]]
        if _sibling_named(new_parent, self.node.name, exclude=self.node):
            raise ValidationError(
                _("Det finns redan en enhet som heter %(name)s under %(parent)s."),
                params={"name": self.node.name, "parent": new_parent.name},
            )
        return new_parent
