"""Third-party reporting centres: registering them and their trained staff, and attachments to reports."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from crimeplan.audit.services import record_event
from crimeplan.core.permissions import check
from crimeplan.reporting.events import CentreRegistered
from crimeplan.reporting.models import Attachment, Centre, Report, TrainedStaff
from crimeplan.reporting.permissions import MANAGE_CENTRES
from crimeplan.reporting.services.common import save


@transaction.atomic
def register_centre(*, user: Any, centre: Centre, strands: Any = ()) -> Centre:
    """Save a new or changed centre (the form has set its fields)."""
    check(user, MANAGE_CENTRES)
    save(centre)
    centre.strands.set(strands)
    record_event(CentreRegistered(centre=str(centre)), actor=user, obj=centre, purpose="Reporting centre register")
    return centre


@transaction.atomic
def add_trained_staff(*, user: Any, centre: Centre, name: str, trained_on: dt.date) -> TrainedStaff:
    check(user, MANAGE_CENTRES)
    staff = TrainedStaff(centre=centre, name=name.strip(), trained_on=trained_on)
    save(staff)
    record_event(CentreRegistered(centre=str(centre)), actor=user, obj=centre, purpose=f"Trained staff: {staff.name}")
    return staff


@transaction.atomic
def attach_file(*, report: Report, upload: UploadedFile, content_type: str) -> Attachment:
    """Store a checked file outside the web root (the form has checked its type by its first bytes)."""
    attachment = Attachment(
        report=report, content_type=content_type, size=upload.size or 0, original_name=(upload.name or "file")[:200]
    )
    attachment.file.save(f"{report.pk}-{attachment.original_name}", upload, save=False)
    save(attachment)
    return attachment
