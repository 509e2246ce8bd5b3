"""The alert-sending background task (django-tasks, database backend; run ``crimeplan db_worker``).

One chain of tasks per alert. Each run first enqueues its own successor to run after the lease (insurance: if
this worker is killed, the successor recovers its rows and carries on once the lease has passed), sends one
batch, then brings the successor forward to now (more to send), to when the next deferred message is due
(quiet hours), or lets it run once more and find nothing to do.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from crimeplan.engagement.services import sending

logger = logging.getLogger(__name__)


def lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.ALERTS_LEASE_SECONDS)


def start_sending(alert_id: int, *, at: dt.datetime | None = None) -> None:
    if at is not None:
        send_alert.using(run_after=at).enqueue(alert_id)
    else:
        send_alert.enqueue(alert_id)


def _bring_forward(result_id: str, when: dt.datetime) -> bool:
    from django_tasks_db.models import DBTaskResult

    return bool(DBTaskResult.objects.filter(id=result_id, status="READY").update(run_after=when))


@task()
def send_alert(alert_id: int) -> dict[str, int]:
    if sending.finish_if_done(alert_id):
        return {}  # nothing left: the chain ends here
    sending.mark_sending(alert_id)
    successor = send_alert.using(run_after=timezone.now() + lease()).enqueue(alert_id)
    recovered = sending.recover(alert_id)
    result = sending.send_batch(alert_id)
    if sending.finish_if_done(alert_id):
        _bring_forward(successor.id, timezone.now())  # it will find nothing and end the chain
    else:
        due = sending.next_due(alert_id)
        if due is not None:
            _bring_forward(successor.id, due)
    logger.info("alert %s: %s, recovered %s", alert_id, result, recovered)
    return {"sent": result.sent, "failed": result.failed, "deferred": result.deferred, **recovered}
