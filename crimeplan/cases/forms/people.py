"""Subject access exports and rectification."""

from __future__ import annotations

from django import forms

from crimeplan.cases.forms.common import choice, long_text, text
from crimeplan.cases.forms.referrals import PersonFields, SensitiveFields


class ExportForm(forms.Form):
    purpose = text(
        "Purpose of the export",
        max_length=300,
        hint="For example: Subject access request received 3 March 2025, ref SAR-104",
        message="Enter the purpose of the export",
    )
    format = choice("Format", [("pdf", "PDF document"), ("json", "JSON data")])


class RectifyForm(PersonFields, SensitiveFields):
    reason = long_text(
        "Why is the record being corrected?", hint="For example: the person told us their date of birth is wrong"
    )


class PersonSearchForm(forms.Form):
    query = text("Name", max_length=100, hint="First or last name, or both")
