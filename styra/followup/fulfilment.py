"""A goal's fulfilment as Styra words, marks and counts it: one vocabulary for every place.

The report page, its forms, the roll-ups and the report documents all say the same. The
result's words are the model's choices (`Fulfilment`'s labels, "Uppfyllt"); in T1 and T2
the assessment is a forecast and reads as one ("Bedöms uppfyllas"). An assessment counts
toward its committee goal as the indicator status it matches, and is marked with that
status's symbol, so that a goal and an indicator that say the same look the same.

These words follow the interface language; a document's wording is Swedish whatever that
is (`followup.interchange.unit.fulfilment_label`).
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from styra.indicators.status import SYMBOLS, Status

from .models import Fulfilment

FORECAST_LABELS: dict[str, Promise] = {
    Fulfilment.FULFILLED: _("Bedöms uppfyllas"),
    Fulfilment.PARTLY: _("Bedöms delvis uppfyllas"),
    Fulfilment.NOT_FULFILLED: _("Bedöms inte uppfyllas"),
}
NOT_ASSESSED = _("Ej bedömt")

AS_STATUS: dict[str, Status] = {
    Fulfilment.FULFILLED: Status.REACHED,
    Fulfilment.PARTLY: Status.PARTLY,
    Fulfilment.NOT_FULFILLED: Status.NOT_REACHED,
}
# "" is no assessment: marked as a status that cannot be judged.
MARKS: dict[str, str] = {
    **{value: SYMBOLS[status] for value, status in AS_STATUS.items()},
    "": SYMBOLS[Status.UNKNOWN],
}


def fulfilment_label(value: str, *, forecast: bool) -> str:
    """The wording of an assessment in this kind of period; "" when there is none."""
    if value not in Fulfilment.values:
        return ""
    return str(FORECAST_LABELS[value] if forecast else Fulfilment(value).label)
