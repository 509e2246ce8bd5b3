from django.urls import path

from crimeplan.audit.coverage import reads_personal_data as personal
from crimeplan.ocg import views, views_forms, views_profile, views_slavery

app_name = "ocg"

# ``personal(...)`` marks the pages that show nominals (a group, a nominal, the link form listing them, the forms
# that change or remove a nominal, entity or link), the people in a network or potential victims of modern
# slavery; each writes an audit event
# (``crimeplan/audit/tests/test_coverage.py`` requests each one).
# The index and the groups list show groups, not people; a partner's shared package page shows only which
# fields it holds and how many rows (its export, a POST, is audited as ``PackageExported``). The local
# profiles show counts and groups, not people, and are audited too.

urlpatterns = [
    path("", views.index, name="index"),
    path("groups/", views.group_list, name="groups"),
    path("groups/new/", views_forms.group_add, name="group_add"),
    path("groups/<str:reference>/", personal(views.group_detail), name="group"),
    path("groups/<str:reference>/score/", views_forms.score, name="score"),
    path("groups/<str:reference>/actions/new/", views_forms.action_add, name="action_add"),
    path("groups/<str:reference>/disruptions/new/", views_forms.disruption_add, name="disruption_add"),
    path("groups/<str:reference>/crimes/new/", views_forms.crime_add, name="crime_add"),
    path("groups/<str:reference>/nominals/new/", views_forms.nominal_add, name="nominal_add"),
    path("groups/<str:reference>/nominals/<str:nominal>/", personal(views_forms.nominal_detail), name="nominal"),
    path(
        "groups/<str:reference>/nominals/<str:nominal>/change/",
        personal(views_forms.nominal_change),
        name="nominal_change",
    ),
    path(
        "groups/<str:reference>/nominals/<str:nominal>/remove/",
        personal(views_forms.nominal_remove),
        name="nominal_remove",
    ),
    path("groups/<str:reference>/entities/new/", views_forms.entity_add, name="entity_add"),
    path("groups/<str:reference>/entities/<int:pk>/change/", personal(views_forms.entity_change), name="entity_change"),
    path("groups/<str:reference>/entities/<int:pk>/remove/", personal(views_forms.entity_remove), name="entity_remove"),
    path("groups/<str:reference>/links/new/", personal(views_forms.link_add), name="link_add"),
    path("groups/<str:reference>/links/<int:pk>/remove/", personal(views_forms.link_remove), name="link_remove"),
    path("shared/<str:reference>/", views.shared_export, name="shared_export"),
    path("networks/<slug:name>/", personal(views.network_detail), name="network"),
    path("networks/<slug:name>/measures.csv", personal(views.network_csv), name="network_csv"),
    path("modern-slavery/", personal(views_slavery.slavery_list), name="slavery_list"),
    path("modern-slavery/new/", views_slavery.slavery_add, name="slavery_add"),
    path("modern-slavery/<str:reference>/", personal(views_slavery.slavery_detail), name="slavery_record"),
    path("modern-slavery/<str:reference>/decisions/", views_slavery.slavery_decisions, name="slavery_decisions"),
    path("nrm-referrals.csv", views_slavery.nrm_csv, name="nrm_csv"),
    path("profiles/", views_profile.profiles, name="profiles"),
    path("profiles/<slug:slug>/", views_profile.profile, name="profile"),
    path("profiles/<slug:slug>/profile.pdf", views_profile.profile_pdf, name="profile_pdf"),
]
