from django.urls import path

from crimeplan.audit.coverage import reads_personal_data as personal
from crimeplan.cases.views import asb, cases, directory, people, referrals, reoffending, sharing, volunteers

app_name = "cases"

# ``personal(...)`` marks the pages that show personal data: each must write an audit event when it
# answers (``crimeplan.audit.coverage``; ``crimeplan/audit/tests/test_coverage.py`` requests each one).

CASE = "cases/<str:reference>/"
urlpatterns = [
    path("refer-someone/", referrals.public_referral, name="public_referral"),
    path("refer-someone/sent/", referrals.public_referral_done, name="public_referral_done"),
    path("cases/", personal(cases.case_list), name="list"),
    path("cases/refer/", referrals.partner_referral, name="refer"),
    path("cases/new-referrals/", personal(cases.queue), name="queue"),
    path("cases/people/", personal(people.people), name="people"),
    path("cases/people/<int:pk>/", personal(people.person), name="person"),
    path("cases/people/<int:pk>/export/", personal(people.export), name="person_export"),
    path("cases/people/<int:pk>/rectify/", personal(people.rectify_person), name="rectify"),
    path("cases/agreements/", sharing.agreements, name="agreements"),
    path("cases/agreements/new/", sharing.new_agreement, name="new_agreement"),
    path("cases/agreements/<int:pk>/", sharing.agreement, name="agreement"),
    path("cases/services/", directory.directory, name="services"),
    path("cases/volunteers/", personal(volunteers.volunteer_list), name="volunteers"),
    path("cases/volunteers/new/", volunteers.new_volunteer, name="new_volunteer"),
    path("cases/volunteers/<int:pk>/hours/", volunteers.log_hours, name="volunteer_hours"),
    path("cases/asb/", personal(asb.asb_incidents), name="asb"),
    path("cases/asb/new/", asb.new_asb_incident, name="new_asb_incident"),
    path("cases/cohorts/", reoffending.cohorts, name="cohorts"),
    path("cases/cohorts/<int:pk>/", personal(reoffending.cohort), name="cohort"),
    path("cases/cohorts/<int:pk>/members/new/", reoffending.add_member, name="add_member"),
    path("cases/cohorts/<int:pk>/offences/new/", reoffending.add_offence, name="add_offence"),
    path("cases/cohorts/<int:pk>/offences/import/", reoffending.import_offences, name="import_offences"),
    path("cases/cohorts/imports/<int:pk>/", reoffending.offence_import, name="offence_import"),
    path("cases/board/", reoffending.board, name="board"),
    path("cases/board/report.pdf", reoffending.board_pdf, name="board_pdf"),
    path(CASE, personal(cases.case_detail), name="detail"),
    path(CASE + "status/", personal(cases.change_status), name="status"),
    path(CASE + "contact/", personal(cases.add_entry), name="entry"),
    path(CASE + "needs/", personal(cases.assess_needs), name="needs"),
    path(CASE + "plan/", personal(cases.add_action), name="action"),
    path(CASE + "plan/<int:pk>/", cases.finish_action, name="finish_action"),
    path(CASE + "interventions/", personal(cases.record_intervention), name="intervention"),
    path(CASE + "interventions/<int:pk>/", personal(cases.record_intervention), name="update_intervention"),
    path(CASE + "outcomes/", personal(cases.record_outcomes), name="outcomes"),
    path(CASE + "team/", personal(cases.add_team_member), name="team"),
    path(CASE + "lead-worker/", personal(cases.set_lead_worker), name="lead_worker"),
    path(CASE + "consent/", personal(cases.record_consent), name="consent"),
    path(CASE + "exception/", personal(cases.record_exception), name="exception"),
    path(CASE + "volunteer/", personal(cases.match_volunteer), name="volunteer"),
    path(CASE + "asb-review/", personal(cases.update_asb_review), name="asb_review"),
]
