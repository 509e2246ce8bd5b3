"""gunicorn settings for ``make serve`` (``gunicorn -c python:crimeplan.gunicorn_conf``).

Sized for a small server of 2 cores: 2 worker processes (one per core, each with its own DuckDB
connection and caches) of 4 threads each, so a slow page (a PDF, a big aggregate) does not hold up
the rest. ``GUNICORN_WORKERS`` and ``GUNICORN_THREADS`` change them; ``HOST`` and ``PORT`` say where
to listen (127.0.0.1:8000 by default: put a TLS proxy in front, see docs/deploy.md).
"""

import os
from typing import Any

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = 120  # seconds: the quarterly PDF of a large force takes a while the first time
graceful_timeout = 30
keepalive = 5
max_requests = 2000  # recycle workers now and then, so a slow leak cannot grow without bound
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "crimeplan.wsgi:application"
control_socket_disable = True  # several servers may run on one machine; none needs gunicorn's control socket

# Load Django, every app and the URL configuration once in the master process, then fork: workers start
# warm (the first request no longer pays for importing every app) and share that memory. No database
# connection or store query is opened before the fork.
preload_app = True


def when_ready(server: Any) -> None:
    from django.db import connections
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018  (imports every app's views and the API)
    connections.close_all()
