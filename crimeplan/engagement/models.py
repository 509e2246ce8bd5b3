"""Engagement records: members, their channels and consents, alerts, deliveries and replies.

A *verified member* has at least one channel confirmed (double opt-in) and not unsubscribed. A provider
may message a member only with a current :class:`ProviderConsent` for that provider and a confirmed
:class:`Subscription` for the channel; every :class:`Delivery` is unique per (alert, member, channel).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q

from crimeplan.engagement.constants import (
    AGE_BAND_ANSWERS,
    ETHNICITY_ANSWERS,
    AlertStatus,
    AreaReason,
    Channel,
    DeliveryState,
    MemberKind,
    MemberSource,
    Priority,
    Provider,
    ReplyKind,
    TargetKind,
)


def new_token() -> str:
    return secrets.token_urlsafe(24)


class MemberQuerySet(models.QuerySet["Member"]):
    def active(self) -> MemberQuerySet:
        return self.filter(erased_at__isnull=True)

    def verified(self) -> MemberQuerySet:
        """Members with at least one confirmed channel they have not unsubscribed from."""
        return (
            self.active()
            .filter(subscriptions__confirmed_at__isnull=False, subscriptions__unsubscribed_at__isnull=True)
            .distinct()
        )


class Member(models.Model):
    """A resident or business signed up for alerts. Erasing blanks the contact details and keeps the row.

    ``age_band`` and ``ethnicity`` are the optional equality questions (census age bands and broad ethnic
    groups, or "prefer_not"); they feed the "Who is heard" aggregates and default the PACT ballot.
    """

    email = models.EmailField(max_length=254, null=True, blank=True, unique=True)
    phone = models.CharField(max_length=16, null=True, blank=True, unique=True, help_text="E.164, e.g. +447700900123")
    name = models.CharField(max_length=200, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    lsoa_code = models.CharField(max_length=9, blank=True, db_index=True)
    ward_code = models.CharField(max_length=9, blank=True, db_index=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    kind = models.CharField(max_length=10, choices=MemberKind.choices, default=MemberKind.RESIDENT)
    source = models.CharField(max_length=10, choices=MemberSource.choices, default=MemberSource.SIGNUP)
    is_example = models.BooleanField(default=False, help_text="demonstration data")
    priority_threshold = models.PositiveSmallIntegerField(
        choices=Priority.choices, default=Priority.LOW, help_text="the lowest alert priority they want"
    )
    # Optional equality answers, given by the member only; staff see them in aggregate, never one by one.
    age_band = models.CharField(max_length=10, choices=AGE_BAND_ANSWERS, blank=True, help_text="blank: not answered")
    ethnicity = models.CharField(max_length=10, choices=ETHNICITY_ANSWERS, blank=True, help_text="blank: not answered")
    manage_token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(erased_at__isnull=False) | Q(email__isnull=False) | Q(phone__isnull=False),
                name="engagement_member_has_contact",
            )
        ]
        permissions = [
            ("manage_members", "Can see members and the replies inbox"),
            ("compose_alerts", "Can compose and send alerts"),
            ("approve_alerts", "Can approve high-priority alerts"),
        ]

    def __str__(self) -> str:
        return f"Member {self.pk}"


class MemberTopic(models.Model):
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="topics")
    topic = models.CharField(max_length=20)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "topic"], name="engagement_member_topic_once")]

    def __str__(self) -> str:
        return f"{self.member_id}: {self.topic}"


class AreaOfInterest(models.Model):
    """An LSOA a member hears about: their own, one of a ward they chose, or one within their radius."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="areas")
    lsoa_code = models.CharField(max_length=9)
    reason = models.CharField(max_length=10, choices=AreaReason.choices)
    ward_code = models.CharField(max_length=9, blank=True)
    radius_m = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["lsoa_code"])]
        constraints = [models.UniqueConstraint(fields=["member", "lsoa_code", "reason"], name="engagement_area_once")]

    def __str__(self) -> str:
        return f"{self.member_id}: {self.lsoa_code} ({self.reason})"


