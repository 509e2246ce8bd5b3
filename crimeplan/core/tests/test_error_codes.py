"""Every ``ValidationError`` raised or built in crimeplan carries a ``code`` (docs/architecture.md, "Errors")."""

from __future__ import annotations

import ast
from pathlib import Path

import crimeplan

ROOT = Path(crimeplan.__file__).parent


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _is_error(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and _name(node.func) == "ValidationError"


def _carries_codes(node: ast.Call) -> bool:
    """Whether a ``ValidationError(...)`` call gives its errors a code.

    Either ``code=`` (or ``**kwargs``) is passed, or the call gathers errors that carry their own:
    a dict or list literal whose values are all ``ValidationError(...)`` calls (each checked in turn),
    or a collection named ``errors``/``*_errors`` built from such calls.
    """
    first = node.args[0] if node.args else None
    if isinstance(first, ast.Dict):  # Django ignores ``code=`` beside a dict: each error needs its own
        return all(_is_error(value) for value in first.values)
    if isinstance(first, ast.DictComp):
        return _is_error(first.value)
    if any(k.arg in ("code", None) for k in node.keywords):
        return True
    if first is None:
        return False
    if isinstance(first, ast.Dict):
        return all(_is_error(value) for value in first.values)
    if isinstance(first, ast.List):
        return all(_is_error(value) for value in first.elts)
    name = first.id if isinstance(first, ast.Name) else first.attr if isinstance(first, ast.Attribute) else ""
    return name == "errors" or name.endswith("_errors")


def calls_without_code(source: str) -> list[int]:
    """Line numbers of the ``ValidationError(...)`` calls in ``source`` that give no code."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and _is_error(node) and not _carries_codes(node):
            lines.append(node.lineno)
    return sorted(lines)


def test_the_check_finds_a_call_without_code() -> None:
    source = 'from django.core.exceptions import ValidationError\nraise ValidationError("No")\n'
    assert calls_without_code(source) == [2]
    assert calls_without_code('raise ValidationError({"f": "No"})\n') == [1]
    assert calls_without_code('raise ValidationError({"f": "No"}, code="no")\n') == [1]
    assert calls_without_code('raise ValidationError({"f": ValidationError("No")})\n') == [1]
    assert calls_without_code('raise ValidationError("No", code="no")\n') == []
    assert calls_without_code('raise ValidationError({"f": ValidationError("No", code="no")})\n') == []


def test_every_validation_error_has_a_code() -> None:
    offenders = [
        f"{path.relative_to(ROOT.parent)}:{line}"
        for path in sorted(ROOT.rglob("*.py"))
        if "migrations" not in path.parts
        for line in calls_without_code(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "ValidationError without code=: " + ", ".join(offenders)
