"""The forms for nominals, entities and graded links, and the nominal page, by role × handling code × need to know:
denials are the 404 of a missing group or nominal, markings are no looser than the group's, links are validated
(3x5x2 grading, two different readable ends of the group, the period in order), and every read and write is audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from crimeplan.audit.models import AuditEvent
from crimeplan.ocg.constants import EntityKind, HandlingCode, LinkKind, Role
from crimeplan.ocg.models import Entity, Link, Nominal, OrganisedCrimeGroup
from crimeplan.ocg.services.register import parse_grading
from crimeplan.ocg.tests.people import account, page

pytestmark = pytest.mark.django_db
FORMS = ["nominal_add", "entity_add", "link_add"]

# (role, teams, group handling code, group need-to-know team) -> status of the forms
CASES = [
    ("no-permission", (), HandlingCode.OFFICIAL, "", 403),
    ("reader", (), HandlingCode.OFFICIAL, "", 403),
    ("sensitive-reader", (), HandlingCode.OFFICIAL_SENSITIVE, "", 403),
    ("manager", (), HandlingCode.OFFICIAL, "", 200),
    ("manager", (), HandlingCode.OFFICIAL_SENSITIVE, "", 404),
    ("sensitive-manager", (), HandlingCode.OFFICIAL_SENSITIVE, "", 200),
    ("manager", (), HandlingCode.OFFICIAL, "serious-crime-unit", 404),
    ("manager", ("serious-crime-unit",), HandlingCode.OFFICIAL, "serious-crime-unit", 200),
    ("sensitive-manager", ("other-team",), HandlingCode.OFFICIAL_SENSITIVE, "serious-crime-unit", 404),
    ("sensitive-manager", ("serious-crime-unit",), HandlingCode.OFFICIAL_SENSITIVE, "serious-crime-unit", 200),
]


def _group(code: str = HandlingCode.OFFICIAL, team: str = "", reference: str = "G1") -> OrganisedCrimeGroup:
    return OrganisedCrimeGroup.objects.create(
        reference=reference, name=f"Group {reference}", handling_code=code, need_to_know=team
    )


@pytest.mark.parametrize("name", FORMS)
@pytest.mark.parametrize(("role", "teams", "code", "team", "status"), CASES)
def test_item_forms_by_role_handling_code_and_need_to_know(
    client, django_user_model, name, role, teams, code, team, status
):
    _group(code, team)
    client.force_login(account(django_user_model, role, teams))
    response = client.get(reverse(f"ocg:{name}", args=["G1"]))
    missing = client.get(reverse(f"ocg:{name}", args=["NOPE"]))
    assert response.status_code == status
    if status == 404:
        assert page(response) == page(missing)  # denied looks exactly like not found
    if status != 200:
        assert client.post(reverse(f"ocg:{name}", args=["G1"]), {}).status_code == status
    assert not Nominal.objects.exists() and not Entity.objects.exists() and not Link.objects.exists()


NOMINAL_CASES = [
    # (role, teams, nominal handling code, nominal team) -> may read
    ("no-permission", (), HandlingCode.OFFICIAL, "", 403),
    ("reader", (), HandlingCode.OFFICIAL, "", 200),
    ("reader", (), HandlingCode.OFFICIAL_SENSITIVE, "", 404),
    ("sensitive-reader", (), HandlingCode.OFFICIAL_SENSITIVE, "", 200),
    ("reader", (), HandlingCode.OFFICIAL, "serious-crime-unit", 404),
    ("reader", ("serious-crime-unit",), HandlingCode.OFFICIAL, "serious-crime-unit", 200),
    ("sensitive-reader", ("other-team",), HandlingCode.OFFICIAL_SENSITIVE, "serious-crime-unit", 404),
    ("sensitive-reader", ("serious-crime-unit",), HandlingCode.OFFICIAL_SENSITIVE, "serious-crime-unit", 200),
]


@pytest.mark.parametrize(("role", "teams", "code", "team", "status"), NOMINAL_CASES)
def test_nominal_page_by_role_handling_code_and_need_to_know(
    client, django_user_model, role, teams, code, team, status
):
    group = _group()
    Nominal.objects.create(
        group=group, reference="N1", role=Role.PRINCIPAL, aliases=["Smiler"], handling_code=code, need_to_know=team
    )
    client.force_login(account(django_user_model, role, teams))
    response = client.get(reverse("ocg:nominal", args=["G1", "N1"]))
    missing = client.get(reverse("ocg:nominal", args=["G1", "N9"]))
    assert response.status_code == status
    viewed = AuditEvent.objects.filter(event="ocg_nominal_viewed", data__nominal="N1")
    refused = AuditEvent.objects.filter(event="ocg_nominal_access_refused", data__nominal="N1")
    if status == 200:
        assert "Smiler" in response.content.decode()
        assert viewed.count() == 1 and viewed.get().purpose and not refused.exists()
    elif status == 404:
        assert missing.status_code == 404 and page(response) == page(missing)
        assert refused.count() == 1 and not viewed.exists()
    else:
        assert not viewed.exists() and not refused.exists()


def test_the_nominal_page_of_another_group_is_not_found(client, django_user_model):
    Nominal.objects.create(group=_group(reference="G2"), reference="N1", role=Role.PRINCIPAL)
    _group()
    client.force_login(account(django_user_model, "reader"))
    assert client.get(reverse("ocg:nominal", args=["G1", "N1"])).status_code == 404
    assert client.get(reverse("ocg:nominal", args=["G2", "N1"])).status_code == 200


def test_adding_a_nominal_from_the_group_page_and_reading_it(client, django_user_model):
    _group()
    client.force_login(account(django_user_model, "manager"))
    group_page = client.get(reverse("ocg:group", args=["G1"])).content.decode()
    assert reverse("ocg:nominal_add", args=["G1"]) in group_page
    assert reverse("ocg:entity_add", args=["G1"]) in group_page and reverse("ocg:link_add", args=["G1"]) in group_page
    form = {
        "reference": "N-0193",
        "role": Role.FACILITATOR,
        "aliases": "Smiler\n\n  Big J \nSmiler",
        "first_seen": "2024-01-05",
        "last_seen": "2024-09-30",
    }
    assert client.post(reverse("ocg:nominal_add", args=["G1"]), form).status_code == 302
    nominal = Nominal.objects.get(reference="N-0193")
    assert nominal.aliases == ["Smiler", "Big J"] and nominal.role == Role.FACILITATOR
    assert nominal.handling_code == HandlingCode.OFFICIAL and nominal.group.reference == "G1"
    changed = AuditEvent.objects.get(event="ocg_register_changed", data__item="nominal")
    assert changed.data["reference"] == "G1" and changed.purpose
    detail = client.get(reverse("ocg:nominal", args=["G1", "N-0193"])).content.decode()
    assert "Facilitator" in detail and "5 January 2024" in detail and "30 September 2024" in detail
    group_page = client.get(reverse("ocg:group", args=["G1"])).content.decode()
    assert reverse("ocg:nominal", args=["G1", "N-0193"]) in group_page


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"first_seen": "2024-09-30", "last_seen": "2024-01-05"}, "last_seen", "on or after first seen"),
        ({"reference": "E12"}, "reference", "names an entity"),
        ({"reference": "TAKEN"}, "reference", "That reference is taken"),
        ({"handling_code": HandlingCode.OFFICIAL_SENSITIVE}, "handling_code", "You could not read"),
        ({"need_to_know": "other-team"}, "handling_code", "You could not read"),
    ],
)
def test_nominal_form_refusals(client, django_user_model, change, field, message):
    _group()
    Nominal.objects.create(reference="TAKEN", role=Role.PERIPHERAL)
    client.force_login(account(django_user_model, "manager"))
    form = {"reference": "N1", "role": Role.PRINCIPAL} | change
    response = client.post(reverse("ocg:nominal_add", args=["G1"]), form)
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert "govuk-error-summary" in response.content.decode()
    assert Nominal.objects.count() == 1 and not AuditEvent.objects.filter(event="ocg_register_changed").exists()


def test_items_of_a_sensitive_or_need_to_know_group_keep_its_marking(client, django_user_model):
    _group(HandlingCode.OFFICIAL_SENSITIVE, "serious-crime-unit")
    client.force_login(account(django_user_model, "sensitive-manager", ("serious-crime-unit",)))
    url = reverse("ocg:entity_add", args=["G1"])
    looser = client.post(url, {"kind": EntityKind.VEHICLE, "label": "PN19 ABC", "handling_code": HandlingCode.OFFICIAL})
    assert "is OFFICIAL-SENSITIVE, so this item is too" in looser.context["form"].errors["handling_code"][0]
    other = client.post(url, {"kind": EntityKind.VEHICLE, "label": "PN19 ABC", "need_to_know": "other-team"})
    assert "serious-crime-unit team only" in other.context["form"].errors["need_to_know"][0]
    assert client.post(url, {"kind": EntityKind.VEHICLE, "label": "PN19 ABC"}).status_code == 302
    entity = Entity.objects.get()
    assert (entity.handling_code, entity.need_to_know) == (HandlingCode.OFFICIAL_SENSITIVE, "serious-crime-unit")
    assert AuditEvent.objects.filter(event="ocg_register_changed", data__item="entity").count() == 1


def _linkable(code: str = HandlingCode.OFFICIAL) -> tuple[OrganisedCrimeGroup, Entity]:
    group = _group()
    Nominal.objects.create(group=group, reference="N1", role=Role.PRINCIPAL)
    Nominal.objects.create(group=group, reference="N2", role=Role.PERIPHERAL)
    Nominal.objects.create(group=group, reference="NS", role=Role.SIGNIFICANT, handling_code=code)
    Nominal.objects.create(group=_group(reference="G2"), reference="NX", role=Role.PRINCIPAL)
    return group, Entity.objects.create(group=group, kind=EntityKind.PHONE, label="07700 900123")


def test_link_form_offers_only_readable_ends_of_the_group_and_is_audited(client, django_user_model):
    _, phone = _linkable(HandlingCode.OFFICIAL_SENSITIVE)
    client.force_login(account(django_user_model, "manager"))
    response = client.get(reverse("ocg:link_add", args=["G1"]))
    offered = [value for value, _ in response.context["form"].fields["source"].choices if value]
    assert offered == ["N1", "N2", f"E{phone.pk}"]
    viewed = AuditEvent.objects.get(event="ocg_nominal_viewed", data__via="link form")
    assert viewed.data["rows"] == 2 and viewed.data["reference"] == "G1"


def test_adding_a_graded_link(client, django_user_model):
    _, phone = _linkable()
    client.force_login(account(django_user_model, "manager"))
    form = {
        "source": "N1",
        "target": f"E{phone.pk}",
        "kind": LinkKind.COMMUNICATION,
        "grading": "2-b-c",
        "origin": "Call data",
        "weight": "3",
        "starts_on": "2024-02-01",
        "ends_on": "2024-04-30",
    }
    assert client.post(reverse("ocg:link_add", args=["G1"]), form).status_code == 302
    link = Link.objects.get()
    assert (link.source, link.target, link.grading, link.weight) == ("N1", f"E{phone.pk}", "2BC", 3.0)
    assert AuditEvent.objects.filter(event="ocg_register_changed", data__item="link").count() == 1
    detail = client.get(reverse("ocg:nominal", args=["G1", "N1"])).content.decode()
    assert "Call data" in detail and "2BC" in detail and "1 February 2024 to 30 April 2024" in detail


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"target": "N1"}, "target", "self_link"),
        ({"starts_on": "2024-05-01", "ends_on": "2024-04-30"}, "ends_on", "order"),
        ({"grading": "4AP"}, "grading", "grading"),
        ({"grading": "1FP"}, "grading", "grading"),
        ({"grading": "1AX"}, "grading", "grading"),
        ({"grading": "1A"}, "grading", "grading"),
        ({"weight": "0"}, "weight", "weight"),
        ({"handling_code": HandlingCode.OFFICIAL_SENSITIVE}, "handling_code", "marking"),
    ],
)
def test_link_refusals(client, django_user_model, change, field, code):
    _linkable()
    client.force_login(account(django_user_model, "manager"))
    form = {"source": "N1", "target": "N2", "kind": LinkKind.FAMILY, "grading": "1AP"} | change
    response = client.post(reverse("ocg:link_add", args=["G1"]), form)
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].errors.as_data()[field]] == [code]
    assert not Link.objects.exists()


@pytest.mark.parametrize("end", ["NX", "NS", "E999", "N404"])
def test_a_link_end_outside_the_group_or_unreadable_is_refused(django_user_model, end):
    """The form offers only readable ends; the service refuses the rest (another group's, sensitive, missing)."""
    from django.core.exceptions import ValidationError

    from crimeplan.ocg.services.register import add_link

    group, _ = _linkable(HandlingCode.OFFICIAL_SENSITIVE)
    user = account(django_user_model, "manager")
    with pytest.raises(ValidationError) as refused:
        add_link(user=user, group=group, source="N1", target=end, kind=LinkKind.MEETING, grading="1AP")
    assert [e.code for e in refused.value.error_dict["target"]] == ["endpoint"]


def test_a_link_is_marked_at_least_as_strictly_as_its_ends(django_user_model):
    from django.core.exceptions import ValidationError

    from crimeplan.ocg.services.register import add_link

    group, _ = _linkable(HandlingCode.OFFICIAL_SENSITIVE)
    user = account(django_user_model, "sensitive-manager")
    with pytest.raises(ValidationError) as refused:
        add_link(user=user, group=group, source="N1", target="NS", kind=LinkKind.MEETING, grading="1AP")
    assert [e.code for e in refused.value.error_dict["handling_code"]] == ["marking"]
    link = add_link(
        user=user, group=group, source="N1", target="NS", kind=LinkKind.MEETING, grading="1AP",
        handling_code=HandlingCode.OFFICIAL_SENSITIVE,
    )  # fmt: skip
    assert link.handling_code == HandlingCode.OFFICIAL_SENSITIVE


def test_grading_is_read_as_written():
    assert parse_grading(["3x5x2", "3EC"][1]) == ("3", "E", "C")
    assert parse_grading(" 1 a p ") == ("1", "A", "P")
    assert parse_grading("2/B/C") == ("2", "B", "C")


def test_group_page_lists_only_the_nominals_and_entities_the_reader_may_see(client, django_user_model):
    group = _group()
    Nominal.objects.create(group=group, reference="N-OPEN", role=Role.PRINCIPAL)
    Nominal.objects.create(
        group=group, reference="N-HIDDEN", role=Role.PRINCIPAL, handling_code=HandlingCode.OFFICIAL_SENSITIVE
    )
    Entity.objects.create(group=group, kind=EntityKind.PREMISES, label="Unit 4 Mill Lane")
    Entity.objects.create(group=group, kind=EntityKind.BUSINESS, label="Hidden Ltd", need_to_know="other-team")
    client.force_login(account(django_user_model, "reader"))
    shown = client.get(reverse("ocg:group", args=["G1"])).content.decode()
    assert "N-OPEN" in shown and "Unit 4 Mill Lane" in shown
    assert "N-HIDDEN" not in shown and "Hidden Ltd" not in shown
    assert reverse("ocg:nominal_add", args=["G1"]) not in shown  # a reader is not offered the forms


def test_the_service_refuses_a_self_link_and_a_period_out_of_order(django_user_model):
    """The form says so first; the service (and the model's clean, used by the admin) refuse them too."""
    import datetime as dt

    from django.core.exceptions import ValidationError

    from crimeplan.ocg.services.register import add_link

    group, _ = _linkable()
    user = account(django_user_model, "manager")
    with pytest.raises(ValidationError) as self_link:
        add_link(user=user, group=group, source="N1", target="N1", kind=LinkKind.FAMILY, grading="1AP")
    assert [e.code for e in self_link.value.error_dict["target"]] == ["self_link"]
    with pytest.raises(ValidationError) as order:
        add_link(
            user=user, group=group, source="N1", target="N2", kind=LinkKind.FAMILY, grading="1AP",
            starts_on=dt.date(2024, 5, 1), ends_on=dt.date(2024, 4, 30),
        )  # fmt: skip
    assert [e.code for e in order.value.error_dict["ends_on"]] == ["order"]
    assert not Link.objects.exists()
