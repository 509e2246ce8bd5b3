"""Who may do what in PACT.

Named permissions (declared in ``Neighbourhood.Meta.permissions``), granted to the "Neighbourhood team" role:

- ``pact.run_pact``: define neighbourhoods, schedule meetings and publish minutes, run cycles (moderate issues,
  open and close voting), adopt priorities and publish "you said, we did";
- ``pact.issue_pact_links``: issue a member's take-part link (the page shows the member's email address);
- ``pact.view_representativeness``: members and voters against the census and the under-heard LSOAs (figures
  only, no person), also granted to OPCC analysts.

The public see each neighbourhood's page and feed. A member votes through a signed take-part link; the
selectors check the member is verified and lives in the neighbourhood before a ballot is offered.
"""

from __future__ import annotations

RUN = "pact.run_pact"
ISSUE_LINKS = "pact.issue_pact_links"
VIEW_REPRESENTATIVENESS = "pact.view_representativeness"
