"""Users and the organisations (agencies) they work for."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from crimeplan.accounts.constants import OrganisationKind


class Organisation(models.Model):
    """A partner agency: records are owned by one and shared with others by agreement."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who signs in. Staff of partner agencies belong to one organisation."""

    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )

    class Meta:
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username
