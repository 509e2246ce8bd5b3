from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "crimeplan.accounts"
    label = "accounts"
    verbose_name = "Accounts and organisations"
