"""Admin: funds, rounds (assigning assessors), criteria and contracts. Money moves only through services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from crimeplan.audit.admin import AuditedAdminMixin
from crimeplan.grants.models import (
    AllocationDecision,
    Application,
    Award,
    CoFunding,
    Contract,
    Criterion,
    Fund,
    Kpi,
    Payment,
    Round,
)


class CriterionInline(admin.TabularInline[Criterion, Fund]):
    model = Criterion
    extra = 0


@admin.register(Fund)
class FundAdmin(admin.ModelAdmin[Fund]):
    list_display = ["name", "financial_year", "budget", "awarded_total", "paid_total", "is_example"]
    list_filter = ["financial_year", "kind", "is_example"]
    readonly_fields = ["awarded_total", "paid_total"]
    filter_horizontal = ["priorities"]
    inlines = [CriterionInline]


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin[Round]):
    list_display = ["title", "fund", "opens_on", "closes_on", "panel_on", "is_example"]
    list_filter = ["fund__financial_year"]
    filter_horizontal = ["assessors"]


@admin.register(Application)
class ApplicationAdmin(AuditedAdminMixin, admin.ModelAdmin[Application]):
    """Read-only: applications change through the journey and the assessment services. Reads are audited."""

    list_display = ["reference", "org_name", "title", "status", "round", "is_example"]
    list_filter = ["status", "round__fund"]
    search_fields = ["reference", "org_name", "title"]
    exclude = ["token_hash"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


class PaymentInline(admin.TabularInline[Payment, Award]):
    model = Payment
    extra = 0
    can_delete = False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin[Award]):
    """Read-only: awards and payments are made by the services, which keep the fund's totals."""

    list_display = ["application", "fund", "amount", "paid_total", "status", "awarded_on"]
    list_filter = ["status", "fund"]
    inlines = [PaymentInline]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class CoFundingInline(admin.TabularInline[CoFunding, Contract]):
    model = CoFunding
    extra = 1


class KpiInline(admin.TabularInline[Kpi, Contract]):
    model = Kpi
    extra = 1


@admin.register(Contract)
class ContractAdmin(admin.ModelAdmin[Contract]):
    list_display = ["reference", "title", "provider", "starts_on", "ends_on", "review_on", "is_example"]
    inlines = [CoFundingInline, KpiInline]


@admin.register(AllocationDecision)
class AllocationDecisionAdmin(admin.ModelAdmin[AllocationDecision]):
    list_display = ["title", "financial_year", "total", "decided_at", "decided_by", "is_example"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
