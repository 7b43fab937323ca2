import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

EDITOR_USERNAME = "editor"
EDITOR_EMAIL = "editor@demo.coproduce.invalid"


class Command(BaseCommand):
    help = "Make sure the demo editor account exists; print its password when it is created."

    def handle(self, *args, **options):
        User = get_user_model()
        if User.objects.filter(username=EDITOR_USERNAME).exists():
            self.stdout.write(
                f"Demo editor: log in at /admin/ as '{EDITOR_USERNAME}' with the password "
                "printed when it was first created "
                f"(forgotten? run: manage.py changepassword {EDITOR_USERNAME})."
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(
            username=EDITOR_USERNAME, email=EDITOR_EMAIL, password=password
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo editor created: log in at /admin/ as '{EDITOR_USERNAME}' "
                f"with password '{password}'. It is shown only this once."
            )
        )
