"""A goal's fulfilment reads the same on the pages, in the forms, the roll-ups and documents."""

import pytest
from django.utils import translation

from styra.indicators.status import SYMBOLS, Status

from ..forms import fulfilment_choices
from ..fulfilment import MARKS, fulfilment_label
from ..interchange.unit import fulfilment_label as document_label
from ..models import Fulfilment
from ..rollup_tables import FulfilmentMark


@pytest.fixture(autouse=True)
def in_swedish():
    with translation.override("sv"):
        yield


def test_it_words_a_forecast_and_a_result():
    assert fulfilment_label(Fulfilment.PARTLY, forecast=True) == "Bedöms delvis uppfyllas"
    assert fulfilment_label(Fulfilment.PARTLY, forecast=False) == "Delvis uppfyllt"
    assert fulfilment_label("", forecast=True) == fulfilment_label("nonsense", forecast=False) == ""


@pytest.mark.parametrize("forecast", [True, False])
def test_the_form_the_roll_up_and_the_document_say_the_same(forecast):
    choices = dict(fulfilment_choices(forecast=forecast))
    for value in Fulfilment.values:
        words = fulfilment_label(value, forecast=forecast)
        assert str(choices[value]) == words
        assert FulfilmentMark(value, forecast).label == words
        assert document_label(value, forecast=forecast) == words


def test_an_assessment_is_marked_as_the_status_it_counts_as():
    marks = {value: MARKS[value] for value in ("fulfilled", "partly", "not_fulfilled", "")}
    assert marks == {"fulfilled": "✓", "partly": "◐", "not_fulfilled": "✗", "": "–"}
    assert MARKS[Fulfilment.PARTLY] == SYMBOLS[Status.PARTLY]
    assert str(FulfilmentMark("", forecast=True)) == "– Ej bedömt"


def test_the_document_words_it_in_swedish_whatever_the_interface_language():
    with translation.override("en"):
        assert fulfilment_label(Fulfilment.FULFILLED, forecast=True) != "Bedöms uppfyllas"
        assert document_label(Fulfilment.FULFILLED, forecast=True) == "Bedöms uppfyllas"
        assert document_label(Fulfilment.NOT_FULFILLED, forecast=False) == "Inte uppfyllt"


def test_the_document_keeps_a_code_it_does_not_know_and_leaves_none_empty():
    assert document_label("withdrawn", forecast=True) == "withdrawn"
    assert document_label("", forecast=False) == ""
