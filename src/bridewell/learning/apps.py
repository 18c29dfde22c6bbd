from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "bridewell.learning"
    label = "learning"
    verbose_name = "Incidents and recommendations"
