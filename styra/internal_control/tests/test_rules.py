"""The model's rules: the 1–4 scales, the risk value and its level, selection, the reason a
high risk is left out, controls' periods and results' consistency."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from styra.internal_control.models import (
    HIGH_FROM,
    Control,
    ControlResult,
    ResultStatus,
    Risk,
    RiskLevel,
)
from styra.internal_control.services import risk_create, risk_update

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("value", "level"),
    [
        (1, RiskLevel.LOW),
        (3, RiskLevel.LOW),
        (4, RiskLevel.MEDIUM),
        (6, RiskLevel.MEDIUM),
        (8, RiskLevel.HIGH),
        (9, RiskLevel.HIGH),
        (12, RiskLevel.VERY_HIGH),
        (16, RiskLevel.VERY_HIGH),
    ],
)
def test_every_product_of_the_scales_has_its_level(value, level):
    assert RiskLevel.of(value) == level


def test_the_value_is_probability_times_consequence(process):
    risk = risk_create(process=process, title="Fel leverantör", probability=3, consequence=4)
    assert (risk.value, risk.level, risk.is_high) == (12, RiskLevel.VERY_HIGH, True)
    unassessed = risk_create(process=process, title="Ej bedömd")
    assert (unassessed.value, unassessed.level, unassessed.is_assessed) == (None, None, False)


@pytest.mark.parametrize(("probability", "consequence"), [(0, 2), (5, 2), (2, 0), (2, 5)])
def test_the_scales_run_from_one_to_four(process, probability, consequence):
    with pytest.raises(ValidationError):
        risk_create(
            process=process, title="Utanför", probability=probability, consequence=consequence
        )
    assert not Risk.objects.exists()


def test_the_database_refuses_a_value_outside_the_scale_too(process):
    risk = risk_create(process=process, title="Rätt", probability=2, consequence=2)
    with transaction.atomic(), pytest.raises(IntegrityError):
        Risk.objects.filter(pk=risk.pk).update(probability=7)


def test_a_high_risk_left_out_needs_a_reason(process):
    risk = risk_create(process=process, title="Jäv", probability=2, consequence=HIGH_FROM // 2)
    assert risk.is_high and risk.needs_reason
    risk_update(risk=risk, omission_reason="  ")
    assert risk.needs_reason
    risk_update(risk=risk, omission_reason="Kontrolleras redan i stadens granskning.")
    risk.refresh_from_db()
    assert not risk.needs_reason


def test_a_lower_risk_may_be_left_out_without_a_reason(process):
    risk = risk_create(process=process, title="Liten", probability=2, consequence=3)
    assert not risk.is_high and not risk.selected and not risk.needs_reason


def test_only_an_assessed_risk_is_selected(process):
    risk = risk_create(process=process, title="Oklar")
    with pytest.raises(ValidationError) as refused:
        risk_update(risk=risk, selected=True)
    assert "selected" in refused.value.message_dict


def test_selecting_clears_the_reason_for_leaving_out(process):
    risk = risk_create(process=process, title="Jäv", probability=4, consequence=4)
    risk_update(risk=risk, omission_reason="Skäl")
    risk_update(risk=risk, selected=True)
    risk.refresh_from_db()
    assert risk.selected and risk.omission_reason == ""


def test_a_control_is_reported_in_some_period(process):
    risk = risk_create(process=process, title="R", probability=2, consequence=2)
    control = Control(
        risk=risk, what="Stickprov", report_t1=False, report_t2=False, report_vb=False
    )
    with pytest.raises(ValidationError) as refused:
        control.full_clean()
    assert "report_vb" in refused.value.message_dict
    control.report_t1, control.report_vb = True, True
    assert control.reported_in == ("T1", "VB")


@pytest.mark.parametrize(
    ("done", "result", "findings", "field"),
    [
        (True, "", "", "result"),
        (False, "no_deviation", "", "result"),
        (True, "deviation", " ", "findings"),
    ],
)
def test_a_result_says_what_it_found(done, result, findings, field):
    outcome = ControlResult(done=done, result=result, findings=findings)
    with pytest.raises(ValidationError) as refused:
        outcome.clean()
    assert field in refused.value.message_dict


@pytest.mark.parametrize(
    ("done", "result", "status"),
    [
        (False, "", ResultStatus.NOT_DONE),
        (True, "deviation", ResultStatus.DEVIATION),
        (True, "no_deviation", ResultStatus.NO_DEVIATION),
    ],
)
def test_the_status_comes_from_the_result(done, result, status):
    assert ControlResult(done=done, result=result).status == status
