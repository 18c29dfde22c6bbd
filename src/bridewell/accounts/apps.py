from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "bridewell.accounts"
    label = "accounts"
    verbose_name = "People and permissions"
