"""Request hygiene and the Content-Security-Policy header.

``InputHygieneMiddleware`` answers 400 with a clear message, before any view or database query, when
the address (path or query string) holds a control character, or a submitted form or JSON payload
holds a NUL byte (PostgreSQL cannot store one). Other control characters in submitted text are
refused field by field by ``crimeplan.core.validation``.

``ContentSecurityPolicyMiddleware`` adds the ``Content-Security-Policy`` header built from
``settings.CONTENT_SECURITY_POLICY`` (a directive → sources mapping) to every response that has none.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from crimeplan.core.validation import has_control_characters

ADDRESS_PROBLEM = (
    "The address contains a control character (such as a NUL byte, %00), which crimeplan does not accept. "
    "Remove it and try again."
)
BODY_PROBLEM = "The submitted data contains a NUL control character (\\u0000), which crimeplan does not accept."
FORM_TYPES = ("application/x-www-form-urlencoded",)
JSON_NUL = (b"\\u0000", b"\x00")


def _address_problem(request: HttpRequest) -> bool:
    if has_control_characters(request.path):
        return True
    return any(
        has_control_characters(key) or any(has_control_characters(v) for v in values)
        for key, values in request.GET.lists()
    )


def _body_problem(request: HttpRequest) -> bool:
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return False
    if request.content_type == "application/json":
        body = request.body.lower()
        return any(marker in body for marker in JSON_NUL)
    if request.content_type in FORM_TYPES:
        return any("\x00" in key or any("\x00" in v for v in values) for key, values in request.POST.lists())
    return False


class InputHygieneMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _address_problem(request):
            return self._refuse(request, ADDRESS_PROBLEM)
        if _body_problem(request):
            return self._refuse(request, BODY_PROBLEM)
        return self.get_response(request)

    @staticmethod
    def _refuse(request: HttpRequest, message: str) -> HttpResponse:
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=400)
        return render(request, "core/problem.html", {"problem": message}, status=400)


def policy_header(policy: dict[str, list[str]]) -> str:
    return "; ".join(" ".join([directive, *sources]) for directive, sources in policy.items())


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.header = policy_header(settings.CONTENT_SECURITY_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.header and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.header
        return response
