from django.urls import path

from crimeplan.audit.coverage import reads_personal_data as personal
from crimeplan.engagement.pact.views import analysis, members, public, staff

app_name = "pact"

# Public: each neighbourhood's page and police.uk-shaped feed, proposing, asking for a take-part link, and the
# take-part page a verified member reaches by their signed link. Staff: the neighbourhood team's pages under
# /engagement/pact/. ``personal(...)`` marks the page listing members' email addresses (audited).

urlpatterns = [
    path("pact/", public.index, name="index"),
    path("pact/<slug:slug>/", public.neighbourhood, name="neighbourhood"),
    path("pact/<slug:slug>/priorities.json", public.priorities_json, name="priorities_json"),
    path("pact/<slug:slug>/propose/", public.propose, name="propose"),
    path("pact/<slug:slug>/take-part/", public.request_link, name="request_link"),
    path("pact/<slug:slug>/take-part/<str:token>/", public.take_part, name="take_part"),
    path("engagement/pact/", staff.staff_index, name="staff"),
    path("engagement/pact/<slug:slug>/", staff.manage, name="manage"),
    path("engagement/pact/<slug:slug>/cycles/<int:pk>/", staff.cycle, name="cycle"),
    path("engagement/pact/<slug:slug>/priorities/<int:pk>/", staff.priority, name="priority"),
    path("engagement/pact/<slug:slug>/meetings/<int:pk>/", staff.meeting, name="meeting"),
    path("engagement/pact/<slug:slug>/meetings/<int:pk>/cancel/", staff.cancel_meeting, name="cancel_meeting"),
    path("engagement/pact/<slug:slug>/members/", personal(members.links), name="links"),
    path("engagement/pact/<slug:slug>/representativeness/", analysis.representativeness, name="representativeness"),
    path(
        "engagement/pact/<slug:slug>/representativeness.csv",
        analysis.representativeness_csv,
        name="representativeness_csv",
    ),
    path(
        "engagement/pact/<slug:slug>/representativeness.geojson",
        analysis.representativeness_geojson,
        name="representativeness_geojson",
    ),
]
