from django.apps import AppConfig


class ConsultationConfig(AppConfig):
    name = "consultation"
    verbose_name = "Consultation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from consultation.signal_handlers import register_signal_handlers

        register_signal_handlers()
