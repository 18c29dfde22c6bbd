from django.apps import AppConfig


class SamplingConfig(AppConfig):
    name = "bridewell.sampling"
    label = "sampling"
    verbose_name = "Dip sampling"
