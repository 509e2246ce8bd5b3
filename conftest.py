"""Registers crimeplan's pytest fixtures for every test folder, and the one Hypothesis profile.

The profile: no per-example deadline (a shared machine's timing is not a test), examples kept
small enough for ``make test-fast``, function-scoped fixtures allowed (they are set up once per test,
which property tests here rely on only for read-only data), and failing examples printed.
Set ``HYPOTHESIS_PROFILE=thorough`` for more examples.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "crimeplan",
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    print_blob=True,
)
settings.register_profile("thorough", settings.get_profile("crimeplan"), max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "crimeplan"))

pytest_plugins = ["crimeplan.analytics.tests.fixtures", "crimeplan.core.testing"]
