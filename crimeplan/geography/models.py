"""ONS reference geography: LSOA -> ward -> local authority -> CSP -> police force area.

These tables mirror the store's reference tables (``crimeplan.analytics.geography``)
so that operational records (grants, cases) can point at areas and forms can
offer them. Codes are ONS GSS codes and are the primary keys.
"""

from __future__ import annotations

from django.db import models


class Area(models.Model):
    """An ONS area: its GSS code is the primary key; it reads as its name."""

    code = models.CharField(max_length=9, primary_key=True)
    name = models.CharField(max_length=100)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PoliceForceArea(Area):
    force_slug = models.SlugField(
        max_length=40, null=True, blank=True, unique=True, help_text="data.police.uk force id"
    )

    class Meta(Area.Meta):
        verbose_name = "police force area"


class CommunitySafetyPartnership(Area):
    police_force_area = models.ForeignKey(
        PoliceForceArea, null=True, blank=True, on_delete=models.SET_NULL, related_name="csps"
    )

    class Meta(Area.Meta):
        verbose_name = "Community Safety Partnership"


class LocalAuthority(Area):
    csp = models.ForeignKey(
        CommunitySafetyPartnership, null=True, blank=True, on_delete=models.SET_NULL, related_name="local_authorities"
    )

    class Meta(Area.Meta):
        verbose_name = "local authority"
        verbose_name_plural = "local authorities"


class Ward(Area):
    local_authority = models.ForeignKey(
        LocalAuthority, null=True, blank=True, on_delete=models.SET_NULL, related_name="wards"
    )


class Lsoa(Area):
    """A 2011 Lower layer Super Output Area (about 1,500 residents)."""

    ward = models.ForeignKey(Ward, null=True, blank=True, on_delete=models.SET_NULL, related_name="lsoas")
    local_authority = models.ForeignKey(
        LocalAuthority, null=True, blank=True, on_delete=models.SET_NULL, related_name="lsoas"
    )
    population = models.PositiveIntegerField(null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(null=True, blank=True)
    imd_rank = models.PositiveIntegerField(
        null=True, blank=True, help_text="IMD 2019 rank, 1 = most deprived in England"
    )
    imd_decile = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="IMD 2019 decile, 1 = most deprived 10%"
    )
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    class Meta(Area.Meta):
        ordering = ["code"]
        verbose_name = "LSOA"
        verbose_name_plural = "LSOAs"

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Postcode(models.Model):
    """A postcode and the 2011 LSOA ONS places it in (from ONSPD, NSPL or the best-fit lookup)."""

    postcode = models.CharField(max_length=8, primary_key=True, help_text='As ONS writes it: "PR1 2HN"')
    lsoa = models.ForeignKey(Lsoa, on_delete=models.CASCADE, related_name="postcodes")
    terminated = models.BooleanField(default=False, help_text="No longer in use (still found, as people use them)")
    source = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["postcode"]

    def __str__(self) -> str:
        return self.postcode
