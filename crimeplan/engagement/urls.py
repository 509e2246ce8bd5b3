"""Engagement URLs: public pages under /alerts/ (sign-up, the member's own page by token, replies, Notify
callbacks) and staff pages under /engagement/."""

from django.urls import path

from crimeplan.audit.coverage import reads_personal_data as personal
from crimeplan.engagement.views import callbacks, public, staff

app_name = "engagement"
urlpatterns = [
    path("alerts/", public.signup, name="signup"),
    path("alerts/neighbourhoods.json", public.lsoa_points, name="lsoa_points"),
    path("alerts/check-your-messages/", public.signup_done, name="signup_done"),
    path("alerts/confirm/<str:token>/", public.confirm_email, name="confirm_email"),
    path("alerts/you/<str:token>/", personal(public.manage), name="manage"),
    path("alerts/you/<str:token>/details/", personal(public.details), name="details"),
    path("alerts/you/<str:token>/delete/", public.erase, name="erase"),
    path("alerts/you/<str:token>/stop/<str:channel>/", public.unsubscribe, name="unsubscribe"),
    path("alerts/reply/<int:alert_id>/<str:token>/", public.reply, name="reply"),
    path("alerts/notify/receipts/", callbacks.delivery_receipt, name="notify_receipts"),
    path("alerts/notify/inbound-sms/", callbacks.inbound_sms, name="notify_inbound_sms"),
    path("engagement/alerts/", staff.alert_list, name="alerts"),
    path("engagement/alerts/new/", staff.alert_new, name="alert_new"),
    path("engagement/alerts/suggested/", staff.suggestion_list, name="suggestions"),
    path("engagement/alerts/<int:pk>/", staff.alert_detail, name="alert"),
    path("engagement/alerts/<int:pk>/progress/", staff.alert_progress, name="alert_progress"),
    path("engagement/alerts/<int:pk>/deliveries.csv", staff.alert_log_csv, name="alert_log_csv"),
    path("engagement/alerts/<int:pk>/send/", staff.alert_send, name="alert_send"),
    path("engagement/alerts/<int:pk>/cancel/", staff.alert_cancel, name="alert_cancel"),
    path("engagement/alerts/<int:pk>/approve/", staff.alert_approve, name="alert_approve"),
    path("engagement/members/", personal(staff.member_list), name="members"),
    path("engagement/members.csv", personal(staff.member_csv), name="members_csv"),
    path("engagement/inbox/", personal(staff.inbox), name="inbox"),
    path("engagement/inbox/<int:pk>/", personal(staff.reply_detail), name="reply_detail"),
]
