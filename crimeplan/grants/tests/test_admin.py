import pytest

pytestmark = pytest.mark.django_db


def test_the_admin_lists_grants_and_keeps_money_read_only(admin_client, open_round, manager):
    from crimeplan.grants.services import awards
    from crimeplan.grants.tests.factories import submitted

    award = awards.make_award(application=submitted(open_round), amount=1000, by=manager)
    for url in (
        "/admin/grants/fund/",
        f"/admin/grants/fund/{open_round.fund.pk}/change/",
        "/admin/grants/round/",
        "/admin/grants/application/",
        "/admin/grants/award/",
        "/admin/grants/contract/add/",
    ):
        assert admin_client.get(url).status_code == 200, url
    page = admin_client.get(f"/admin/grants/award/{award.pk}/change/").content.decode()
    assert 'name="amount"' not in page  # shown, not editable


def test_reading_an_application_in_the_admin_is_audited(admin_client, open_round):
    from crimeplan.audit.models import AuditEvent
    from crimeplan.grants.tests.factories import submitted

    application = submitted(open_round)
    assert admin_client.get(f"/admin/grants/application/{application.pk}/change/").status_code == 200
    viewed = AuditEvent.objects.get(event="admin_record_viewed")
    assert (viewed.object_type, viewed.object_id) == ("grants.Application", str(application.pk))
    assert admin_client.get("/admin/grants/application/").status_code == 200
    assert AuditEvent.objects.filter(event="admin_list_viewed", data__model="grants.Application").count() == 1
