"""The JSON API (django-ninja). OpenAPI at /api/openapi.json, documentation at /api/docs."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger, _csrf_needed

from crimeplan.cases.api import router as cases_router
from crimeplan.core.exceptions import ApplicationError
from crimeplan.core.permissions import public
from crimeplan.crimedata.api import router as crimedata_router
from crimeplan.grants.api import router as grants_router
from crimeplan.hotspots.api import router as hotspots_router
from crimeplan.ocg.api import router as ocg_router
from crimeplan.performance.api import router as performance_router
from crimeplan.reporting.api import router as reporting_router
from crimeplan.roads.api import router as roads_router


class LocalSwagger(Swagger):
    """Swagger UI from crimeplan's static files (``build/swagger``), allowed by the Content-Security-Policy."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        context = {"swagger_settings": settings, "api": api, "add_csrf": _csrf_needed(api)}
        return render(request, "core/swagger.html", context)


api = NinjaAPI(
    docs=LocalSwagger(),
    title="crimeplan API",
    version="1.0.0",
    description=(
        "Open police data for the Police and Crime Plan: what is loaded and how it reconciles, "
        "and counts of street-level crime. Endpoints marked with a lock need a signed-in session."
    ),
    urls_namespace="api-1.0.0",
    docs_decorator=public,  # the schema and its documentation are open; each operation declares its own rule
)


@api.exception_handler(ApplicationError)
def application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message, "field": exc.field}, status=exc.status)


api.add_router("/", crimedata_router)
api.add_router("/", performance_router)
api.add_router("/", hotspots_router)
api.add_router("/", grants_router)
api.add_router("/", cases_router)
api.add_router("/", ocg_router)
api.add_router("/", reporting_router)
api.add_router("/", roads_router)
