"""Correcting and removing nominals, entities and links: who may, what the checks refuse, what goes with a
removal, and that every form read, change and removal is audited."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from crimeplan.audit.models import AuditEvent
from crimeplan.ocg.constants import EntityKind, HandlingCode, LinkKind, Role
from crimeplan.ocg.models import Entity, Link, Nominal, OrganisedCrimeGroup
from crimeplan.ocg.services import corrections
from crimeplan.ocg.tests.people import account, page

pytestmark = pytest.mark.django_db
OFFICIAL, SENSITIVE = HandlingCode.OFFICIAL, HandlingCode.OFFICIAL_SENSITIVE


@pytest.fixture
def world():
    """Group G1 (OFFICIAL): nominals N1, N2 and vehicle entity E<pk>, linked N1–N2 and N1–E<pk>."""
    group = OrganisedCrimeGroup.objects.create(reference="G1", name="Group G1", handling_code=OFFICIAL)
    n1 = Nominal.objects.create(group=group, reference="N1", role=Role.PRINCIPAL, handling_code=OFFICIAL)
    n2 = Nominal.objects.create(group=group, reference="N2", role=Role.FACILITATOR, handling_code=OFFICIAL)
    car = Entity.objects.create(group=group, kind=EntityKind.VEHICLE, label="AB12 CDE", handling_code=OFFICIAL)
    grading = {"source_evaluation": "2", "assessment": "B", "sharing": "P"}
    met = Link.objects.create(
        group=group, source="N1", target="N2", kind=LinkKind.MEETING, handling_code=OFFICIAL, **grading
    )
    drove = Link.objects.create(
        group=group, source="N1", target=f"E{car.pk}", kind=LinkKind.MEETING, handling_code=OFFICIAL, **grading
    )
    return {"group": group, "n1": n1, "n2": n2, "car": car, "met": met, "drove": drove}


def _events(name: str) -> list[dict[str, object]]:
    return list(AuditEvent.objects.filter(event=name).values_list("data", flat=True))


# -- services ------------------------------------------------------------------------------------
def test_a_nominal_is_corrected_its_reference_kept_and_the_fields_changed_audited(world, django_user_model):
    manager = account(django_user_model, "manager")
    corrections.change_nominal(
        user=manager, nominal=world["n1"], role=Role.FACILITATOR, aliases=[" Bee ", "Bee", ""], first_seen=None
    )
    n1 = Nominal.objects.get(pk=world["n1"].pk)
    assert (n1.reference, n1.role, n1.aliases, n1.handling_code) == ("N1", Role.FACILITATOR, ["Bee"], OFFICIAL)
    [event] = _events("ocg_register_item_changed")
    assert event["label"] == "N1" and event["fields"] == "role, aliases" and "Bee" not in str(event)


def test_a_change_gets_the_checks_of_an_addition(world, django_user_model):
    manager = account(django_user_model, "manager")
    with pytest.raises(ValidationError) as dates:
        corrections.change_nominal(
            user=manager, nominal=world["n1"], role=Role.PRINCIPAL,
            first_seen=date(2024, 5, 1), last_seen=date(2024, 1, 1),
        )  # fmt: skip
    assert dates.value.error_dict["last_seen"][0].code == "order"
    with pytest.raises(ValidationError) as unreadable:  # a manager who cannot read OFFICIAL-SENSITIVE
        corrections.change_nominal(user=manager, nominal=world["n2"], role=Role.FACILITATOR, handling_code=SENSITIVE)
    assert unreadable.value.error_dict["handling_code"][0].code == "marking"
    assert Nominal.objects.get(pk=world["n2"].pk).handling_code == OFFICIAL


def test_a_stricter_marking_may_not_leave_a_link_looser_than_the_item(world, django_user_model):
    manager = account(django_user_model, "sensitive-manager")
    with pytest.raises(ValidationError) as raised:
        corrections.change_nominal(user=manager, nominal=world["n2"], role=Role.FACILITATOR, handling_code=SENSITIVE)
    error = raised.value.error_dict["handling_code"][0]
    assert error.code == "marking" and "N1–N2" in error.message
    # once the link goes, the nominal may be marked OFFICIAL-SENSITIVE
    corrections.remove_link(user=manager, link=world["met"], reason="re-graded")
    corrections.change_nominal(user=manager, nominal=world["n2"], role=Role.FACILITATOR, handling_code=SENSITIVE)
    assert Nominal.objects.get(pk=world["n2"].pk).handling_code == SENSITIVE


def test_an_entity_is_corrected_and_its_links_kept(world, django_user_model):
    manager = account(django_user_model, "manager")
    corrections.change_entity(user=manager, entity=world["car"], kind=EntityKind.VEHICLE, label=" AB12 CDF ")
    assert Entity.objects.get(pk=world["car"].pk).label == "AB12 CDF"
    assert Link.objects.filter(pk=world["drove"].pk).exists()
    assert _events("ocg_register_item_changed")[0]["fields"] == "label"


def test_removing_a_nominal_takes_its_links_and_keeps_the_reason(world, django_user_model):
    manager = account(django_user_model, "manager")
    with pytest.raises(ValidationError) as blank:
        corrections.remove_nominal(user=manager, nominal=world["n1"], reason="  ")
    assert blank.value.error_dict["reason"][0].code == "required"
    assert corrections.remove_nominal(user=manager, nominal=world["n1"], reason="recorded in error") == 2
    assert not Nominal.objects.filter(reference="N1").exists()
    assert not Link.objects.exists()  # no link is left with a missing end
    [event] = _events("ocg_register_item_removed")
    assert (event["label"], event["reason"], event["links_removed"]) == ("N1", "recorded in error", 2)


def test_removing_an_entity_takes_its_links_only(world, django_user_model):
    manager = account(django_user_model, "manager")
    assert corrections.remove_entity(user=manager, entity=world["car"], reason="sold") == 1
    assert list(Link.objects.values_list("pk", flat=True)) == [world["met"].pk]


def test_nobody_removes_what_they_cannot_see(world, django_user_model):
    """A link to the nominal that the manager may not read: the removal is refused and nothing goes."""
    world["met"].handling_code = SENSITIVE
    world["met"].save()
    manager = account(django_user_model, "manager")
    with pytest.raises(ValidationError) as raised:
        corrections.remove_nominal(user=manager, nominal=world["n1"], reason="no longer involved")
    assert raised.value.error_dict["reason"][0].code == "hidden_links"
    assert Nominal.objects.filter(reference="N1").exists() and Link.objects.count() == 2
    with pytest.raises(PermissionDenied):
        corrections.remove_link(user=manager, link=world["met"], reason="x")
    with pytest.raises(PermissionDenied):
        corrections.remove_link(user=account(django_user_model, "reader", ("r",)), link=world["drove"], reason="x")


# -- pages ---------------------------------------------------------------------------------------
def _pages(world) -> dict[str, str]:
    car, met = world["car"].pk, world["met"].pk
    return {
        "nominal_change": reverse("ocg:nominal_change", args=["G1", "N1"]),
        "nominal_remove": reverse("ocg:nominal_remove", args=["G1", "N1"]),
        "entity_change": reverse("ocg:entity_change", args=["G1", car]),
        "entity_remove": reverse("ocg:entity_remove", args=["G1", car]),
        "link_remove": reverse("ocg:link_remove", args=["G1", met]),
    }


@pytest.mark.parametrize(("role", "status"), [("no-permission", 403), ("reader", 403), ("manager", 200)])
def test_the_forms_need_the_manage_permission(client, world, django_user_model, role, status):
    client.force_login(account(django_user_model, role))
    for url in _pages(world).values():
        assert client.get(url).status_code == status
        if status == 403:
            assert client.post(url, {"reason": "x", "role": Role.FACILITATOR}).status_code == 403
    assert Nominal.objects.count() == 2 and Link.objects.count() == 2


def test_an_item_the_manager_may_not_read_is_the_404_of_a_missing_one(client, world, django_user_model):
    for item in ("n1", "car", "met"):
        world[item].handling_code = SENSITIVE
        world[item].save()
    client.force_login(account(django_user_model, "manager"))
    missing = {
        "nominal_change": reverse("ocg:nominal_change", args=["G1", "N9"]),
        "entity_remove": reverse("ocg:entity_remove", args=["G1", 99999]),
    }
    pages = _pages(world)
    assert page(client.get(pages["nominal_change"])) == page(client.get(missing["nominal_change"]))
    assert page(client.get(pages["entity_remove"])) == page(client.get(missing["entity_remove"]))
    for url in pages.values():
        assert client.post(url, {"reason": "x"}).status_code == 404
    assert len(_events("ocg_nominal_access_refused")) == 3  # the change form's GET and POST, the removal's POST
    assert Nominal.objects.count() == 2 and Link.objects.count() == 2


def test_a_manager_corrects_a_nominal_on_its_form(client, world, django_user_model):
    client.force_login(account(django_user_model, "manager"))
    url = _pages(world)["nominal_change"]
    form = client.get(url).content.decode()
    assert 'name="reference"' not in form and "Principal" in form
    assert _events("ocg_nominal_viewed")[0]["via"] == "change form"
    response = client.post(url, {"role": Role.FACILITATOR, "aliases": "Bee\nBee", "handling_code": ""})
    assert response.status_code == 302 and response["Location"] == reverse("ocg:nominal", args=["G1", "N1"])
    assert Nominal.objects.get(reference="N1").aliases == ["Bee"]
    wrong = client.post(url, {"role": Role.FACILITATOR, "first_seen": "2024-05-01", "last_seen": "2024-01-01"})
    assert wrong.status_code == 200 and "Last seen must be on or after first seen" in wrong.content.decode()


def test_the_removal_form_says_what_goes_and_asks_why(client, world, django_user_model):
    client.force_login(account(django_user_model, "manager"))
    url = _pages(world)["nominal_remove"]
    shown = client.get(url).content.decode()
    assert "This also removes 2 links to it" in shown and "Removing cannot be undone" in shown
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 200 and "Error: " in refused.content.decode()
    assert Nominal.objects.filter(reference="N1").exists()
    done = client.post(url, {"reason": "recorded in error"})
    assert done.status_code == 302 and done["Location"] == reverse("ocg:group", args=["G1"])
    assert not Nominal.objects.filter(reference="N1").exists() and not Link.objects.exists()


def test_the_group_page_links_to_the_forms_for_managers_only(client, world, django_user_model):
    client.force_login(account(django_user_model, "reader"))
    urls = _pages(world).values()
    as_reader = client.get(reverse("ocg:group", args=["G1"])).content.decode()
    assert not any(url in as_reader for url in urls)
    client.force_login(account(django_user_model, "manager"))
    as_manager = client.get(reverse("ocg:group", args=["G1"])).content.decode()
    assert all(url in as_manager for url in urls)
    on_nominal = client.get(reverse("ocg:nominal", args=["G1", "N1"])).content.decode()
    assert reverse("ocg:nominal_change", args=["G1", "N1"]) in on_nominal
    client.post(_pages(world)["link_remove"], {"reason": "re-graded 3CP"})
    [event] = _events("ocg_register_item_removed")
    assert (event["item"], event["label"], event["links_removed"]) == ("link", "N1–N2 (2BP)", 1)
