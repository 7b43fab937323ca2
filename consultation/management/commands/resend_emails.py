from django.core.management.base import BaseCommand

from consultation.notifications.delivery import undelivered_emails_resend


class Command(BaseCommand):
    help = "Send again the notification emails the mail server refused on every attempt."

    def handle(self, *args, **options):
        sent, failing = undelivered_emails_resend()
        self.stdout.write(f"Sent {sent} stored email(s); {failing} still failing.")