class Subscription(models.Model):
    """One channel of a member: confirmed by double opt-in, with its own quiet hours."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="subscriptions")
    channel = models.CharField(max_length=5, choices=Channel.choices)
    confirm_token = models.CharField(max_length=64, unique=True, default=new_token)
    sms_code_hash = models.CharField(max_length=64, blank=True)
    confirm_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmation_evidence = models.CharField(max_length=300, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    quiet_start = models.TimeField(null=True, blank=True, help_text="no messages from (local time)")
    quiet_end = models.TimeField(null=True, blank=True, help_text="until (local time)")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "channel"], name="engagement_subscription_once")]

    def __str__(self) -> str:
        return f"{self.member_id}: {self.channel}"

    @property
    def is_live(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None


class ProviderConsent(models.Model):
    """A member's consent for one provider, under a named wording version; withdrawing closes the record.

    Records are never changed except to set ``withdrawn_at``: giving consent again makes a new record, so the
    history of what was agreed, when and under which wording stays.
    """

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="consents")
    provider = models.CharField(max_length=20, choices=Provider.choices)
    wording_version = models.CharField(max_length=20)
    wording = models.TextField()
    given_at = models.DateTimeField()
    evidence = models.CharField(max_length=300, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["member", "provider", "given_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "provider"],
                condition=Q(withdrawn_at__isnull=True),
                name="engagement_one_current_consent",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member_id}: {self.provider} ({self.wording_version})"


class Alert(models.Model):
    """A message to the members of an area about topics, from one provider."""

    provider = models.CharField(max_length=20, choices=Provider.choices)
    subject = models.CharField(max_length=150)
    body = models.TextField()
    sms_body = models.CharField(max_length=612, blank=True, help_text="blank: made from the subject and body")
    priority = models.PositiveSmallIntegerField(choices=Priority.choices, default=Priority.NORMAL)
    topics = models.JSONField(default=list, blank=True)
    target_kind = models.CharField(max_length=10, choices=TargetKind.choices)
    target_code = models.CharField(max_length=9, blank=True)
    target_geojson = models.JSONField(null=True, blank=True)
    target_latitude = models.FloatField(null=True, blank=True)
    target_longitude = models.FloatField(null=True, blank=True)
    target_radius_m = models.PositiveIntegerField(null=True, blank=True)
    target_lsoas = models.JSONField(default=list, help_text="the LSOA codes the target covers")
    status = models.CharField(max_length=20, choices=AlertStatus.choices, default=AlertStatus.DRAFT)
    scheduled_for = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    targeted = models.PositiveIntegerField(default=0)
    suggested_from = models.CharField(max_length=200, blank=True, help_text="the crime change that suggested it")
    is_example = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.subject


class Delivery(models.Model):
    """One message of an alert to one member by one channel: at most one, ever (the unique constraint).

    A worker claims a queued row (queued → sending) in one UPDATE before it talks to the backend, marks
    it *handing over* just before the message content goes, and *sent* when the backend accepts it. A
    worker killed while a row is *sending* had not handed anything over, so the row is queued again; a row
    left *handing over* may have reached the member and is failed, never resent.
    """

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="deliveries")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(max_length=5, choices=Channel.choices)
    state = models.CharField(max_length=12, choices=DeliveryState.choices, default=DeliveryState.QUEUED)
    not_before = models.DateTimeField(null=True, blank=True, help_text="deferred until the member's quiet hours end")
    claimed_by = models.CharField(max_length=64, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    reference = models.CharField(max_length=100, blank=True, help_text="the provider's id of the message")
    failure_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["alert", "id"]
        constraints = [models.UniqueConstraint(fields=["alert", "member", "channel"], name="engagement_delivery_once")]
        indexes = [models.Index(fields=["alert", "state"]), models.Index(fields=["reference"])]

    def __str__(self) -> str:
        return f"{self.alert_id} → {self.member_id} by {self.channel}: {self.state}"


class Reply(models.Model):
    """A member's reply to an alert, in the officers' inbox; information may be passed on with consent."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="replies")
    member = models.ForeignKey(Member, null=True, blank=True, on_delete=models.SET_NULL, related_name="replies")
    text = models.TextField()
    kind = models.CharField(max_length=12, choices=ReplyKind.choices, default=ReplyKind.UNTRIAGED)
    consent_to_share = models.BooleanField(default=False, help_text="the member agreed it may be passed on")
    consent_wording = models.CharField(max_length=300, blank=True)
    passed_on_at = models.DateTimeField(null=True, blank=True)
    passed_on_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_at = models.DateTimeField(auto_now_add=True)
    via = models.CharField(max_length=10, default="web")
    message_id = models.CharField(
        max_length=255, blank=True, db_index=True, help_text="an emailed reply's Message-ID (read once only)"
    )

    class Meta:
        ordering = ["-received_at"]
        verbose_name_plural = "replies"

    def __str__(self) -> str:
        return f"Reply {self.pk} to alert {self.alert_id}"


class MemberImport(models.Model):
    """One run of ``crimeplan alerts import-members``: counts reconcile (read = imported + rejected)."""

    file_name = models.CharField(max_length=300)
    sha256 = models.CharField(max_length=64)
    rows_read = models.PositiveIntegerField()
    rows_imported = models.PositiveIntegerField()
    rows_updated = models.PositiveIntegerField(default=0)
    rows_rejected = models.PositiveIntegerField()
    ignored_columns = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rows_read=models.F("rows_imported") + models.F("rows_rejected")),
                name="engagement_import_reconciles",
            )
        ]

    def __str__(self) -> str:
        return f"{self.file_name}: {self.rows_imported} of {self.rows_read}"


class MemberImportRejection(models.Model):
    run = models.ForeignKey(MemberImport, on_delete=models.CASCADE, related_name="rejections")
    line = models.PositiveIntegerField()
    rule = models.CharField(max_length=40)
    value = models.TextField(blank=True)
    message = models.CharField(max_length=300)

    class Meta:
        ordering = ["run", "line"]

    def __str__(self) -> str:
        return f"line {self.line}: {self.rule}"
