from django.apps import AppConfig


class ForceConfig(AppConfig):
    name = "bridewell.force"
    label = "force"
    verbose_name = "Use of force"
