"""API: import runs and street-level crime counts."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from crimeplan.core.permissions import api_requires, public
from crimeplan.crimedata import selectors
from crimeplan.crimedata.models import ImportRun

router = Router(tags=["crime data"])


class ImportRunOut(Schema):
    id: int
    file_name: str
    kind: str
    force: str
    month: str = Field(description="YYYY-MM")
    status: str = Field(description="stored, unchanged, refused (nothing to store), failed (unreadable) or recovered")
    is_current: bool = Field(description="whether this run's rows are in the store now")
    rows_read: int
    rows_stored: int
    rows_rejected: int = Field(description="rows_read = rows_stored + rows_rejected")
    rejected_by_rule: dict[str, int]
    rows_duplicate: int = Field(description="stored rows that repeat an earlier row of the file exactly")
    unattributed: int = Field(description="stored rows with no Community Safety Partnership")
    sha256: str
    error: str
    created_at: datetime


class ImportFilter(Schema):
    force: str | None = Field(None, description="police.uk force id, e.g. lancashire")
    kind: str | None = Field(None, description="street, outcomes or stop-and-search")
    current: bool = Field(True, description="only runs whose rows are in the store now")


@router.get(
    "/imports",
    response=list[ImportRunOut],
    auth=api_requires("crimedata.view_data_pages"),
    summary="Import runs and their reconciliation",
)
def list_imports(request: HttpRequest, filters: Query[ImportFilter]) -> list[ImportRun]:
    runs = ImportRun.objects.all()
    if filters.current:
        runs = runs.filter(is_current=True)
    if filters.force:
        runs = runs.filter(force=filters.force)
    if filters.kind:
        runs = runs.filter(kind=filters.kind)
    return list(runs.order_by("kind", "force", "month")[:5000])


class GroupBy(StrEnum):
    MONTH = "month"
    CATEGORY = "category"
    CSP = "csp"
    LSOA = "lsoa"


class CountsQuery(Schema):
    force: str = Field(..., description="police.uk force id, e.g. lancashire")
    from_: str | None = Field(
        None, alias="from", pattern=r"^\d{4}-\d{2}$", description="first month, YYYY-MM (default: first held)"
    )
    to: str | None = Field(None, pattern=r"^\d{4}-\d{2}$", description="last month, YYYY-MM (default: last held)")
    group_by: GroupBy = GroupBy.MONTH
    crime_type: str | None = Field(None, description="police.uk slug or name, e.g. burglary")


class CountRow(Schema):
    key: str | None = Field(description="month, crime type, CSP code or LSOA code; null for records not attributed")
    label: str
    count: int


class CountsOut(Schema):
    force: str
    from_: str = Field(serialization_alias="from")
    to: str
    group_by: GroupBy
    crime_type: str | None
    total: int
    rows: list[CountRow]


@router.get("/crime/counts", response=CountsOut, summary="Street-level crime counts", by_alias=True)
@public
def crime_counts(request: HttpRequest, query: Query[CountsQuery]) -> dict[str, object]:
    """Counts of street-level crime and anti-social behaviour records, grouped by month, crime type, CSP or LSOA."""
    period = selectors.resolve_period(query.force, query.from_, query.to, query.crime_type)
    rows = selectors.crime_counts(period, query.group_by.value)
    return {
        "force": period.force,
        "from_": period.first,
        "to": period.last,
        "group_by": query.group_by,
        "crime_type": period.crime_type,
        "total": sum(r["count"] for r in rows),
        "rows": rows,
    }
