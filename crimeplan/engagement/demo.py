"""Example members (clearly labelled, at example addresses) and one example alert, for ``crimeplan demo load``."""

from __future__ import annotations

from django.utils import timezone

from crimeplan.engagement.constants import MemberSource, TargetKind
from crimeplan.engagement.models import (
    Alert,
    AreaOfInterest,
    Member,
    MemberTopic,
    ProviderConsent,
    Reply,
    Subscription,
)
from crimeplan.engagement.services import replies, sending
from crimeplan.geography import selectors as geography

EXAMPLE_WARD = "E05011508"  # Audley & Queen's Park, Blackburn with Darwen (shipped geography)
EXAMPLE_LSOAS = ("E01012571", "E01012573", "E01012575", "E01012576")
EXAMPLE_SUBJECT = "Example: burglaries in your area"


def _ward() -> tuple[str, list[str]]:
    """The example ward and its LSOAs: from the loaded geography, else the shipped Lancashire codes."""
    wards = [code for code, _ in geography.wards_for_choice()]
    if not wards:
        return EXAMPLE_WARD, list(EXAMPLE_LSOAS)
    ward = EXAMPLE_WARD if EXAMPLE_WARD in wards else wards[0]
    return ward, geography.lsoa_codes_in(ward=ward)


def _example_reply() -> None:
    alert = Alert.objects.filter(subject=EXAMPLE_SUBJECT, is_example=True).first()
    member = Member.objects.filter(is_example=True).order_by("pk").first()
    if alert is None or member is None or Reply.objects.filter(alert=alert).exists():
        return
    replies.receive_reply(
        alert=alert,
        member=member,
        consent_to_share=True,
        text="Example: a van has been parked on our street at night for a week, engine running.",
    )


def _free_phone(n: int) -> str | None:
    """An Ofcom drama-range number for odd-numbered examples, unless someone already has it."""
    phone = f"+447700900{n:03d}"
    return phone if n % 2 and not Member.objects.filter(phone=phone).exists() else None


def load_examples() -> str:
    """Make up to six example members in one ward and one sent example alert; say what was done."""
    ward, lsoas = _ward()
    now = timezone.now()
    made = 0
    for n in range(1, 7):
        email = f"example.resident{n}@example.org"
        if Member.objects.filter(email=email).exists():
            continue
        member = Member.objects.create(
            email=email,
            phone=_free_phone(n),
            name=f"Example resident {n}",
            postcode=f"PR1 {n}XX"[:8],
            lsoa_code=lsoas[n % len(lsoas)],
            ward_code=ward,
            is_example=True,
            source=MemberSource.EXAMPLE,
            kind="business" if n == 6 else "resident",
        )
        AreaOfInterest.objects.create(member=member, lsoa_code=member.lsoa_code, reason="home")
        MemberTopic.objects.bulk_create([MemberTopic(member=member, topic=t) for t in ("burglary", "scams")])
        for provider in ("police", "opcc") if n != 3 else ("council",):
            ProviderConsent.objects.create(
                member=member,
                provider=provider,
                wording_version="example",
                wording="Example consent",
                given_at=now,
                evidence="Example data",
            )
        Subscription.objects.create(member=member, channel="email", confirmed_at=now, confirmation_evidence="Example")
        if member.phone:
            Subscription.objects.create(member=member, channel="sms", confirmed_at=now, confirmation_evidence="Example")
        made += 1
    if not Alert.objects.filter(subject=EXAMPLE_SUBJECT, is_example=True).exists():
        alert = Alert.objects.create(
            provider="police", subject=EXAMPLE_SUBJECT,
            body="Example: there have been burglaries nearby. Lock doors and windows and call 101 with information.",
            topics=["burglary"], target_kind=TargetKind.WARD, target_code=ward, target_lsoas=lsoas, is_example=True,
        )  # fmt: skip
        sending.queue_alert(alert=alert, start=False)
        while sending.send_batch(alert.pk, per_second=1000).sent:
            pass
        sending.finish_if_done(alert.pk)
    _example_reply()
    return f"Example members made: {made} (ward {ward}); example alert ready."
