"""Registration numbers of UK organisations: format checks and 360Giving organisation identifiers.

Formats: Charity Commission for England and Wales numbers are 6 or 7 digits (not starting with 0);
OSCR (Scotland) numbers are ``SC`` and 6 digits; Companies House numbers are 8 characters, either
8 digits (shorter numbers are written with leading zeros) or a 2-letter prefix (``SC``, ``NI``,
``OC``, ...) and 6 digits. Identifiers follow org-id.guide: ``GB-CHC-``, ``GB-SC-``, ``GB-COH-``.
"""

from __future__ import annotations

import re

from crimeplan.grants.constants import OrganisationType

CHARITY_EW = re.compile(r"^[1-9]\d{5,6}$")
CHARITY_SCOTLAND = re.compile(r"^SC\d{6}$")
COMPANY = re.compile(r"^(\d{8}|[A-Z]{2}\d{6})$")
#: Companies House prefixes (Scotland, Northern Ireland, LLPs, industrial and provident societies, ...).
COMPANY_PREFIXES = frozenset(
    [
        "SC",
        "NI",
        "OC",
        "SO",
        "NC",
        "R0",
        "FC",
        "SF",
        "NF",
        "GE",
        "GS",
        "GN",
        "NO",
        "NP",
        "NL",
        "NZ",
        "IP",
        "SP",
        "IC",
        "SI",
        "RS",
        "SR",
        "SA",
        "PC",
        "LP",
        "SL",
        "ES",
        "FE",
        "CE",
        "CS",
    ]
)
POSTCODE = re.compile(
    r"^(GIR ?0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPS-UW]|[A-HK-Y][0-9][ABEHMNPRV-Y])"
    r" ?[0-9][ABD-HJLNP-UW-Z]{2})$"
)

#: Which register each organisation type is on (``None``: not registered).
REGISTER = {
    OrganisationType.CHARITY: "charity",
    OrganisationType.SCOTTISH_CHARITY: "charity",
    OrganisationType.COMPANY: "company",
    OrganisationType.CIC: "company",
    OrganisationType.COMMUNITY_GROUP: None,
    OrganisationType.PUBLIC_BODY: None,
    OrganisationType.BUSINESS: "company",
}


def _squash(value: str) -> str:
    return re.sub(r"\s+", "", value or "").upper()


def charity_number(value: str, org_type: str) -> str:
    """The number, normalised; ``ValueError`` with a message an applicant can act on."""
    number = _squash(value)
    if org_type == OrganisationType.SCOTTISH_CHARITY:
        if not CHARITY_SCOTLAND.match(number):
            raise ValueError("Enter a Scottish charity number in the correct format, like SC012345")
        return number
    if not CHARITY_EW.match(number):
        raise ValueError("Enter a charity number in the correct format: 6 or 7 digits, like 1123456")
    return number


def company_number(value: str) -> str:
    number = _squash(value)
    if number.isdigit() and 1 <= len(number) < 8:
        number = number.zfill(8)
    if not COMPANY.match(number) or (number[:2].isalpha() and number[:2] not in COMPANY_PREFIXES):
        raise ValueError("Enter a company number in the correct format: 8 characters, like 01234567 or SC123456")
    return number


def postcode(value: str) -> str:
    code = _squash(value)
    if not POSTCODE.match(code):
        raise ValueError("Enter a full UK postcode, like PR1 2AB")
    return f"{code[:-3]} {code[-3:]}"


def org_id(*, org_type: str, charity: str, company: str, fallback: str) -> str:
    """The org-id.guide identifier: charity register first, then Companies House, else ``fallback``."""
    if charity and org_type == OrganisationType.SCOTTISH_CHARITY:
        return f"GB-SC-{charity}"
    if charity:
        return f"GB-CHC-{charity}"
    if company:
        return f"GB-COH-{company}"
    return fallback
