"""Importing networks for analysis."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from crimeplan.analytics.network.files import NetworkFileError, read_network
from crimeplan.audit.services import record_event
from crimeplan.ocg.constants import HandlingCode
from crimeplan.ocg.events import NetworkImported
from crimeplan.ocg.models import ImportedNetwork


@transaction.atomic
def import_network(
    *,
    user: Any,
    name: str,
    content: bytes,
    file_format: str,
    file_name: str,
    handling_code: str = HandlingCode.OFFICIAL,
    is_example: bool = False,
    replace: bool = False,
) -> ImportedNetwork:
    """Read ``content`` as a network and store it under ``name`` (replacing one only when asked)."""
    try:
        network = read_network(content, file_format, name=name)
    except NetworkFileError as exc:
        raise ValidationError(f"{file_name}: {exc}", code="unreadable") from exc
    existing = ImportedNetwork.objects.select_for_update().filter(name=name).first()
    if existing and not replace:
        raise ValidationError(f"A network called {name!r} exists already", code="duplicate")
    record = existing or ImportedNetwork(name=name)
    record.file_format, record.file_name = file_format, file_name
    record.nodes = list(network.nodes)
    record.edges = [[i, j, w] for i, j, w in network.edges]
    record.handling_code, record.is_example = handling_code, is_example
    record.full_clean()
    record.save()
    event = NetworkImported(network=name, file_format=file_format, nodes=network.size, edges=len(network.edges))
    record_event(event, actor=user, obj=record, purpose="network analysis")
    return record
