"""Checking and normalising a member's contact details (UK mobiles in E.164, email addresses)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

UK_MOBILE = re.compile(r"^\+447\d{9}$")
POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")


def normalise_phone(raw: str) -> str:
    """A UK mobile number in E.164 (``+447700900123``); raises ``ValidationError`` otherwise."""
    digits = re.sub(r"[\s\-()]", "", raw or "")
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if digits.startswith("07"):
        digits = "+44" + digits[1:]
    elif digits.startswith("447"):
        digits = "+" + digits
    if not UK_MOBILE.match(digits):
        raise ValidationError("Enter a UK mobile number, like 07700 900123 or +44 7700 900123.", code="phone")
    return digits


def normalise_email(raw: str) -> str:
    address = (raw or "").strip()
    try:
        validate_email(address)
    except ValidationError as error:
        raise ValidationError(
            "Enter an email address in the correct format, like name@example.com.", code="email"
        ) from error
    local, _, domain = address.rpartition("@")
    return f"{local}@{domain.lower()}"


def normalise_postcode(raw: str) -> str:
    postcode = " ".join((raw or "").upper().split())
    if postcode and not POSTCODE.match(postcode):
        raise ValidationError("Enter a full UK postcode, like PR1 2AB.", code="postcode")
    if postcode and " " not in postcode:
        postcode = f"{postcode[:-3]} {postcode[-3:]}"
    return postcode
