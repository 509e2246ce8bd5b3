from django.urls import path

from crimeplan.audit.coverage import reads_personal_data as personal
from crimeplan.reporting.views import analysis, centres, public, track, triage

app_name = "reporting"

# ``personal(...)`` marks the staff pages that show reports (victims' accounts and contact details); each
# writes an audit event (``crimeplan/audit/tests/test_coverage.py`` requests each one). The public journey
# and the tracking page show reporters only what they entered themselves, in their own session or behind
# their own tracking code; a centre's page shows its figures and trained staff, not reports.

urlpatterns = [
    path("report-hate-crime/", public.start, name="start"),
    path("report-hate-crime/check/", public.check, name="check"),
    path("report-hate-crime/sent/", public.done, name="done"),
    path("report-hate-crime/leave/", public.leave, name="leave"),
    path("report-hate-crime/centres/", centres.centre_list, name="centres"),
    path("report-hate-crime/<slug:slug>/", public.question, name="question"),
    path("track/", track.track, name="track"),
    path("track/report/", track.tracked, name="tracked"),
    path("hate-reports/", personal(triage.report_queue), name="queue"),
    path("hate-reports/<int:pk>/", personal(triage.report_detail), name="report"),
    path("hate-reports/<int:pk>/package.<str:fmt>", personal(triage.police_package), name="package"),
    path("hate-reports/centres/new/", centres.new_centre, name="new_centre"),
    path("hate-reports/centres/<int:pk>/", centres.centre, name="centre"),
    path("hate-reports/centre-report/", centres.centre_report, name="centre_report"),
    path("hate-reports/gap/", analysis.gap, name="gap"),
    path("hate-reports/gap.csv", analysis.gap_csv, name="gap_csv"),
    path("hate-reports/gap.geojson", analysis.gap_geojson, name="gap_geojson"),
    path("hate-reports/campaigns/", analysis.campaigns, name="campaigns"),
]
