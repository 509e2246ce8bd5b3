"""The anonymous quarterly PDF is made once per quarter and state of the data."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from crimeplan.performance import views
from crimeplan.performance.models import MeasureFigure

pytestmark = pytest.mark.django_db


@pytest.fixture
def made(monkeypatch, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    calls: list[str] = []

    def render_pdf(template, context, **kwargs):
        calls.append(context["period"].code)
        return f"%PDF-1.7 {context['period'].code} {len(calls)}".encode()

    monkeypatch.setattr(views, "render_pdf", render_pdf)
    return calls


def _get(client, quarter):
    response = client.get(reverse("performance:report", args=[quarter, "pdf"]))
    assert response.status_code == 200
    return response.content


def test_the_same_quarter_is_made_once_for_anonymous_readers(client, loaded_store, plan, made):
    first = _get(client, "2022Q2")
    assert _get(client, "2022Q2") == first
    _get(client, "2022Q1")
    assert made == ["2022Q2", "2022Q1"]


def test_a_new_figure_makes_a_new_pdf(client, loaded_store, plan, made):
    _get(client, "2022Q2")
    measure = plan.priorities.first().measures.first()
    MeasureFigure.objects.create(measure=measure, first_month="2022-04", last_month="2022-06", value=5, source="t")
    _get(client, "2022Q2")
    figure = MeasureFigure.objects.get()
    figure.value = 6
    figure.save()
    _get(client, "2022Q2")
    assert made == ["2022Q2"] * 3


def test_signed_in_readers_get_a_fresh_pdf(client, staff_user, loaded_store, plan, made):
    client.force_login(staff_user)
    _get(client, "2022Q2")
    _get(client, "2022Q2")
    assert made == ["2022Q2", "2022Q2"]
