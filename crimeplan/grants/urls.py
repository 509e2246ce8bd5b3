from django.urls import path, re_path

from crimeplan.grants.views import allocation, apply, commissioning, manage, money, public

app_name = "grants"
urlpatterns = [
    path("grants/", public.index, name="index"),
    path("grants/funds/<slug:slug>/", public.fund_detail, name="fund"),
    path("grants/published/", public.published, name="published"),
    path("grants/published.csv", public.published_csv, name="published_csv"),
    re_path(r"^grants/360giving\.(?P<fmt>json|csv)$", public.threesixty, name="threesixty"),
    path("grants/projects/<str:reference>/", public.project, name="project"),
    path("grants/rounds/<int:pk>/apply/", apply.start, name="start"),
    path("grants/return/<str:token>/", apply.return_to, name="return"),
    path("grants/your-applications/", apply.mine, name="mine"),
    path("grants/areas/<str:csp>/lsoas.geojson", apply.area_geojson, name="area_geojson"),
    path("grants/applications/<int:pk>/check-your-answers/", apply.check, name="check"),
    path("grants/applications/<int:pk>/submitted/", apply.confirmation, name="confirmation"),
    path("grants/applications/<int:pk>/", apply.status, name="status"),
    path("grants/applications/<int:pk>/remove/<str:kind>/<int:item>/", apply.remove, name="remove"),
    path("grants/applications/<int:pk>/<slug:slug>/", apply.step, name="step"),
    path("grants/manage/", manage.dashboard, name="dashboard"),
    path("grants/manage/rounds/<int:pk>/", manage.round_detail, name="round"),
    path("grants/manage/applications/<int:pk>/", manage.application_detail, name="application"),
    path("grants/manage/applications/<int:pk>/declare/", manage.declare, name="declare"),
    path("grants/manage/applications/<int:pk>/score/", manage.score, name="score"),
    path("grants/manage/applications/<int:pk>/moderate/", manage.moderate, name="moderate"),
    path("grants/manage/applications/<int:pk>/decide/", manage.decide, name="decide"),
    path("grants/manage/awards/<int:pk>/", money.award_detail, name="award"),
    path("grants/manage/awards/<int:pk>/offer-letter.pdf", money.offer_letter, name="offer_letter"),
    path("grants/manage/payments/<int:pk>/", money.pay, name="pay"),
    path("grants/manage/returns/<int:pk>/", money.record_return, name="return_form"),
    path("grants/manage/funds/<slug:slug>/", money.fund_report, name="fund_report"),
    path("grants/manage/allocation/", allocation.simulator, name="allocation"),
    path("grants/manage/allocation/<int:pk>/", allocation.allocation_decision, name="allocation_decision"),
    path("grants/manage/contracts/", commissioning.contracts, name="contracts"),
    path("grants/manage/contracts/<int:pk>/", commissioning.contract_detail, name="contract"),
]
