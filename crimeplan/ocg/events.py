"""The organised-crime register's audit vocabulary. Every read, search and export records its purpose."""

from __future__ import annotations

import dataclasses

from crimeplan.audit.events import Event


@dataclasses.dataclass(frozen=True, kw_only=True)
class NetworkImported(Event):
    """A network file was imported for analysis."""

    name = "ocg_network_imported"
    network: str
    file_format: str
    nodes: int
    edges: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class NetworkAnalysed(Event):
    """Someone read a network's measures or disruption simulation (page, CSV or command)."""

    name = "ocg_network_analysed"
    network: str
    via: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class RegisterSearched(Event):
    """Someone listed or searched the register; ``rows`` is what they were shown."""

    name = "ocg_register_searched"
    query: str
    rows: int
    via: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class GroupViewed(Event):
    """Someone read a group's record (nominals, links, plans, disruptions they may see)."""

    name = "ocg_group_viewed"
    reference: str
    via: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class GroupAccessRefused(Event):
    """Someone asked for a group they may not see (they were told it was not found)."""

    name = "ocg_group_access_refused"
    reference: str
    via: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class ExampleRegisterLoaded(Event):
    """Example groups built from a published research network were loaded (never intelligence)."""

    name = "ocg_examples_loaded"
    groups: int
    nominals: int
    links: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class PackageExported(Event):
    """A partner exported a redacted package of a group under a sharing agreement, with their purpose."""

    name = "ocg_package_exported"
    reference: str
    agreement: str
    legal_gateway: str
    fields: list[str]
    rows: int
    file_format: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class RegisterChanged(Event):
    """Someone added to the register through its forms (a group, score, action, disruption or linked crime)."""

    name = "ocg_register_changed"
    reference: str
    item: str
    via: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class SlaveryRecorded(Event):
    """A first responder recorded an NRM referral or a Duty to Notify notification."""

    name = "ocg_slavery_recorded"
    reference: str
    route: str
    is_child: bool


@dataclasses.dataclass(frozen=True, kw_only=True)
class SlaveryViewed(Event):
    """Someone listed or read modern slavery records; ``rows`` is how many they were shown."""

    name = "ocg_slavery_viewed"
    reference: str
    rows: int
    via: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class ProfileRead(Event):
    """Someone read or downloaded the SOC local profile of a community safety partnership."""

    name = "ocg_profile_read"
    csp: str
    groups: int
    via: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class NrmStatisticsRead(Event):
    """Someone downloaded the force's NRM statistics (published aggregates) as CSV."""

    name = "ocg_nrm_statistics_read"
    rows: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class SlaveryDecisionsRecorded(Event):
    """The reasonable or conclusive grounds decision dates of an NRM referral were recorded."""

    name = "ocg_slavery_decisions_recorded"
    reference: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class RegisterItemViewed(Event):
    """Someone opened the form to change or remove a nominal, entity or link (it shows the item)."""

    name = "ocg_register_item_viewed"
    reference: str
    item: str
    label: str
    via: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class RegisterItemChanged(Event):
    """Someone corrected a nominal or entity through its change form (``fields`` names what changed, not the values)."""

    name = "ocg_register_item_changed"
    reference: str
    item: str
    label: str
    fields: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class RegisterItemRemoved(Event):
    """Someone removed a nominal, entity or link from the register, with their reason (and the links it took)."""

    name = "ocg_register_item_removed"
    reference: str
    item: str
    label: str
    reason: str
    links_removed: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class NominalViewed(Event):
    """Someone read a nominal's page, or a form listing a group's nominals (``rows`` nominals shown)."""

    name = "ocg_nominal_viewed"
    reference: str
    nominal: str
    rows: int
    via: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class NominalAccessRefused(Event):
    """Someone asked for a nominal they may not see (they were told it was not found)."""

    name = "ocg_nominal_access_refused"
    reference: str
    nominal: str
