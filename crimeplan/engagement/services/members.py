"""Signing up, confirming channels (double opt-in), changing preferences, unsubscribing and erasing."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from crimeplan.audit.services import record_event
from crimeplan.engagement.constants import (
    AGE_BAND_ANSWERS,
    CONSENT_WORDING,
    CURRENT_WORDING,
    ETHNICITY_ANSWERS,
    Channel,
    Provider,
    Topic,
)
from crimeplan.engagement.events import MemberChanged, MemberErased, MemberSignedUp
from crimeplan.engagement.models import AreaOfInterest, Member, MemberTopic, ProviderConsent, Subscription, new_token
from crimeplan.engagement.services import contacts, messaging, places

CODE_VALID_FOR = dt.timedelta(hours=24)


@dataclass
class Preferences:
    """What a member chooses: topics, providers they consent to, channels, areas, threshold and quiet hours."""

    topics: list[str]
    providers: list[str]
    channels: list[str]
    wards: list[str] = field(default_factory=list)
    radius_m: int | None = None
    priority_threshold: int = 1
    quiet: dict[str, tuple[dt.time | None, dt.time | None]] = field(default_factory=dict)
    #: The optional equality questions: a census age band / broad ethnic group, "prefer_not", or "" (not answered).
    age_band: str = ""
    ethnicity: str = ""

    def check(self) -> None:
        check_equality_answers(self.age_band, self.ethnicity)
        if not self.channels:
            raise ValidationError("Choose how you want alerts: email, text message or both.", code="no_channel")
        if not self.providers:
            raise ValidationError("Choose at least one organisation that may send you alerts.", code="no_provider")
        if not self.topics:
            raise ValidationError("Choose at least one topic.", code="no_topic")
        for values, allowed, what in (
            (self.topics, Topic.values, "topic"),
            (self.providers, Provider.values, "provider"),
            (self.channels, Channel.values, "channel"),
        ):
            unknown = sorted(set(values) - set(allowed))
            if unknown:
                raise ValidationError(
                    f"Unknown {what}: {', '.join(unknown)} (known: {', '.join(allowed)}).", code=f"unknown_{what}"
                )


def check_equality_answers(age_band: str, ethnicity: str) -> None:
    for value, answers, what in ((age_band, AGE_BAND_ANSWERS, "age_band"), (ethnicity, ETHNICITY_ANSWERS, "ethnicity")):
        allowed = [key for key, _ in answers]
        if value and value not in allowed:
            raise ValidationError(
                {
                    what: ValidationError(
                        f"Choose one of the answers given ({', '.join(allowed)}).", code=f"unknown_{what}"
                    )
                }
            )


def set_equality_answers(*, member: Member, age_band: str, ethnicity: str) -> None:
    """Keep the member's answers to the optional equality questions ("" leaves an answer as it is)."""
    check_equality_answers(age_band, ethnicity)
    member.age_band = age_band or member.age_band
    member.ethnicity = ethnicity or member.ethnicity
    member.save(update_fields=["age_band", "ethnicity", "updated_at"])
    record_event(MemberChanged(member=member.pk, what="equality answers"))


def wording_for(provider: str, version: str = CURRENT_WORDING) -> str:
    return CONSENT_WORDING[version].format(provider=Provider(provider).label)


def manage_url(member: Member) -> str:
    return settings.BASE_URL + reverse("engagement:manage", args=[member.manage_token])


def _hash_code(code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), code.encode(), hashlib.sha256).hexdigest()


def set_topics(member: Member, topics: list[str]) -> None:
    MemberTopic.objects.filter(member=member).exclude(topic__in=topics).delete()
    have = set(MemberTopic.objects.filter(member=member).values_list("topic", flat=True))
    MemberTopic.objects.bulk_create([MemberTopic(member=member, topic=t) for t in topics if t not in have])


