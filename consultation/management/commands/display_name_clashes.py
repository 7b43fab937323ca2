from collections import defaultdict

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

from consultation.accounts.models import Participant, validate_display_name
from consultation.accounts.names import display_name_skeletons


class Command(BaseCommand):
    help = (
        "List display names that look the same as another (Unicode TR39 skeletons) or break "
        "today's rules (invisible characters, look-alike letters from mixed alphabets, posing "
        "as a former participant). Changes nothing: a moderator asks the people to rename."
    )

    def handle(self, *args, **options):
        groups = (defaultdict(list), defaultdict(list))
        broken = []
        for pk, name in Participant.objects.order_by("pk").values_list("pk", "display_name"):
            for index, skeleton in enumerate(display_name_skeletons(name)):
                groups[index][skeleton].append((pk, name))
            try:
                validate_display_name(name)
            except ValidationError as error:
                broken.append((pk, name, error.messages[0]))

        clashes = {
            tuple(members) for group in groups for members in group.values() if len(members) > 1
        }
        for members in sorted(clashes):
            names = ", ".join(f"{name!r} (participant {pk})" for pk, name in members)
            self.stdout.write(f"Look the same: {names}")
        for pk, name, reason in broken:
            self.stdout.write(f"Against the rules: {name!r} (participant {pk}): {reason}")
        total = len(clashes) + len(broken)
        self.stdout.write(f"{total} problem{'s' if total != 1 else ''} found.")
