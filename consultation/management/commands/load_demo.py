from django.core.management.base import BaseCommand

from consultation.demo.loader import load_demo, reset_demo


class Command(BaseCommand):
    help = "Load the demo consultation. Safe to run again; --reset rebuilds it from scratch."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Delete the demo content first, then reload it."
        )

    def handle(self, *args, reset=False, **options):
        if reset:
            reset_demo()
        if load_demo():
            self.stdout.write(self.style.SUCCESS("Demo content loaded."))
        else:
            self.stdout.write("Demo content is already loaded (use --reset to rebuild it).")
