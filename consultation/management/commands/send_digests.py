from django.core.management.base import BaseCommand

from consultation.services.comment_notifications import digests_send


class Command(BaseCommand):
    help = "Email each participant who chose a daily digest the replies saved for it. Run daily."

    def handle(self, *args, **options):
        sent = digests_send()
        self.stdout.write(f"Sent {sent} digest{'s' if sent != 1 else ''}.")