def set_areas(member: Member, prefs: Preferences) -> None:
    point = (
        (member.latitude, member.longitude) if member.latitude is not None and member.longitude is not None else None
    )
    rows = places.interest_rows(home_lsoa=member.lsoa_code, wards=prefs.wards, point=point, radius_m=prefs.radius_m)
    AreaOfInterest.objects.filter(member=member).delete()
    AreaOfInterest.objects.bulk_create(
        [
            AreaOfInterest(
                member=member,
                lsoa_code=code,
                reason=reason,
                ward_code=ward,
                radius_m=prefs.radius_m if reason == "radius" else None,
            )
            for code, reason, ward in rows
        ]
    )


def set_consents(
    member: Member, providers: list[str], *, when: dt.datetime, version: str = CURRENT_WORDING, evidence: str = ""
) -> None:
    """Give consent to each provider in ``providers`` (kept if already current); withdraw the others."""
    current = {c.provider: c for c in ProviderConsent.objects.filter(member=member, withdrawn_at__isnull=True)}
    for provider, consent in current.items():
        if provider not in providers:
            consent.withdrawn_at = when
            consent.save(update_fields=["withdrawn_at"])
    for provider in providers:
        if provider not in current:
            wording = wording_for(provider) if version in CONSENT_WORDING else evidence
            ProviderConsent.objects.create(
                member=member,
                provider=provider,
                wording_version=version,
                wording=wording,
                given_at=when,
                evidence=evidence,
            )


def set_quiet_hours(member: Member, quiet: dict[str, tuple[dt.time | None, dt.time | None]]) -> None:
    for sub in Subscription.objects.filter(member=member):
        start, end = quiet.get(sub.channel, (None, None))
        if (start is None) != (end is None):
            raise ValidationError("Give both the start and the end of quiet hours, or neither.", code="quiet_hours")
        sub.quiet_start, sub.quiet_end = start, end
        sub.save(update_fields=["quiet_start", "quiet_end"])


@transaction.atomic
def sign_up(
    *,
    email: str = "",
    phone: str = "",
    postcode: str = "",
    lsoa_code: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    kind: str = "resident",
    name: str = "",
    prefs: Preferences,
) -> Member:
    """Make a member with unconfirmed channels and send each channel its confirmation (link or code)."""
    prefs.check()
    email = contacts.normalise_email(email) if email else ""
    phone = contacts.normalise_phone(phone) if phone else ""
    if "email" in prefs.channels and not email:
        raise ValidationError("Enter your email address to get alerts by email.", code="email_required")
    if "sms" in prefs.channels and not phone:
        raise ValidationError("Enter your mobile number to get alerts by text message.", code="phone_required")
    lsoa, ward = places.resolve_home(lsoa_code=lsoa_code, postcode=postcode, latitude=latitude, longitude=longitude)
    # Only a given contact can match: filter(phone=None) would match every member without a phone.
    existing = (Member.objects.filter(email=email).first() if email else None) or (
        Member.objects.filter(phone=phone).first() if phone else None
    )
    if existing is not None:
        # Say nothing that reveals an address is registered: send the existing member their own page's link.
        messaging.send_system_email(
            existing,
            "Your crimeplan alerts",
            f"You are already signed up. Change your alerts here: {manage_url(existing)}",
        )
        return existing
    member = Member(
        email=email or None,
        phone=phone or None,
        postcode=contacts.normalise_postcode(postcode),
        lsoa_code=lsoa,
        ward_code=ward,
        latitude=latitude,
        longitude=longitude,
        kind=kind,
        name=name,
        priority_threshold=prefs.priority_threshold,
        age_band=prefs.age_band,
        ethnicity=prefs.ethnicity,
    )
    member.full_clean()
    member.save()
    now = timezone.now()
    set_topics(member, prefs.topics)
    set_areas(member, prefs)
    set_consents(member, prefs.providers, when=now, evidence="signed up online")
    for channel in prefs.channels:
        Subscription.objects.create(member=member, channel=channel)
    set_quiet_hours(member, prefs.quiet)
    for sub in member.subscriptions.all():
        send_confirmation(sub)
    record_event(MemberSignedUp(member=member.pk, channels=prefs.channels))
    return member


