"""Who may do what in hate-crime reporting.

Named permissions (declared in the models' ``Meta.permissions``):

- ``reporting.triage_reports``: the office's hate-crime lead; sees every report, triages and routes them;
- ``reporting.manage_centres``: registers third-party reporting centres and their trained staff;
- ``reporting.view_reporting_gap``: sees the reporting-gap estimate and campaign effects.

Relationships (applied in ``selectors.visible_reports``): a centre's staff (an organisation of kind charity
or other with a registered centre) see the reports their centre made; a victim service sees those referred
to it; a police force those passed to the police. The public see only their own report, by tracking code.
"""

from __future__ import annotations

TRIAGE = "reporting.triage_reports"
MANAGE_CENTRES = "reporting.manage_centres"
VIEW_GAP = "reporting.view_reporting_gap"
