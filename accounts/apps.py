from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Participant accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts.data import register_data_sections

        register_data_sections()