def send_confirmation(sub: Subscription) -> None:
    """Email a confirmation link, or text a six-digit code (kept only as a keyed hash)."""
    member = sub.member
    sub.confirm_sent_at = timezone.now()
    if sub.channel == "email":
        link = settings.BASE_URL + reverse("engagement:confirm_email", args=[sub.confirm_token])
        messaging.send_system_email(
            member,
            "Confirm your crimeplan alerts",
            f"Confirm you want alerts by email by opening this link:\n\n{link}\n\n"
            "If you did not sign up, ignore this email and you will hear nothing more.",
        )
        sub.save(update_fields=["confirm_sent_at"])
    else:
        code = f"{secrets.randbelow(1_000_000):06d}"
        sub.sms_code_hash = _hash_code(code)
        sub.save(update_fields=["confirm_sent_at", "sms_code_hash"])
        messaging.send_system_sms(member, f"Your crimeplan alerts code is {code}. Reply STOP to opt out.")


@transaction.atomic
def confirm_email(*, token: str) -> Subscription | None:
    sub = Subscription.objects.select_for_update().filter(confirm_token=token, channel="email").first()
    if sub is None or sub.member.erased_at is not None:
        return None
    if sub.confirmed_at is None:
        sub.confirmed_at = timezone.now()
        sub.confirmation_evidence = "confirmation link opened"
        sub.unsubscribed_at = None
        sub.save(update_fields=["confirmed_at", "confirmation_evidence", "unsubscribed_at"])
        record_event(MemberChanged(member=sub.member_id, what="confirmed email"))
    return sub


@transaction.atomic
def confirm_sms(*, member: Member, code: str) -> None:
    sub = Subscription.objects.select_for_update().filter(member=member, channel="sms").first()
    if sub is None or not sub.sms_code_hash:
        raise ValidationError("Ask for a new code: there is no code waiting for this number.", code="no_code")
    expired = sub.confirm_sent_at is None or timezone.now() - sub.confirm_sent_at > CODE_VALID_FOR
    if expired or not hmac.compare_digest(sub.sms_code_hash, _hash_code(code.strip())):
        raise ValidationError("The code is not right or has expired: check the text we sent.", code="bad_code")
    sub.confirmed_at = timezone.now()
    sub.sms_code_hash = ""
    sub.confirmation_evidence = "code from text message entered"
    sub.unsubscribed_at = None
    sub.save(update_fields=["confirmed_at", "sms_code_hash", "confirmation_evidence", "unsubscribed_at"])
    record_event(MemberChanged(member=member.pk, what="confirmed sms"))


@transaction.atomic
def unsubscribe(*, member: Member, channel: str, how: str) -> bool:
    """Stop a channel at once; True when it was live."""
    changed = Subscription.objects.filter(member=member, channel=channel, unsubscribed_at__isnull=True).update(
        unsubscribed_at=timezone.now()
    )
    if changed:
        record_event(MemberChanged(member=member.pk, what=f"unsubscribed {channel} ({how})"))
    return bool(changed)


