"""Registers crimeplan's pytest fixtures for every test folder, and the one Hypothesis profile.

The profile: no per-example deadline (a shared machine's timing is not a test), examples kept
small enough for ``make test-fast``, function-scoped fixtures allowed (they are set up once per test,
which property tests here rely on only for read-only data), and failing examples printed.
Set ``HYPOTHESIS_PROFILE=thorough`` for more examples.
"""

import gc
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


def pytest_collection_finish(session: object) -> None:
    """Freeze what start-up and collection made (modules, models, test items) out of the garbage collector.

    They live for the whole run; without this every full collection walks them again (as
    ``crimeplan.cli`` does for a command). Measured on ``make test-fast`` (2 cores): 148 s before,
    111 s with the freeze, 99 s with the higher threshold below too.
    """
    gc.collect()
    gc.freeze()
    # a test run makes far more short-lived objects than a request does: collect the young less often
    gc.set_threshold(10_000, 20, 20)
