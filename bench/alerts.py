"""Benchmark: queueing one alert to 100,000 members, against a plain bulk insert of the same rows.

The members are **generated for timing only** (``source = generated``, addresses at example.invalid), all in
one real ward of the shipped Lancashire geography, each with a confirmed email channel, the topic and the
provider's consent. What is timed:

1. **Queueing** (``queue_alert``): the targeting query (area, topics, threshold, current consent, live
   channel, quiet hours) and one ``Delivery`` row per member, against the **baseline**: ``bulk_create`` of
   the same 100,000 ``Delivery`` rows with nothing worked out (the least any queueing can cost).
2. **Sending overhead**: ``send_batch`` of 2,000 messages to Django's in-memory mail backend with no pacing
   (claim, consent and quiet-hours re-check, hand-over and sent marks per message): what the worker adds
   to the provider's own pace (GOV.UK Notify: 3,000 messages a minute).

Run with ``python -m bench.alerts`` (``make bench`` runs every benchmark).
"""

from __future__ import annotations

import time

from rich.console import Console
from rich.table import Table

from bench._common import ROOT, django_in, scratch

MEMBERS = 100_000
WARD = "E05011508"
SEND = 2_000


def generate_members() -> None:
    from django.utils import timezone

    from crimeplan.engagement.models import AreaOfInterest, Member, MemberTopic, ProviderConsent, Subscription
    from crimeplan.geography.selectors import lsoa_codes_in

    lsoas = lsoa_codes_in(ward=WARD)
    now = timezone.now()
    chunk = 10_000
    for start in range(0, MEMBERS, chunk):
        members = Member.objects.bulk_create(
            Member(email=f"generated-{n}@example.invalid", lsoa_code=lsoas[n % len(lsoas)], ward_code=WARD,
                   source="generated", manage_token=f"generated-{n}")
            for n in range(start, start + chunk)
        )  # fmt: skip
        AreaOfInterest.objects.bulk_create(
            AreaOfInterest(member=m, lsoa_code=m.lsoa_code, reason="home") for m in members
        )
        MemberTopic.objects.bulk_create(MemberTopic(member=m, topic="burglary") for m in members)
        ProviderConsent.objects.bulk_create(
            ProviderConsent(member=m, provider="police", wording_version="generated", wording="generated",
                            given_at=now, evidence="generated for the benchmark")
            for m in members
        )  # fmt: skip
        Subscription.objects.bulk_create(
            Subscription(member=m, channel="email", confirmed_at=now, confirm_token=f"generated-{m.pk}")
            for m in members
        )


def main() -> None:
    console = Console()
    django_in(scratch("alerts"))
    from django.conf import settings
    from django.core.management import call_command

    from crimeplan.engagement.models import Alert, Delivery, Member
    from crimeplan.engagement.services import alerts, sending

    shipped = sorted(str(p) for p in (ROOT / "data" / "geography").iterdir() if p.suffix == ".csv")
    call_command("geography", "load", *shipped, verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    started = time.perf_counter()
    generate_members()
    console.print(f"Generated {Member.objects.count():,} members in {time.perf_counter() - started:.1f} s")

    alert = alerts.create_alert(user=None, provider="police", subject="Bench", body="Bench", topics=["burglary"],
                                target_kind="ward", target_code=WARD)  # fmt: skip
    started = time.perf_counter()
    targeted = sending.queue_alert(alert=alert, start=False)
    queue_s = time.perf_counter() - started

    baseline_alert = Alert.objects.create(provider="police", subject="Baseline", body="b", target_kind="ward",
                                          target_code=WARD, target_lsoas=alert.target_lsoas)  # fmt: skip
    ids = list(Member.objects.values_list("pk", flat=True))
    started = time.perf_counter()
    Delivery.objects.bulk_create(
        (Delivery(alert=baseline_alert, member_id=pk, channel="email") for pk in ids), batch_size=5000
    )
    baseline_s = time.perf_counter() - started

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    started = time.perf_counter()
    result = sending.send_batch(alert.pk, size=SEND, per_second=1e9)
    send_s = time.perf_counter() - started

    table = Table(title=f"Queueing one alert to {targeted:,} generated members (SQLite)")
    for column in ("what", "seconds", "ratio to baseline"):
        table.add_column(column)
    table.add_row("queue_alert (targeting + deliveries)", f"{queue_s:.2f}", f"{queue_s / baseline_s:.1f}×")
    table.add_row("baseline: bulk_create of the same rows", f"{baseline_s:.2f}", "1.0×")
    table.add_row(f"send_batch of {result.sent:,} (in-memory mail)", f"{send_s:.2f}",
                  f"{1000 * send_s / max(result.sent, 1):.1f} ms a message")  # fmt: skip
    console.print(table)
    assert targeted == MEMBERS
    assert result.sent == SEND


if __name__ == "__main__":
    main()
