import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from crimeplan.core.permissions import PUBLIC, SIGNED_IN, public, requires, rule_of, signed_in


def ok(request):
    return HttpResponse("ok")


def view_function():
    def view(request):
        return HttpResponse("ok")

    return view


def test_each_decorator_records_its_rule():
    assert rule_of(public(view_function())) == PUBLIC
    assert rule_of(signed_in(view_function())) == SIGNED_IN
    assert rule_of(requires("performance.add_figure")(view_function())) == ("performance.add_figure",)
    assert rule_of(view_function()) is None


def test_requires_refuses_a_bare_name():
    with pytest.raises(ValueError, match=r"app_label\.codename"):
        requires("enter_figures")


@pytest.mark.django_db
def test_requires_redirects_the_anonymous_and_refuses_the_unentitled(django_user_model):
    view = requires("auth.view_group")(ok)
    request = RequestFactory().get("/x/")
    request.user = AnonymousUser()
    assert view(request).status_code == 302
    user = django_user_model.objects.create_user(username="u", password="a-long-test-password")
    request.user = user
    with pytest.raises(PermissionDenied):
        view(request)
    user.user_permissions.add(Permission.objects.get(codename="view_group"))
    request.user = django_user_model.objects.get(pk=user.pk)
    assert view(request).status_code == 200
