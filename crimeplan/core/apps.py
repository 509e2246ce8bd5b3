from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _create_cache_table(app_config: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """``migrate`` also creates the database cache's table (``createcachetable`` does nothing if it exists).

    ``post_migrate`` is sent once per app with models; the table is made once, after ``contenttypes``.
    """
    if app_config.label != "contenttypes":
        return
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "crimeplan.core"
    label = "core"
    verbose_name = "crimeplan core"

    def ready(self) -> None:
        post_migrate.connect(_create_cache_table, dispatch_uid="crimeplan.core.createcachetable")
