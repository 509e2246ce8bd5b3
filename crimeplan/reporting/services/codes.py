"""Tracking codes: unguessable, readable aloud, and forgiving of spaces, dashes and lower case."""

from __future__ import annotations

import secrets

from crimeplan.reporting.constants import CODE_ALPHABET, CODE_LENGTH


def new_code() -> str:
    """12 characters from 31 unambiguous ones: about 59 bits, drawn from the system's secure source."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise(code: str) -> str:
    """What a person typed, as stored: upper case, without spaces or dashes; "" if it cannot be a code."""
    cleaned = "".join(ch for ch in code.upper() if ch not in " -")
    if len(cleaned) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in cleaned):
        return ""
    return cleaned


def display(code: str) -> str:
    """In groups of four, easier to copy: ABCD-EFGH-JKMN."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
