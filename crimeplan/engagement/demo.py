"""Example members (clearly labelled, at example addresses) and one example alert, for ``crimeplan demo load``."""

from __future__ import annotations

from django.utils import timezone

from crimeplan.engagement.constants import MemberSource, TargetKind
from crimeplan.engagement.models import Alert, AreaOfInterest, Member, MemberTopic, ProviderConsent, Subscription
from crimeplan.engagement.services import alerts, sending
from crimeplan.geography import selectors as geography

EXAMPLE_WARD = "E05012041"  # fallback: the first loaded ward is used when this one is not
EXAMPLE_SUBJECT = "Example: burglaries in your area"


def _ward() -> str:
    wards = [code for code, _ in geography.wards_for_choice()]
    if not wards:
        return ""
    return EXAMPLE_WARD if EXAMPLE_WARD in wards else wards[0]


def load_examples() -> str:
    """Make up to six example members in one ward and one sent example alert; say what was done."""
    ward = _ward()
    if not ward:
        return "No geography is loaded: load it first (crimeplan geography load)."
    lsoas = geography.lsoa_codes_in(ward=ward)
    now = timezone.now()
    made = 0
    for n in range(1, 7):
        email = f"example.resident{n}@example.org"
        if Member.objects.filter(email=email).exists():
            continue
        member = Member.objects.create(
            email=email,
            phone=f"+447700900{n:03d}" if n % 2 else None,
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
        alert = alerts.create_alert(
            user=None,
            provider="police",
            subject=EXAMPLE_SUBJECT,
            body="Example: there have been burglaries nearby. Lock doors and windows and call 101 with information.",
            topics=["burglary"],
            target_kind=TargetKind.WARD,
            target_code=ward,
            is_example=True,
        )
        sending.queue_alert(alert=alert, start=False)
        while sending.send_batch(alert.pk, per_second=1000).sent:
            pass
        sending.finish_if_done(alert.pk)
    return f"Example members made: {made} (ward {ward}); example alert ready."
