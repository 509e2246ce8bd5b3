from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "crimeplan.accounts"
    label = "accounts"
    verbose_name = "Accounts and organisations"

    def ready(self) -> None:
        from crimeplan.accounts.roles import sync_after_migrate

        post_migrate.connect(sync_after_migrate, dispatch_uid="crimeplan.accounts.roles")
