"""One layer of input hygiene, shared by the forms and the API schemas.

The same rules apply to a page's form and to the API payload that does the same job:

- text never contains control characters (NUL, bell, escape...; tab and line breaks are allowed);
- a name has at least one visible character (not only spaces, zero-width or control characters);
- a date lies between 1 January 1900 and 31 December 2100; a date of birth is not in the future;
- a period ends on or after its start and lasts at most ``MAX_PERIOD_YEARS``;
- an email address has at most 254 characters (RFC 5321's limit, and the database column's);
- an amount of money is at most ``MAX_AMOUNT`` (and a fund's own maximum, checked by its service).

Each rule is a plain validator raising ``ValidationError(message, code=...)``; the form fields and the
pydantic types below are built from them, so a page and the API can never disagree.
``InputHygieneMiddleware`` (in ``core.middleware``) refuses control characters in the address and NUL
anywhere in a request before any view or database sees them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from pydantic import AfterValidator, Field

T = TypeVar("T")

#: C0 and C1 control characters other than tab, line feed and carriage return.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2100, 12, 31)
MAX_PERIOD_YEARS = 5
MAX_EMAIL_LENGTH = 254
MAX_AMOUNT = Decimal("100000000")  # £100 million: more than any single grant or cost line


def has_control_characters(value: str) -> bool:
    return CONTROL.search(value) is not None


def reject_control_characters(value: str) -> None:
    if has_control_characters(value):
        raise ValidationError(
            "Remove the control character (an invisible character such as NUL or escape) from the text",
            code="control_characters",
        )


def _invisible(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) in {"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp"}


def require_visible(value: str) -> None:
    """A name needs at least one character a person can see."""
    if value and all(_invisible(c) for c in value):
        raise ValidationError("Enter a name made of letters or numbers", code="invisible")


def validate_calendar_date(value: dt.date) -> None:
    if not EARLIEST <= value <= LATEST:
        raise ValidationError(f"Enter a date between {EARLIEST.year} and {LATEST.year}", code="date_out_of_range")


def validate_birth_date(value: dt.date) -> None:
    if value > timezone.localdate():
        raise ValidationError("A date of birth must be today or in the past", code="future")
    validate_calendar_date(value)


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def validate_period(start: dt.date, end: dt.date, *, max_years: int = MAX_PERIOD_YEARS) -> None:
    """``end`` on or after ``start``, and at most ``max_years`` later (errors are on ``end_date``)."""
    if end < start:
        raise ValidationError(
            {"end_date": ValidationError("The end date must be the same as or after the start date", code="order")}
        )
    if end > add_years(start, max_years):
        raise ValidationError(
            {"end_date": ValidationError(f"The project must be no longer than {max_years} years", code="too_long")}
        )


def validate_amount(value: Decimal, *, maximum: Decimal = MAX_AMOUNT, what: str = "The amount") -> None:
    if value > maximum:
        raise ValidationError(f"{what} cannot be more than £{maximum:,.2f}", code="too_large")


# Form fields -------------------------------------------------------------------------------------


class TextField(forms.CharField):
    """Text without control characters (Django already refuses NUL; this refuses the rest)."""

    default_validators = [reject_control_characters]


class NameField(TextField):
    """A name: text with at least one visible character."""

    default_validators = [reject_control_characters, require_visible]


class EmailField(forms.EmailField):
    """An email address of at most 254 characters, with a GOV.UK message when it is longer."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", MAX_EMAIL_LENGTH)
        super().__init__(**kwargs)
        label = str(self.label or "Email address")
        self.error_messages["max_length"] = f"{label} must be {MAX_EMAIL_LENGTH} characters or fewer"


class DateField(forms.DateField):
    """A date between 1900 and 2100."""

    default_validators = [validate_calendar_date]


class BirthDateField(forms.DateField):
    default_validators = [validate_birth_date]


# API types (pydantic) ----------------------------------------------------------------------------


def _pydantic(*validators: Callable[[T], None]) -> Callable[[T], T]:
    """The validators as one pydantic ``AfterValidator`` function (a ``ValueError`` with the message)."""

    def check(value: T) -> T:
        for validator in validators:
            try:
                validator(value)
            except ValidationError as exc:
                raise ValueError("; ".join(exc.messages)) from exc
        return value

    return check


def _email(value: str) -> None:
    if value:
        validate_email(value)


#: Free text in an API payload.
Text = Annotated[str, AfterValidator(_pydantic(reject_control_characters))]
#: A person's or organisation's name in an API payload.
Name = Annotated[str, AfterValidator(_pydantic(reject_control_characters, require_visible))]
#: An email address (or blank) in an API payload.
Email = Annotated[str, Field(max_length=MAX_EMAIL_LENGTH), AfterValidator(_pydantic(_email))]
#: A date between 1900 and 2100 in an API payload.
CalendarDate = Annotated[dt.date, AfterValidator(_pydantic(validate_calendar_date))]
#: A date of birth in an API payload.
BirthDate = Annotated[dt.date, AfterValidator(_pydantic(validate_birth_date))]
