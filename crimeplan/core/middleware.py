"""Turns an ``ApplicationError`` raised while making a page into a page that says what to change, and a
``Hidden`` 404 into its own page (how to ask for access), keeping the 404 status."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from crimeplan.core.exceptions import ApplicationError, Hidden


class ApplicationErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if request.path.startswith("/api/"):
            return None
        if isinstance(exception, Hidden):
            return render(request, exception.template, exception.context, status=404)
        if not isinstance(exception, ApplicationError):
            return None
        return render(request, "core/problem.html", {"problem": exception.message}, status=exception.status)
