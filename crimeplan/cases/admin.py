"""Admin for the partnership's configuration only.

Cases, people, consent and cohorts are not in the admin: every read of them must go through the
selectors that check access and write the audit trail. Sharing agreements are recorded on their own
page (audited, for holders of ``cases.add_informationsharingagreement``).
"""

from __future__ import annotations

from django.contrib import admin

from crimeplan.cases.models import AsbPolicy, FundedProject, NeedDomain, OutcomeScale, Programme, Service


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin[Programme]):
    list_display = ["name", "code", "kind", "lead_organisation", "accepts_public_referrals", "retention_months"]
    list_filter = ["kind", "is_active"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(NeedDomain)
class NeedDomainAdmin(admin.ModelAdmin[NeedDomain]):
    list_display = ["name", "data_category", "order", "is_active"]
    list_editable = ["order", "is_active"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(OutcomeScale)
class OutcomeScaleAdmin(admin.ModelAdmin[OutcomeScale]):
    list_display = ["name", "minimum", "maximum", "data_category", "order", "is_active"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(FundedProject)
class FundedProjectAdmin(admin.ModelAdmin[FundedProject]):
    list_display = ["name", "award", "fund_name", "organisation", "starts_on", "ends_on", "is_example"]
    list_filter = ["is_example"]


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin[Service]):
    list_display = ["name", "kind", "provider", "project", "data_category", "is_active", "is_example"]
    list_filter = ["kind", "data_category", "is_active"]
    search_fields = ["name", "provider"]
    filter_horizontal = ["domains"]


@admin.register(AsbPolicy)
class AsbPolicyAdmin(admin.ModelAdmin[AsbPolicy]):
    list_display = ["__str__", "decision_days", "meeting_days", "outcome_days", "changed_at"]
