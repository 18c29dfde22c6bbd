from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "bridewell.insights"
    label = "insights"
    verbose_name = "Insights and scrutiny"
