"""The audit trail is a hash chain the database will not let anyone rewrite, and ``audit verify`` checks it."""

from __future__ import annotations

import hashlib
import json
import threading
from datetime import UTC
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, connections, transaction

from crimeplan.audit import triggers
from crimeplan.audit.chain import GENESIS, verify
from crimeplan.audit.events import DataExported, SignedIn
from crimeplan.audit.models import AuditEvent, ChainHead
from crimeplan.audit.services import record_event

pytestmark = pytest.mark.django_db


def _three(user):
    return [record_event(DataExported(what=f"file {n}", format="csv", rows=n), actor=user) for n in (1, 2, 3)]


def _sql(statement, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, params)


def test_each_event_holds_the_hash_of_the_one_before(staff_user):
    first, second, third = _three(staff_user)
    stored = AuditEvent.objects.get(pk=second.pk)
    assert stored.previous_hash == first.hash and third.previous_hash == stored.hash
    assert third.sequence == second.sequence + 1 == first.sequence + 2
    expected = json.dumps(
        {
            "actor_id": staff_user.pk,
            "actor_name": "analyst",
            "data": {"format": "csv", "rows": 2, "what": "file 2"},
            "event": "data_exported",
            "ip_address": None,
            "object_id": "",
            "object_type": "",
            "occurred_at": stored.occurred_at.astimezone(UTC).isoformat(timespec="microseconds"),
            "organisation_name": "",
            "previous_hash": first.hash,
            "purpose": "",
            "sequence": stored.sequence,
        },
        sort_keys=True,
        separators=(",", ":"),
    )
    assert stored.hash == hashlib.sha256(expected.encode()).hexdigest()
    head = ChainHead.objects.get()
    assert (head.sequence, head.hash) == (third.sequence, third.hash)


def test_a_sound_trail_verifies(staff_user):
    _three(staff_user)
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert "The audit trail is sound: 3 events chained" in out.getvalue()


def test_the_database_refuses_update_delete_and_truncate(staff_user):
    record = record_event(SignedIn(), actor=staff_user)
    statements = [
        ("UPDATE audit_auditevent SET actor_id = NULL WHERE id = %s", [record.pk]),
        ("UPDATE audit_auditevent SET purpose = 'x' WHERE id = %s", [record.pk]),
        ("DELETE FROM audit_auditevent WHERE id = %s", [record.pk]),
        ("DELETE FROM audit_auditevent", []),
    ]
    if connection.vendor == "postgresql":
        statements.append(("TRUNCATE audit_auditevent", []))
    for statement, params in statements:
        with pytest.raises(DatabaseError, match="append-only"):
            _sql(statement, params)
    assert AuditEvent.objects.get().actor_id == staff_user.pk


def test_deleting_a_user_keeps_their_id_on_their_events(staff_user):
    record_event(SignedIn(), actor=staff_user)
    user_id = staff_user.pk
    staff_user.delete()
    event = AuditEvent.objects.get()
    assert event.actor is None and event.actor_id == user_id
    assert verify().sound


@pytest.mark.parametrize(
    ("tamper", "problem"),
    [
        ("UPDATE audit_auditevent SET purpose = 'nothing to see' WHERE sequence = %(second)s", "edited"),
        ("UPDATE audit_auditevent SET actor_id = NULL WHERE sequence = %(second)s", "edited"),
        ("DELETE FROM audit_auditevent WHERE sequence = %(second)s", "missing (deleted)"),
    ],
)
def test_verify_names_the_first_event_edited_or_deleted(staff_user, tamper, problem):
    first, second, third = _three(staff_user)
    triggers.drop(connection)  # as an owner of the table could; rolled back with the test
    _sql(tamper % {"second": second.sequence})
    verdict = verify()
    named = second if problem == "edited" else third
    assert not verdict.sound and verdict.checked == first.sequence
    assert verdict.problem.startswith(f"event {named.sequence} (id {named.pk}, ")
    assert problem in verdict.problem
    with pytest.raises(CommandError, match=f"broken at event {named.sequence} "):
        call_command("audit", "verify")


def test_verify_notices_the_last_events_deleted(staff_user):
    _, second, third = _three(staff_user)
    triggers.drop(connection)
    _sql("DELETE FROM audit_auditevent WHERE sequence >= %s", [second.sequence])
    verdict = verify()
    assert verdict.problem == f"event {second.sequence} to {third.sequence}: missing after the last (deleted)"


def test_an_empty_trail_starts_from_the_genesis_hash(staff_user):
    assert not AuditEvent.objects.exists()
    record = record_event(SignedIn(), actor=staff_user)
    assert record.sequence == 1 and record.previous_hash == GENESIS


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_make_one_chain(django_user_model):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer in at a time; threads need PostgreSQL's row lock")
    user = django_user_model.objects.create_user(username="writer")
    before = AuditEvent.objects.count()  # creating the user may itself be audited
    errors: list[BaseException] = []

    def write() -> None:
        try:
            for n in range(15):
                record_event(DataExported(what="thread", format="csv", rows=n), actor=user)
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(AuditEvent.objects.values_list("sequence", flat=True)) == list(range(1, before + 61))
    verdict = verify()
    assert verdict.sound and verdict.checked == before + 60
