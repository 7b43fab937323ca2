import secrets

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from consultation.accounts.models import Follow, Participant, Perspective
from consultation.accounts.roles import (
    EDITORS,
    FACILITATORS,
    MODERATORS,
    facilitators_set_up,
    roles_set_up,
)
from consultation.demo.content import MAIN_SLUG
from consultation.guidance.models import GuidancePage

DEMO_DOMAIN = "demo.coproduce.invalid"
# (username, group, where they sign in, what they do)
ROLES = [
    ("editor", EDITORS, "/admin/", "publishes guidance and edits the site's pages"),
    ("moderator", MODERATORS, "/admin/", "reviews flagged comments"),
    ("facilitator", FACILITATORS, "/admin/", "enters what workshops and paper forms said"),
    ("participant", None, "/accounts/login/", "comments and votes, as 'Demo participant'"),
]


class Command(BaseCommand):
    help = (
        "Make sure the demo editor, moderator, facilitator and participant accounts exist; "
        "print each password once, when the account is created."
    )

    def handle(self, *args, **options):
        roles_set_up()
        facilitators_set_up()
        for username, group, login_url, does in ROLES:
            email = f"{username}@{DEMO_DOMAIN}"
            password = self.ensure(username=username, email=email, group=group)
            sign_in_as = username if login_url == "/admin/" else email
            if password:
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Demo {username} created ({does}): sign in at {login_url} as "
                        f"'{sign_in_as}' with password '{password}'. It is shown only this once."
                    )
                )
            else:
                self.stdout.write(
                    f"Demo {username} ({does}): sign in at {login_url} as '{sign_in_as}' with "
                    "the password printed when it was created "
                    f"(forgotten? run: manage.py changepassword {username})."
                )

    @transaction.atomic
    def ensure(self, *, username, email, group) -> str | None:
        """Create the account if missing and return its new password; else None. Either
        way, put it in its role: editors and moderators are not superusers."""
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        password = None
        if user is None:
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(username=username, email=email, password=password)
        if user.is_superuser or user.is_staff:
            user.is_superuser = user.is_staff = False
            user.save(update_fields=["is_superuser", "is_staff"])
        if group:
            user.groups.add(Group.objects.get(name=group))
        else:
            EmailAddress.objects.update_or_create(
                user=user, email=user.email, defaults={"primary": True, "verified": True}
            )
            participant, _ = Participant.objects.get_or_create(
                user=user,
                defaults={
                    "display_name": "Demo participant",
                    "perspectives": Perspective.PEER_WORKER,
                    "consented_at": timezone.now(),
                },
            )
            # Following the main demo guidance: an editor's next publication emails them.
            main = GuidancePage.objects.filter(slug=MAIN_SLUG).first()
            if main is not None:
                Follow.objects.get_or_create(participant=participant, page=main)
        return password
