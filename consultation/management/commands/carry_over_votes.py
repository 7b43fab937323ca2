from django.core.management.base import BaseCommand
from django.db import transaction

from consultation.versions.models import GuidanceVersion
from consultation.voting.services import votes_carry_over


class Command(BaseCommand):
    help = (
        "Repair versions published while the change check compared raw HTML: count the "
        "votes on every clause that readers saw unchanged in the next version too. Safe to "
        "run again: answers already given or carried are left alone."
    )

    def handle(self, *args, **options):
        total = 0
        versions = GuidanceVersion.objects.order_by("page_id", "number")
        previous = None
        for version in versions:
            if previous is not None and previous.page_id == version.page_id:
                # Version by version, so a vote carried into one version travels on.
                with transaction.atomic():
                    total += votes_carry_over(previous=previous, version=version)
            previous = version
        self.stdout.write(f"Carried {total} vote(s) over to versions with unchanged clauses.")
