"""The hotspot page's filters (a GET form: the URL is the state)."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from crimeplan.analytics.forces import all_forces
from crimeplan.analytics.vocabulary import ALL_CRIME, ALL_CRIME_LABEL, ANTI_SOCIAL_BEHAVIOUR, CRIME_TYPES


class HotspotForm(forms.Form):
    force = forms.ChoiceField(label="Force")
    crime_type = forms.ChoiceField(label="Crime type")
    month = forms.ChoiceField(label="Month to forecast")

    def __init__(self, *args: Any, forces: list[str], months: list[str], window: int, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["month"].help_text = f"Forecast from the {window} months before it"
        known = all_forces()
        choices = {
            "force": [(slug, known[slug].name if slug in known else slug) for slug in forces],
            "crime_type": [(ALL_CRIME, ALL_CRIME_LABEL)]
            + [(slug, name) for name, slug in CRIME_TYPES.items() if name != ANTI_SOCIAL_BEHAVIOUR],
            "month": [(m, m) for m in reversed(months)],
        }
        for name, options in choices.items():
            cast(forms.ChoiceField, self.fields[name]).choices = options
