"""Lawful sharing as data: agreements, consent, recorded exceptions, and partner systems' API keys."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from crimeplan.accounts.models import Organisation
from crimeplan.cases.constants import ConsentStatus, DataCategory, LegalGateway
from crimeplan.cases.models.cases import Case
from crimeplan.cases.models.config import Programme
from crimeplan.cases.models.people import Person


class InformationSharingAgreement(models.Model):
    """Who may share what about which programme's cases, why and under which law.

    A party sees another party's cases in the agreement's programmes when the person has
    consented under the agreement or a lawful exception is recorded for the case; special
    category data only if the agreement lists that category.
    """

    title = models.CharField(max_length=200, unique=True)
    purpose = models.TextField()
    legal_gateway = models.CharField(max_length=20, choices=LegalGateway.choices)
    legal_gateway_detail = models.CharField(max_length=300, blank=True)
    parties = models.ManyToManyField(Organisation, related_name="agreements")
    programmes = models.ManyToManyField(Programme, related_name="agreements")
    data_categories = models.JSONField(default=list, help_text="DataCategory values the agreement covers")
    starts_on = models.DateField()
    review_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = "information sharing agreement"

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        unknown = [c for c in self.data_categories if c not in DataCategory.values]
        if unknown:
            raise ValidationError(
                {
                    "data_categories": ValidationError(
                        f"Unknown data categories: {', '.join(map(str, unknown))}", code="unknown"
                    )
                }
            )
        if self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": ValidationError("The agreement must end after it starts", code="order")})

    def category_labels(self) -> list[str]:
        return [DataCategory(c).label for c in self.data_categories]


class ConsentRecord(models.Model):
    """Consent given or withdrawn to sharing under one agreement; the latest record for a person counts."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    agreement = models.ForeignKey(InformationSharingAgreement, on_delete=models.PROTECT, related_name="consents")
    status = models.CharField(max_length=10, choices=ConsentStatus.choices)
    given_by = models.CharField(max_length=150, help_text="the person, or who gave it for them and why")
    scope = models.CharField(max_length=300, help_text="what the person agreed to, in their words")
    version = models.CharField(max_length=40, help_text="version of the consent form or privacy notice")
    recorded_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by_name = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.recorded_on} ({self.agreement})"


class LawfulException(models.Model):
    """Sharing a case without consent, under an agreement, for a recorded lawful reason."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="exceptions")
    agreement = models.ForeignKey(InformationSharingAgreement, on_delete=models.PROTECT, related_name="exceptions")
    reason = models.TextField(help_text="why consent is not sought or not needed, e.g. it would prejudice prevention")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by_name = models.CharField(max_length=150, blank=True)
    decided_on = models.DateField()
    expires_on = models.DateField()

    class Meta:
        ordering = ["-decided_on", "-pk"]

    def __str__(self) -> str:
        return f"Exception under {self.agreement} until {self.expires_on}"

    def clean(self) -> None:
        if self.expires_on and self.decided_on and self.expires_on < self.decided_on:
            raise ValidationError(
                {"expires_on": ValidationError("The exception must expire after it is decided", code="order")}
            )


class ApiKey(models.Model):
    """A partner system's key: it acts as its own service account of one organisation.

    Only a SHA-256 hash of the key is stored; the key itself is shown once, when it is made.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_key")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=16, unique=True)
    key_hash = models.CharField(max_length=64)
    created_by = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "API key"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def organisation(self) -> Organisation | None:
        return self.user.organisation
