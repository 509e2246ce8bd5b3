"""Panel decisions, awards (budget checked under a row lock), payments and monitoring returns."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone

from crimeplan.audit.services import record_event
from crimeplan.core.exceptions import ApplicationError
from crimeplan.grants import emails
from crimeplan.grants.access import new_token
from crimeplan.grants.constants import (
    ApplicationStatus,
    AwardStatus,
    DecisionOutcome,
    PaymentStatus,
    ReturnKind,
)
from crimeplan.grants.eligibility import pounds
from crimeplan.grants.events import AwardMade, DecisionRecorded, PaymentRecorded, PaymentsScheduled, ReturnRecorded
from crimeplan.grants.models import Application, Award, Decision, Fund, MonitoringReturn, Payment
from crimeplan.grants.permissions import require_decide, require_manage


@transaction.atomic
def record_decision(
    *,
    application: Application,
    by: Any,
    outcome: str,
    amount: Decimal | None,
    reasons: str,
    conditions: str,
    panel_on: dt.date,
) -> Decision:
    """The panel's decision; approving makes the award in the same transaction (or neither happens)."""
    require_decide(by)
    application = Application.objects.select_for_update().select_related("round__fund").get(pk=application.pk)
    check_decision(application=application, outcome=outcome, amount=amount, panel_on=panel_on)
    if outcome != DecisionOutcome.APPROVED:
        amount = None
    decision = Decision(
        application=application,
        outcome=outcome,
        amount=amount,
        reasons=reasons,
        conditions=conditions,
        panel_on=panel_on,
        decided_by=by,
    )
    decision.full_clean()
    decision.save()
    approved = outcome == DecisionOutcome.APPROVED
    application.status = ApplicationStatus.APPROVED if approved else ApplicationStatus.DECLINED
    application.save(update_fields=["status", "updated_at"])
    _audit(decision, by)
    if approved and amount is not None:
        make_award(application=application, amount=amount, by=by, awarded_on=panel_on)
    _tell_applicant(application, decision)
    return decision


def _tell_applicant(application: Application, decision: Decision) -> None:
    """Email the decision with a fresh link to the application (example applications get no email)."""
    if application.is_example or not application.email:
        return
    token, hashed = new_token()
    application.token_hash, application.token_issued_at = hashed, timezone.now()
    application.save(update_fields=["token_hash", "token_issued_at", "updated_at"])
    transaction.on_commit(lambda: emails.send_decision(application, decision, token))


def _audit(decision: Decision, by: Any) -> None:
    amount = str(decision.amount) if decision.amount is not None else None
    event = DecisionRecorded(
        reference=str(decision.application),
        outcome=decision.outcome,
        amount=amount,
        reasons=decision.reasons,
        conditions=decision.conditions,
    )
    record_event(event, actor=by, obj=decision)


def check_decision(*, application: Application, outcome: str, amount: Decimal | None, panel_on: dt.date) -> None:
    """Whether the decision could be recorded now (raises what is wrong): checked before asking to confirm it."""
    if application.status != ApplicationStatus.MODERATED:
        raise ApplicationError(f"{application} has not been moderated, so the panel cannot decide on it yet.")
    if panel_on > timezone.localdate():
        raise ValidationError(
            {
                "panel_on": ValidationError(
                    "The panel date cannot be in the future: record the decision once the panel has met",
                    code="future_panel",
                )
            }
        )
    if outcome == DecisionOutcome.APPROVED:
        _check_amount(application, amount)


def _check_amount(application: Application, amount: Decimal | None) -> None:
    fund = application.round.fund
    if amount is None or amount <= 0:
        raise ValidationError({"amount": ValidationError("Enter the amount awarded", code="required")})
    if amount > application.requested:
        raise ValidationError(
            {
                "amount": ValidationError(
                    f"The award cannot be more than was asked for ({pounds(application.requested)})",
                    code="more_than_requested",
                )
            }
        )
    if fund.max_award is not None and amount > fund.max_award:
        raise ValidationError(
            {"amount": ValidationError(f"The {fund.name} gives up to {pounds(fund.max_award)}", code="over_maximum")}
        )


def _return_dates(application: Application, awarded_on: dt.date) -> list[tuple[str, dt.date]]:
    start = max(application.start_date or awarded_on, awarded_on)
    end = max(application.end_date or start, start)
    final = end + dt.timedelta(days=30)
    if (end - start).days > 120:
        return [(ReturnKind.INTERIM, start + (end - start) / 2), (ReturnKind.FINAL, final)]
    return [(ReturnKind.FINAL, final)]


