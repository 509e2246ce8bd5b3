"""People the partnership works with, and corrections made to their records."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from crimeplan.cases.constants import Ethnicity, Sex, SexualOrientation


class Person(models.Model):
    """A person, who can appear in several cases and programmes.

    ``ethnicity`` and ``sexual_orientation`` are special category data. ``holder`` is the agency
    responsible for the record (the owner of the case it was made for, or the agency that recorded
    the ASB complaint or cohort entry): it sees every field; anyone else sees a field only when
    their own team place or sharing agreement covers it (see ``permissions.person_categories``).
    """

    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=10, choices=Sex.choices, blank=True)
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    ethnicity = models.CharField(max_length=20, choices=Ethnicity.choices, blank=True)
    sexual_orientation = models.CharField(max_length=20, choices=SexualOrientation.choices, blank=True)
    holder = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="the agency responsible for this record; others see it only as their agreements allow",
    )
    is_example = models.BooleanField(default=False, help_text="an invented person for demonstration")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["family_name", "given_name", "pk"]
        indexes = [models.Index(fields=["family_name", "given_name", "date_of_birth"])]
        verbose_name_plural = "people"
        permissions = [("rectify_person", "Can correct the records of people their agency holds")]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}"


class Rectification(models.Model):
    """A correction of a person's record (UK GDPR Article 16): which fields, why, by whom.

    The old values are not kept: keeping inaccurate data is what rectification stops.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="rectifications")
    fields = models.JSONField(default=list)
    reason = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    by_name = models.CharField(max_length=150)
    organisation_name = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{', '.join(self.fields)} corrected"
