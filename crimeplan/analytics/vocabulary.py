"""The fixed vocabularies of data.police.uk: file kinds, crime types, outcomes.

Values are those published by data.police.uk (street-level crime CSVs and the
``/api/crime-categories`` and ``/api/outcome-categories`` lists). Historic
categories used before May 2013 are kept so that old archives validate.
"""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """The three police.uk monthly file kinds, named as in the file names."""

    STREET = "street"
    OUTCOMES = "outcomes"
    STOP_SEARCH = "stop-and-search"

    @property
    def table(self) -> str:
        """The store's name for the kind (a valid SQL identifier)."""
        return {"street": "street", "outcomes": "outcomes", "stop-and-search": "stop_search"}[self.value]


HEADERS: dict[Kind, tuple[str, ...]] = {
    Kind.STREET: (
        "Crime ID",
        "Month",
        "Reported by",
        "Falls within",
        "Longitude",
        "Latitude",
        "Location",
        "LSOA code",
        "LSOA name",
        "Crime type",
        "Last outcome category",
        "Context",
    ),
    Kind.OUTCOMES: (
        "Crime ID",
        "Month",
        "Reported by",
        "Falls within",
        "Longitude",
        "Latitude",
        "Location",
        "LSOA code",
        "LSOA name",
        "Outcome type",
    ),
    Kind.STOP_SEARCH: (
        "Type",
        "Date",
        "Part of a policing operation",
        "Policing operation",
        "Latitude",
        "Longitude",
        "Gender",
        "Age range",
        "Self-defined ethnicity",
        "Officer-defined ethnicity",
        "Legislation",
        "Object of search",
        "Outcome",
        "Outcome linked to object of search",
        "Removal of more than just outer clothing",
    ),
}


def snake(header: str) -> str:
    """The store's column name for a CSV header: ``"LSOA code"`` -> ``"lsoa_code"``."""
    return header.lower().replace("-", "_").replace(" ", "_")


#: police.uk crime type name -> the API slug used in URLs and on the command line.
CRIME_TYPES: dict[str, str] = {
    "Anti-social behaviour": "anti-social-behaviour",
    "Bicycle theft": "bicycle-theft",
    "Burglary": "burglary",
    "Criminal damage and arson": "criminal-damage-arson",
    "Drugs": "drugs",
    "Other crime": "other-crime",
    "Other theft": "other-theft",
    "Possession of weapons": "possession-of-weapons",
    "Public order": "public-order",
    "Robbery": "robbery",
    "Shoplifting": "shoplifting",
    "Theft from the person": "theft-from-the-person",
    "Vehicle crime": "vehicle-crime",
    "Violence and sexual offences": "violent-crime",
}

#: Categories published before May 2013; accepted on import, not offered in forms.
HISTORIC_CRIME_TYPES: dict[str, str] = {
    "Violent crime": "violent-crime-pre-2013",
    "Public disorder and weapons": "public-disorder-weapons",
}

ANTI_SOCIAL_BEHAVIOUR = "Anti-social behaviour"
#: "All crime": every police.uk crime type except anti-social behaviour (not a notifiable crime).
#: ``ALL_CRIME`` is its slug in URLs, forms and the API, ``ALL_CRIME_LABEL`` its name on pages and
#: in reports, ``RECORDED_CRIME_TYPES`` the crime types it counts.
ALL_CRIME = "all"
ALL_CRIME_LABEL = "All crime (excluding anti-social behaviour)"
RECORDED_CRIME_TYPES: tuple[str, ...] = tuple(t for t in CRIME_TYPES if t != ANTI_SOCIAL_BEHAVIOUR)

#: A 2011 LSOA code in England or Wales.
LSOA_CODE = r"^[EW]01\d{6}$"

#: Outcome categories (street files' "Last outcome category", outcomes files' "Outcome type").
OUTCOME_CATEGORIES: frozenset[str] = frozenset(
    {
        "Action to be taken by another organisation",
        "Awaiting court outcome",
        "Court case unable to proceed",
        "Court result unavailable",
        "Defendant found not guilty",
        "Defendant sent to Crown Court",
        "Formal action is not in the public interest",
        "Further action is not in the public interest",
        "Further investigation is not in the public interest",
        "Investigation complete; no suspect identified",
        "Local resolution",
        "Offender deprived of property",
        "Offender fined",
        "Offender given a caution",
        "Offender given a drugs possession warning",
        "Offender given absolute discharge",
        "Offender given community sentence",
        "Offender given conditional discharge",
        "Offender given penalty notice",
        "Offender given suspended prison sentence",
        "Offender ordered to pay compensation",
        "Offender otherwise dealt with",
        "Offender sent to prison",
        "Status update unavailable",
        "Suspect charged",
        "Suspect charged as part of another case",
        "Unable to prosecute suspect",
        "Under investigation",
    }
)

SEARCH_TYPES: frozenset[str] = frozenset({"Person search", "Vehicle search", "Person and Vehicle search"})
GENDERS: frozenset[str] = frozenset({"Male", "Female", "Other"})
AGE_RANGES: frozenset[str] = frozenset({"under 10", "10-17", "18-24", "25-34", "over 34"})
OFFICER_DEFINED_ETHNICITIES: frozenset[str] = frozenset({"White", "Black", "Asian", "Mixed", "Other"})


def crime_type_from(value: str) -> str:
    """Resolve a crime type given by name or slug (any case) to its police.uk name.

    Raises ``ValueError`` listing the allowed values when nothing matches.
    """
    wanted = value.strip().lower()
    for name, slug in {**CRIME_TYPES, **HISTORIC_CRIME_TYPES}.items():
        if wanted in (name.lower(), slug):
            return name
    allowed = ", ".join(sorted(CRIME_TYPES.values()))
    raise ValueError(f"unknown crime type {value!r}; use a police.uk name or one of: {allowed}")


def crime_type_slug(name: str) -> str:
    """The slug of a police.uk crime type name, current or pre-2013 (``ValueError`` for anything else)."""
    slugs = {**CRIME_TYPES, **HISTORIC_CRIME_TYPES}
    if name not in slugs:
        raise ValueError(f"unknown crime type {name!r}")
    return slugs[name]
