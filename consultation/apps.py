from django.apps import AppConfig


class ConsultationConfig(AppConfig):
    name = "consultation"
    verbose_name = "Consultation"
    default_auto_field = "django.db.models.BigAutoField"
