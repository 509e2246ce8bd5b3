"""Reading members' emailed replies from the replies mailbox over IMAP (``crimeplan alerts fetch-replies``).

The mailbox is the one alert emails give as their Reply-To. Its server and account come from the environment
(``CRIMEPLAN_REPLIES_IMAP_HOST``, ``_PORT`` (993), ``_USER``, ``_PASSWORD``, ``_MAILBOX`` (INBOX); TLS always).
Unread messages are read without marking them (``BODY.PEEK``); each is stored through
:func:`~crimeplan.engagement.services.replies.receive_email_reply` and only then marked read, so a failure
leaves it unread for the next run, and a message read twice is stored once (its Message-ID is kept).
Messages that are not replies to an alert are marked read too and counted, so they are not read again.
"""

from __future__ import annotations

import contextlib
import imaplib
from collections import Counter
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from crimeplan.engagement.services.replies import receive_email_reply

#: At most this many messages are read in one run (the rest wait for the next).
BATCH = 500


def _connect() -> Any:
    host = settings.REPLIES_IMAP["HOST"]
    if not host:
        raise ImproperlyConfigured(
            "Set CRIMEPLAN_REPLIES_IMAP_HOST, _USER and _PASSWORD to the replies mailbox (see docs/engagement.md)"
        )
    return imaplib.IMAP4_SSL(host, int(settings.REPLIES_IMAP["PORT"]))


def fetch_replies(connect: Callable[[], Any] = _connect) -> Counter[str]:
    """Read the mailbox's unread messages into the replies inbox; how many were stored, already stored or not
    replies (``read`` is their sum)."""
    counts: Counter[str] = Counter()
    client = connect()
    try:
        client.login(settings.REPLIES_IMAP["USER"], settings.REPLIES_IMAP["PASSWORD"])
        status, _ = client.select(settings.REPLIES_IMAP["MAILBOX"])
        if status != "OK":
            raise imaplib.IMAP4.error(f"cannot open the mailbox {settings.REPLIES_IMAP['MAILBOX']!r}")
        _, found = client.uid("SEARCH", None, "UNSEEN")
        for uid in (found[0] or b"").split()[:BATCH]:
            status, data = client.uid("FETCH", uid, "(BODY.PEEK[])")
            raw = next((part[1] for part in data or [] if isinstance(part, tuple)), None)
            if status != "OK" or raw is None:
                counts["unreadable"] += 1
                continue
            outcome, _ = receive_email_reply(raw)
            counts[outcome] += 1
            client.uid("STORE", uid, "+FLAGS", "(\\Seen)")
        counts["read"] = sum(counts.values())
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):  # the work is done; a failed goodbye is not news
            client.logout()
    return counts
