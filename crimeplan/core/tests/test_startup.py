"""Start-up stays cheap: loading settings and URLs imports none of the heavy analysis libraries."""

import json
import os
import subprocess
import sys

from django.conf import settings

HEAVY = ("sklearn", "scipy", "esda", "polars", "weasyprint")

PROBE = """
import json, sys
import django
django.setup()
import crimeplan.urls
from django.urls import get_resolver
get_resolver().url_patterns  # every app's URL module, views and API routers
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def test_loading_the_urls_imports_no_heavy_library():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "crimeplan.settings", "CRIMEPLAN_DEBUG": "1"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, check=True
    )
    loaded = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert "crimeplan" in loaded and "django" in loaded  # the probe did load the project
    assert sorted(loaded & set(HEAVY)) == []


def test_the_lazy_stand_in_imports_on_first_use():
    probe = (
        "import sys; from crimeplan.analytics.lazy import lazy_module\n"
        "fractions = lazy_module('fractions'); before = 'fractions' in sys.modules\n"
        "print(before, fractions.Fraction(1, 2) * 2, 'fractions' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=settings.BASE_DIR)
    assert done.stdout.split() == ["False", "1", "True"], done.stderr


#: What a data command needs beyond Django is its own business: setting up Django (settings, every
#: app's models and ``ready()``, such as the plan-measure providers) loads no analysis library at all.
ANALYSIS = (*HEAVY, "numpy", "duckdb", "pyarrow", "shapely", "pandas")

SETUP_PROBE = """
import json, sys
import django
django.setup()
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def test_setting_up_django_imports_no_analysis_library():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "crimeplan.settings", "CRIMEPLAN_DEBUG": "1"}
    done = subprocess.run(
        [sys.executable, "-c", SETUP_PROBE], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, check=True
    )
    loaded = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert "crimeplan" in loaded and "django" in loaded
    assert sorted(loaded & set(ANALYSIS)) == []


CLI_PROBE = """
import gc
from crimeplan.cli import main
main(["crimeplan", "check"])
print(gc.isenabled(), gc.get_freeze_count() > 0)
"""


def test_the_command_loads_the_apps_with_the_collector_paused_and_then_on():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "crimeplan.settings", "CRIMEPLAN_DEBUG": "1"}
    done = subprocess.run(
        [sys.executable, "-c", CLI_PROBE], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, check=True
    )
    assert "no issues" in done.stdout
    assert done.stdout.split()[-2:] == ["True", "True"], done.stderr
