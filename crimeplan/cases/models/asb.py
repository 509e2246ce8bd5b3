"""Anti-social behaviour incidents and the case reviews ("community triggers") they raise."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from crimeplan.accounts.models import Organisation
from crimeplan.cases.models.cases import Case
from crimeplan.cases.models.people import Person


class AsbReview(models.Model):
    """An ASB case review, raised when a victim's (or an address's) complaints reach the threshold.

    The policy in force when it was raised is copied, so its deadlines do not move if the policy
    changes later.
    """

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="asb_review")
    triggered_on = models.DateField()
    threshold_incidents = models.PositiveSmallIntegerField()
    window_months = models.PositiveSmallIntegerField()
    decision_days = models.PositiveSmallIntegerField()
    meeting_days = models.PositiveSmallIntegerField()
    outcome_days = models.PositiveSmallIntegerField()
    decision_on = models.DateField(null=True, blank=True)
    meeting_on = models.DateField(null=True, blank=True)
    outcome_sent_on = models.DateField(null=True, blank=True)
    recommendations = models.TextField(blank=True)

    class Meta:
        ordering = ["-triggered_on", "-pk"]
        verbose_name = "ASB case review"

    def __str__(self) -> str:
        return f"ASB case review {self.case}"

    @property
    def decision_due(self) -> date:
        return self.triggered_on + timedelta(days=self.decision_days)

    @property
    def meeting_due(self) -> date:
        return self.triggered_on + timedelta(days=self.meeting_days)

    @property
    def outcome_due(self) -> date:
        return (self.meeting_on or self.meeting_due) + timedelta(days=self.outcome_days)

    @property
    def deadlines_today(self) -> list[dict[str, object]]:
        return self.deadlines(timezone.localdate())

    def deadlines(self, today: date) -> list[dict[str, object]]:
        """Each step: its due date, when it was done, and whether it is late."""
        steps = [
            ("Tell the victim whether the threshold is met", self.decision_due, self.decision_on, self.decision_days),
            ("Hold the review meeting", self.meeting_due, self.meeting_on, self.meeting_days),
            ("Send the victim the outcome", self.outcome_due, self.outcome_sent_on, self.outcome_days),
        ]
        return [
            {
                "step": step,
                "due": due,
                "done": done,
                "days": days,
                "late": (done or today) > due,
            }
            for step, due, done, days in steps
        ]


class AsbIncident(models.Model):
    """A complaint of anti-social behaviour by a victim, at an address."""

    victim = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="asb_incidents")
    address = models.CharField(max_length=300)
    postcode = models.CharField(max_length=10)
    address_key = models.CharField(max_length=320, db_index=True, editable=False)
    occurred_on = models.DateField()
    reported_on = models.DateField()
    description = models.TextField()
    reference = models.CharField(max_length=50, blank=True, help_text="the reporting agency's own reference")
    recorded_by_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review = models.ForeignKey(AsbReview, null=True, blank=True, on_delete=models.SET_NULL, related_name="incidents")
    is_example = models.BooleanField(default=False, help_text="an invented incident for demonstration")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reported_on", "-pk"]
        verbose_name = "ASB incident"

    def __str__(self) -> str:
        return f"ASB {self.reported_on} at {self.postcode}"

    def clean(self) -> None:
        self.address_key = address_key(self.address, self.postcode)
        if self.occurred_on and self.reported_on and self.reported_on < self.occurred_on:
            raise ValidationError(
                {"reported_on": ValidationError("It must be reported on or after the day it happened", code="order")}
            )


def address_key(address: str, postcode: str) -> str:
    """The first line of the address and the postcode, lower case, without spaces or punctuation."""
    first = address.split(",")[0]
    return "".join(ch for ch in f"{first}{postcode}".lower() if ch.isalnum())
