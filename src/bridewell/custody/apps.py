from django.apps import AppConfig


class CustodyConfig(AppConfig):
    name = "bridewell.custody"
    label = "custody"
    verbose_name = "Custody records"
