"""Settings for the test suite: the real settings, with a throw-away data folder.

Each test process gets its own ``CRIMEPLAN_DATA_DIR`` so tests never touch
``var/``; ``DATABASE_URL`` is honoured, so the suite runs on PostgreSQL too.
"""

import os
import tempfile

os.environ.setdefault("CRIMEPLAN_SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("CRIMEPLAN_DATA_DIR", tempfile.mkdtemp(prefix="crimeplan-tests-"))

from crimeplan.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (WhiteNoise warns when it is missing)
# The database cache as in production (its rows go with each test's transaction); rate limits count in
# memory, cleared before each test.
CACHES = {
    "default": CACHES["default"],  # noqa: F405
    "ratelimit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ratelimit"},
}
TWO_FACTOR_REQUIRED = False  # the two-factor tests turn it on, as production has it
# Tests run offline: no base map tiles unless a test asks for them (the maps draw named outlines instead).
MAP_TILES = os.environ.get("CRIMEPLAN_TEST_MAP_TILES", "")
