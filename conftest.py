"""Registers crimeplan's pytest fixtures for every test folder."""

pytest_plugins = ["crimeplan.analytics.tests.fixtures", "crimeplan.core.testing"]
