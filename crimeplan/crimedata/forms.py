"""Filters for the crime map (GET forms: a bookmarkable URL is the state)."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from crimeplan.analytics.forces import all_forces
from crimeplan.analytics.vocabulary import CRIME_TYPES


class MapFilterForm(forms.Form):
    force = forms.ChoiceField(label="Force")
    from_month = forms.ChoiceField(label="From", help_text="First month of the period")
    to_month = forms.ChoiceField(label="To", help_text="Last month of the period")
    crime_type = forms.ChoiceField(label="Crime type", required=False)

    def __init__(self, *args: Any, loaded: dict[str, list[str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        forces = all_forces()
        self.loaded = loaded
        months = [(m, m) for m in sorted({m for ms in loaded.values() for m in ms})]
        choices = {
            "force": [(slug, forces[slug].name if slug in forces else slug) for slug in loaded],
            "from_month": months,
            "to_month": months,
            "crime_type": [("", "All crime and anti-social behaviour")]
            + [(slug, name) for name, slug in CRIME_TYPES.items()],
        }
        for name, options in choices.items():
            cast(forms.ChoiceField, self.fields[name]).choices = options

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("from_month"), data.get("to_month")
        if first and last and first > last:
            self.add_error("to_month", f"The last month must be the same as or after the first ({first})")
        force = data.get("force")
        if force and first and first not in self.loaded.get(force, []):
            self.add_error("from_month", f"{first} is not loaded for this force")
        return data
