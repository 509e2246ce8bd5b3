"""API keys for partners' systems: each acts as a service account of one organisation.

A key is ``cpk_`` and 43 URL-safe random characters (256 bits). Only its first 12 characters
(to find it) and its SHA-256 hash are stored; a key of that strength needs no slow hash.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from crimeplan.accounts.models import Organisation
from crimeplan.audit.services import record_event
from crimeplan.cases.events import ApiKeyCreated, ApiKeyRevoked
from crimeplan.cases.models import ApiKey
from crimeplan.cases.services.common import save
from crimeplan.core.exceptions import ApplicationError

KEY_PREFIX = "cpk_"
PREFIX_LENGTH = 12


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@transaction.atomic
def create_api_key(*, organisation: Organisation, name: str, created_by: str) -> tuple[ApiKey, str]:
    """A new key and its service account; the key is returned once and never stored."""
    if not organisation.is_active:
        raise ApplicationError(f"{organisation} is not active.")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    username = f"api-{organisation.slug}-{slugify(name)}"[:140] + f"-{secrets.token_hex(2)}"
    user = get_user_model().objects.create_user(username=username, organisation=organisation)
    user.set_unusable_password()
    user.first_name, user.last_name = "Partner system:", name[:140]
    user.save()
    api_key = ApiKey(user=user, name=name, prefix=key[:PREFIX_LENGTH], key_hash=_hash(key), created_by=created_by)
    save(api_key)
    record_event(
        ApiKeyCreated(key_name=name, prefix=api_key.prefix, organisation=organisation.name),
        obj=api_key,
        purpose="Partner system access",
    )
    return api_key, key


def authenticate(key: str) -> Any:
    """The service account for a valid, unrevoked key, or None."""
    if not key.startswith(KEY_PREFIX):
        return None
    api_key = ApiKey.objects.select_related("user__organisation").filter(prefix=key[:PREFIX_LENGTH]).first()
    if api_key is None or api_key.revoked_at is not None or not api_key.user.is_active:
        return None
    if not hmac.compare_digest(api_key.key_hash, _hash(key)):
        return None
    ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=timezone.now())
    return api_key.user


@transaction.atomic
def revoke_api_key(*, prefix: str, revoked_by: str) -> ApiKey:
    api_key = ApiKey.objects.select_related("user").filter(prefix=prefix[:PREFIX_LENGTH]).first()
    if api_key is None:
        raise ApplicationError(f"No API key starts {prefix!r}: `crimeplan cases apikey list` shows them.")
    api_key.revoked_at = timezone.now()
    save(api_key)
    api_key.user.is_active = False
    api_key.user.save(update_fields=["is_active"])
    record_event(ApiKeyRevoked(prefix=api_key.prefix), obj=api_key, purpose=f"Revoked by {revoked_by}")
    return api_key
