"""GOV.UK Notify callbacks (JSON, bearer token from NOTIFY_CALLBACK_TOKEN): delivery receipts and inbound texts."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from crimeplan.core.permissions import public
from crimeplan.engagement.services import callbacks


def _payload(request: HttpRequest) -> dict[str, object] | None:
    try:
        data = json.loads(request.body or b"{}")
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


@csrf_exempt
@require_POST
@public
def delivery_receipt(request: HttpRequest) -> HttpResponse:
    if not callbacks.token_ok(request.headers.get("Authorization", "")):
        return JsonResponse({"error": "a valid bearer token is needed"}, status=401)
    payload = _payload(request)
    if payload is None:
        return JsonResponse({"error": "send a JSON object"}, status=400)
    return JsonResponse({"matched": callbacks.delivery_receipt(payload)})


@csrf_exempt
@require_POST
@public
def inbound_sms(request: HttpRequest) -> HttpResponse:
    if not callbacks.token_ok(request.headers.get("Authorization", "")):
        return JsonResponse({"error": "a valid bearer token is needed"}, status=401)
    payload = _payload(request)
    if payload is None:
        return JsonResponse({"error": "send a JSON object"}, status=400)
    return JsonResponse({"result": callbacks.inbound_text(payload)})
