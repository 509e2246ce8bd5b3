"""Road safety forms: which force and year to show, and a partner's action."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from crimeplan.roads.constants import ActionKind


class ForceYearForm(forms.Form):
    force = forms.ChoiceField(label="Force")
    year = forms.TypedChoiceField(label="Year", coerce=int)

    def __init__(self, *args: Any, loaded: dict[str, list[int]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["force"]).choices = [(f, f.replace("-", " ").title()) for f in loaded]
        years = sorted({y for ys in loaded.values() for y in ys}, reverse=True)
        cast(forms.ChoiceField, self.fields["year"]).choices = [(y, str(y)) for y in years]


class ActionForm(forms.Form):
    kind = forms.ChoiceField(label="Kind of action", choices=ActionKind.choices)
    title = forms.CharField(label="Title", max_length=200)
    partner = forms.CharField(label="Partner", max_length=200)
    site = forms.CharField(label="Site", max_length=200, help_text="Road and place, for example A647 Stanningley Road")
    force = forms.SlugField(label="Force (police.uk id)", max_length=40)
    latitude = forms.FloatField(label="Latitude")
    longitude = forms.FloatField(label="Longitude")
    started_on = forms.DateField(label="Start date", help_text="For example 2024-05-01")
    ended_on = forms.DateField(label="End date")
    vehicles_checked = forms.IntegerField(label="Vehicles checked (Speedwatch)", required=False, min_value=0)
    over_limit = forms.IntegerField(label="Vehicles over the limit (Speedwatch)", required=False, min_value=0)
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea)
