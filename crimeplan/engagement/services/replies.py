"""Replies to alerts: received from the web form (or by email), triaged, and passed on only with consent."""

from __future__ import annotations

import email
import email.message
import email.policy
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from crimeplan.audit.services import record_event
from crimeplan.engagement.constants import ReplyKind
from crimeplan.engagement.events import ReplyPassedOn
from crimeplan.engagement.models import Alert, Delivery, Member, Reply

SHARE_WORDING = "The police may pass what I have written on as intelligence, and contact me about it"


@transaction.atomic
def receive_reply(
    *, alert: Alert, member: Member | None, text: str, consent_to_share: bool, via: str = "web", message_id: str = ""
) -> Reply:
    text = text.strip()
    if not text:
        raise ValidationError("Write your reply", code="required")
    return Reply.objects.create(
        alert=alert,
        member=member,
        text=text[:5000],
        consent_to_share=consent_to_share,
        via=via,
        consent_wording=SHARE_WORDING if consent_to_share else "",
        message_id=message_id[:255],
    )


@transaction.atomic
def triage_reply(*, reply: Reply, user: object, kind: str, pass_on: bool) -> Reply:
    if kind not in ReplyKind.values:
        raise ValidationError("Choose feedback or information", code="kind")
    reply.kind = kind
    reply.triaged_by = user  # type: ignore[assignment]
    fields = ["kind", "triaged_by"]
    if pass_on:
        if kind != ReplyKind.INFORMATION:
            raise ValidationError("Only information can be passed on as intelligence.", code="not_information")
        if not reply.consent_to_share:
            raise ValidationError(
                "The member did not agree to this being passed on: it stays in the inbox.", code="no_consent"
            )
        if reply.passed_on_at is None:
            reply.passed_on_at = timezone.now()
            reply.passed_on_by = user  # type: ignore[assignment]
            fields += ["passed_on_at", "passed_on_by"]
            record_event(ReplyPassedOn(reply=reply.pk, alert=reply.alert_id), actor=user, obj=reply)
    reply.save(update_fields=fields)
    return reply


REFERENCE = re.compile(r"<crimeplan-delivery-(\d+)@crimeplan>")


def _plain_text(message: email.message.Message) -> str:
    part = message.get_body(preferencelist=("plain",)) if isinstance(message, email.message.EmailMessage) else None
    payload = (part or message).get_payload(decode=True)
    text = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else str(payload or "")
    kept = []
    for line in text.splitlines():  # drop the quoted alert and everything after the "On ... wrote:" line
        if line.startswith(">") or (line.startswith("On ") and line.rstrip().endswith("wrote:")):
            break
        kept.append(line)
    return "\n".join(kept).strip()


#: What became of an emailed reply: stored, already stored (the same Message-ID), or not a reply to an alert.
STORED, ALREADY, NOT_A_REPLY = "stored", "already stored", "not a reply"


def receive_email_reply(raw: bytes) -> tuple[str, Reply | None]:
    """A reply by email, matched to its alert and member by the Message-ID it answers.

    A message whose own Message-ID was stored before is not stored again, so a folder or mailbox can be read
    twice. Returns what became of it and the reply (``None`` when it is not a reply to an alert).
    """
    message = email.message_from_bytes(raw, policy=email.policy.default)
    own = str(message.get("Message-ID", "")).strip()
    earlier = Reply.objects.filter(message_id=own).first() if own else None
    if earlier is not None:
        return ALREADY, earlier
    answered = " ".join(str(message.get(h, "")) for h in ("In-Reply-To", "References"))
    found = REFERENCE.search(answered)
    delivery = (
        Delivery.objects.select_related("alert", "member").filter(pk=int(found.group(1))).first() if found else None
    )
    if delivery is None or delivery.member.erased_at is not None:
        return NOT_A_REPLY, None
    reply = receive_reply(
        alert=delivery.alert,
        member=delivery.member,
        text=_plain_text(message) or "(empty reply)",
        consent_to_share=False,
        via="email",
        message_id=own,
    )
    return STORED, reply