@transaction.atomic
def make_award(*, application: Application, amount: Decimal, by: Any, awarded_on: dt.date | None = None) -> Award:
    """Commit ``amount`` from the application's fund, refusing it if the fund would overspend.

    The fund's row is locked (``SELECT ... FOR UPDATE``) before its total is read, so concurrent
    awards queue behind each other; a CHECK constraint refuses any total above the budget as well.
    """
    fund = Fund.objects.select_for_update().get(pk=application.round.fund_id)
    if fund.awarded_total + amount > fund.budget:
        message = (
            f"The {fund} has {pounds(fund.remaining)} left to award, so an award of {pounds(amount)} would "
            "overspend its budget. Award less, or move budget to the fund first."
        )
        raise ValidationError({"amount": ValidationError(message, code="overspend")})
    award = Award(application=application, fund=fund, amount=amount, awarded_on=awarded_on or dt.date.today())
    award.full_clean()
    award.save()
    Fund.objects.filter(pk=fund.pk).update(awarded_total=F("awarded_total") + amount)
    for kind, due in _return_dates(application, award.awarded_on):
        MonitoringReturn.objects.create(award=award, kind=kind, due_on=due)
    fund.refresh_from_db()
    record_event(
        AwardMade(
            reference=str(application),
            fund=str(fund),
            amount=str(amount),
            fund_awarded_total=str(fund.awarded_total),
            fund_budget=str(fund.budget),
        ),
        actor=by,
        obj=award,
    )
    return award


@transaction.atomic
def schedule_payments(*, award: Award, instalments: list[tuple[dt.date, Decimal]], by: Any) -> list[Payment]:
    """Add instalments to the schedule; all instalments together cannot exceed the award."""
    require_manage(by)
    award = Award.objects.select_for_update().get(pk=award.pk)
    if award.status != AwardStatus.ACTIVE:
        raise ApplicationError(f"The award is {award.get_status_display().lower()}; no more payments can be added.")
    planned = award.payments.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    adding = sum((amount for _, amount in instalments), Decimal(0))
    if planned + adding > award.amount:
        raise ValidationError(
            f"The schedule would total {pounds(planned + adding)}, more than the award of {pounds(award.amount)}",
            code="overspend",
        )
    created = []
    for due_on, amount in instalments:
        payment = Payment(award=award, due_on=due_on, amount=amount)
        payment.full_clean()
        payment.save()
        created.append(payment)
    record_event(
        PaymentsScheduled(reference=str(award.application), instalments=[f"{d}: {a}" for d, a in instalments]),
        actor=by,
        obj=award,
    )
    return created


@transaction.atomic
def record_payment(*, payment: Payment, paid_on: dt.date, reference: str, by: Any) -> Payment:
    """Mark an instalment paid. Locks the fund, then the award (always in that order), then the payment."""
    require_manage(by)
    award = Award.objects.get(pk=payment.award_id)
    fund = Fund.objects.select_for_update().get(pk=award.fund_id)
    award = Award.objects.select_for_update().get(pk=award.pk)
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.status == PaymentStatus.PAID:
        raise ApplicationError(f"This payment was already recorded as paid on {payment.paid_on:%-d %B %Y}.")
    if award.paid_total + payment.amount > award.amount:
        raise ApplicationError("This payment would take the total paid above the award.")
    payment.status, payment.paid_on, payment.reference, payment.recorded_by = PaymentStatus.PAID, paid_on, reference, by
    payment.full_clean()
    payment.save()
    Award.objects.filter(pk=award.pk).update(paid_total=F("paid_total") + payment.amount)
    Fund.objects.filter(pk=fund.pk).update(paid_total=F("paid_total") + payment.amount)
    record_event(
        PaymentRecorded(
            reference=str(award.application),
            amount=str(payment.amount),
            paid_on=str(paid_on),
            payment_reference=reference,
        ),
        actor=by,
        obj=payment,
    )
    _complete_if_done(award.pk, paid_on)
    return payment


@transaction.atomic
def record_return(
    *,
    monitoring_return: MonitoringReturn,
    outputs: str,
    outcomes: str,
    spend: Decimal,
    received_on: dt.date,
    by: Any,
) -> MonitoringReturn:
    require_manage(by)
    item = (
        MonitoringReturn.objects.select_for_update().select_related("award__application").get(pk=monitoring_return.pk)
    )
    if item.received_on is not None:
        raise ApplicationError(f"This return was already recorded on {item.received_on:%-d %B %Y}.")
    if spend > item.award.amount:
        raise ValidationError(
            {
                "spend": ValidationError(
                    f"Spend cannot be more than the award ({pounds(item.award.amount)})", code="more_than_award"
                )
            }
        )
    item.outputs, item.outcomes, item.spend, item.received_on, item.recorded_by = (
        outputs,
        outcomes,
        spend,
        received_on,
        by,
    )
    item.full_clean()
    item.save()
    record_event(
        ReturnRecorded(reference=str(item.award.application), kind=item.kind, spend=str(spend)), actor=by, obj=item
    )
    _complete_if_done(item.award_id, received_on)
    return item


def _complete_if_done(award_id: int, on: dt.date) -> None:
    """An award is completed once it is paid in full and its final return is in."""
    award = Award.objects.get(pk=award_id)
    final_in = award.returns.filter(kind=ReturnKind.FINAL, received_on__isnull=False).exists()
    if award.status == AwardStatus.ACTIVE and award.paid_total >= award.amount and final_in:
        Award.objects.filter(pk=award_id).update(status=AwardStatus.COMPLETED, completed_on=on)