@transaction.atomic
def update_preferences(*, member: Member, prefs: Preferences) -> None:
    prefs.check()
    member.priority_threshold = prefs.priority_threshold
    member.age_band, member.ethnicity = prefs.age_band, prefs.ethnicity
    member.save(update_fields=["priority_threshold", "age_band", "ethnicity", "updated_at"])
    set_topics(member, prefs.topics)
    set_areas(member, prefs)
    set_consents(member, prefs.providers, when=timezone.now(), evidence="changed on their own page")
    for channel in Channel.values:
        sub = Subscription.objects.filter(member=member, channel=channel).first()
        if channel in prefs.channels and sub is None:
            if (channel == "email" and member.email) or (channel == "sms" and member.phone):
                send_confirmation(Subscription.objects.create(member=member, channel=channel))
        elif channel in prefs.channels and sub is not None and sub.unsubscribed_at is not None:
            sub.unsubscribed_at = None
            sub.confirmed_at = None
            sub.save(update_fields=["unsubscribed_at", "confirmed_at"])
            send_confirmation(sub)
        elif channel not in prefs.channels and sub is not None and sub.unsubscribed_at is None:
            sub.unsubscribed_at = timezone.now()
            sub.save(update_fields=["unsubscribed_at"])
    set_quiet_hours(member, prefs.quiet)
    record_event(MemberChanged(member=member.pk, what="preferences"))


def _change_contact(member: Member, channel: str, value: str) -> bool:
    """Set a new email or phone; its channel must be confirmed again. True when it changed."""
    field = "email" if channel == "email" else "phone"
    if (getattr(member, field) or "") == value:
        return False
    if value and Member.objects.filter(**{field: value}).exclude(pk=member.pk).exists():
        raise ValidationError(f"That {'address' if field == 'email' else 'number'} is already signed up.", code="taken")
    setter = {field: value or None}
    Member.objects.filter(pk=member.pk).update(**setter)
    setattr(member, field, value or None)
    sub = Subscription.objects.filter(member=member, channel=channel).first()
    if sub is not None and value:
        sub.confirmed_at, sub.confirm_token = None, new_token()
        sub.save(update_fields=["confirmed_at", "confirm_token"])
        send_confirmation(sub)
    elif sub is not None:
        sub.unsubscribed_at = sub.unsubscribed_at or timezone.now()
        sub.save(update_fields=["unsubscribed_at"])
    return True


@transaction.atomic
def update_details(*, member: Member, email: str, phone: str, postcode: str, lsoa_code: str) -> None:
    """Change contact details (each new one confirmed again) and where the member lives or works."""
    email = contacts.normalise_email(email) if email else ""
    phone = contacts.normalise_phone(phone) if phone else ""
    if not email and not phone:
        raise ValidationError(
            "Keep an email address or a mobile number, or delete everything instead.", code="no_contact"
        )
    changed = [c for c, v in (("email", email), ("sms", phone)) if _change_contact(member, c, v)]
    if lsoa_code and lsoa_code != member.lsoa_code:
        lsoa, ward = places.resolve_home(lsoa_code=lsoa_code)
        AreaOfInterest.objects.filter(member=member, reason="home").update(lsoa_code=lsoa)
        member.lsoa_code, member.ward_code = lsoa, ward
        changed.append("place")
    member.postcode = contacts.normalise_postcode(postcode)
    member.save(update_fields=["lsoa_code", "ward_code", "postcode", "updated_at"])
    record_event(MemberChanged(member=member.pk, what=f"details {', '.join(changed) or 'postcode'}"))


@transaction.atomic
def erase_member(*, member: Member) -> None:
    """Delete everything about a member: contact details and place blanked, channels and consents ended.

    The row stays (blank) so deliveries and consent history still add up; nothing identifies the person.
    """
    now = timezone.now()
    ProviderConsent.objects.filter(member=member, withdrawn_at__isnull=True).update(withdrawn_at=now)
    Subscription.objects.filter(member=member, unsubscribed_at__isnull=True).update(unsubscribed_at=now)
    MemberTopic.objects.filter(member=member).delete()
    AreaOfInterest.objects.filter(member=member).delete()
    Member.objects.filter(pk=member.pk).update(
        email=None,
        phone=None,
        name="",
        postcode="",
        age_band="",
        ethnicity="",
        latitude=None,
        longitude=None,
        erased_at=now,
        manage_token=f"erased-{member.pk}-{secrets.token_hex(8)}",
    )
    member.replies.update(text="(erased at the member's request)")
    record_event(MemberErased(member=member.pk))
