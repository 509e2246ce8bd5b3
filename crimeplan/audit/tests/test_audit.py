import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import DatabaseError, connection, transaction

from crimeplan.audit.events import DataExported, SignedIn, registered
from crimeplan.audit.models import AppendOnlyError, AuditEvent
from crimeplan.audit.services import record_event

pytestmark = pytest.mark.django_db


def test_every_event_is_documented():
    documented = set(re.findall(r"^\| `(\w+)` \|", (Path(settings.BASE_DIR) / "docs" / "audit.md").read_text(), re.M))
    events = registered()
    assert documented == set(events)
    for cls in events.values():
        assert cls.__doc__, f"{cls.__name__} needs a docstring saying when it is recorded"


def test_an_event_records_who_what_and_which_object(staff_user):
    record = record_event(
        DataExported(what="x", format="csv", rows=3), actor=staff_user, obj=staff_user, purpose="board report"
    )
    record.refresh_from_db()
    assert (record.event, record.actor_name, record.object_type, record.object_id) == (
        "data_exported",
        "analyst",
        "accounts.User",
        str(staff_user.pk),
    )
    assert record.data == {"what": "x", "format": "csv", "rows": 3}
    assert record.purpose == "board report"


def test_events_cannot_be_changed_or_deleted(staff_user):
    record = record_event(SignedIn(), actor=staff_user)
    with pytest.raises(AppendOnlyError):
        record.save()
    with pytest.raises(AppendOnlyError):
        record.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=record.pk).update(event="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


def test_the_database_itself_refuses_changes(staff_user):
    record = record_event(SignedIn(), actor=staff_user)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET event = 'tampered' WHERE id = %s", [record.pk])
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [record.pk])


def test_deleting_a_user_keeps_their_events(staff_user):
    record_event(SignedIn(), actor=staff_user)
    staff_user.delete()
    event = AuditEvent.objects.get()
    assert event.actor is None and event.actor_name == "analyst"


def test_sign_in_attempts_are_recorded(client, staff_user):
    client.post("/accounts/sign-in/", {"username": "analyst", "password": "wrong"})
    client.post("/accounts/sign-in/", {"username": "analyst", "password": "a-long-test-password"})
    assert list(AuditEvent.objects.order_by("id").values_list("event", "actor_name")) == [
        ("sign_in_failed", ""),
        ("signed_in", "analyst"),
    ]
    assert AuditEvent.objects.order_by("id").first().data == {"username": "analyst"}
