from django.core.management.base import BaseCommand

from consultation.discussion.notifications import digests_send
from consultation.feedback.services import response_digests_send
from consultation.versions.notifications import version_digests_send


class Command(BaseCommand):
    help = "Email each participant who chose a daily digest the replies saved for it. Run daily."

    def handle(self, *args, **options):
        sent = digests_send()
        self.stdout.write(f"Sent {sent} digest{'s' if sent != 1 else ''}.")
        responses = response_digests_send()
        self.stdout.write(f"Sent {responses} response digest{'s' if responses != 1 else ''}.")
        versions = version_digests_send()
        self.stdout.write(f"Sent {versions} new-version digest{'s' if versions != 1 else ''}.")
