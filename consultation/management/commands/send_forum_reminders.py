from django.core.management.base import BaseCommand

from consultation.forum.tasks import reminders_send


class Command(BaseCommand):
    help = (
        "Email a reminder to everyone registered for a forum session starting within the "
        "next day and a half (once each). Schedule it once a day, like send_digests."
    )

    def handle(self, *args, **options):
        sent = reminders_send()
        self.stdout.write(f"Queued {sent} forum reminder(s).")
