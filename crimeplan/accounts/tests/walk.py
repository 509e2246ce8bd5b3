"""Helpers for the access walk: every URL pattern (pages, API operations, the admin index) with its rule,
the expectation table, and what a response means for access."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from crimeplan.core.permissions import ADMIN, api_rule, rule_of

TABLE = Path(__file__).with_name("access_table.txt")
#: Framework routes that are not pages: django-ninja's root only exists to compute operation paths (404).
FRAMEWORK = {"api-1.0.0:api-root"}
SIGN_IN_PATHS = ("/accounts/sign-in/", "/admin/login/")


@dataclass(frozen=True)
class Route:
    name: str
    route: str
    rule: Any
    pattern: URLPattern


def _operations(callback: Any) -> list[Any]:
    """The django-ninja operations behind one URL pattern (held by its path view)."""
    for cell in getattr(callback, "__closure__", None) or ():
        operations = getattr(cell.cell_contents, "operations", None)
        if operations is not None:
            return list(operations)
    return []


def _named(operations: list[Any], name: str) -> list[Any]:
    """The operation a URL name stands for, when one path holds several (a GET and a POST)."""
    named = [op for op in operations if (getattr(op, "url_name", None) or op.view_func.__name__) == name]
    return named or operations


def _rule(namespace: str, callback: Any, name: str) -> Any:
    if namespace == "admin":
        return ADMIN
    if namespace.startswith("api-"):
        operations = _named(_operations(callback), name)
        if operations:
            rules = {api_rule(op) for op in operations}
            return rules.pop() if len(rules) == 1 else None
    return rule_of(callback)


def routes() -> Iterator[Route]:
    """Every named URL pattern of the project, with the rule it declares (None when it declares none)."""

    def walk(resolver: URLResolver, prefix: str, namespace: str) -> Iterator[Route]:
        for item in resolver.url_patterns:
            if isinstance(item, URLResolver):
                inner = item.namespace or namespace
                yield from walk(item, prefix + str(item.pattern), inner)
            elif item.name:
                name = f"{namespace}:{item.name}" if namespace else item.name
                yield Route(name, prefix + str(item.pattern), _rule(namespace, item.callback, item.name), item)

    yield from walk(get_resolver(), "", "")


def walked(route: Route) -> bool:
    """The admin site is walked by its index only (its other pages share the index's rule)."""
    return route.name not in FRAMEWORK and (not route.name.startswith("admin:") or route.name == "admin:index")


def read_table() -> tuple[list[str], dict[str, dict[str, str]]]:
    """The expectation table: roles from its header, then one row per URL name."""
    lines = [line for line in TABLE.read_text().splitlines() if line.strip() and not line.startswith("#")]
    header = lines[0].split()
    roles = header[1:]
    table = {}
    for line in lines[1:]:
        name, *cells = line.split()
        table[name] = dict(zip(roles, cells, strict=True))
    return roles, table


def write_table(roles: list[str], observed: dict[str, dict[str, str]]) -> str:
    width = max(len(n) for n in observed) + 2
    head = "url-name".ljust(width) + "".join(r.ljust(18) for r in roles)
    rows = [name.ljust(width) + "".join(observed[name][r].ljust(18) for r in roles) for name in observed]
    return "\n".join([head.rstrip(), *(r.rstrip() for r in rows)]) + "\n"


def outcome(response: Any) -> str:
    """``ok`` (shown, or sent on elsewhere), ``sign-in`` (sent to sign in first), or the refusing status."""
    if response.status_code in (301, 302, 303):
        target = response.headers.get("Location", "")
        return "sign-in" if any(p in target for p in SIGN_IN_PATHS) else "ok"
    if response.status_code < 300:
        return "ok"
    return str(response.status_code)
