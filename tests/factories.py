from datetime import timedelta

import factory
import wagtail_factories
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from consultation.accounts.models import Participant, Perspective
from consultation.guidance.models import GuidanceIndexPage, GuidancePage

# Every UserFactory user signs in with this password.
PASSWORD = "a long enough password"


def clause_stream(count, *, with_proposition=True):
    return [
        (
            "clause",
            {
                "heading": f"Clause heading {n}",
                "body": RichText(f"<p>Body of clause {n}.</p>"),
                "proposition": f"Proposition {n}" if with_proposition else "",
                "plain_summary": f"Summary {n}",
            },
        )
        for n in range(1, count + 1)
    ]


class GuidanceIndexPageFactory(wagtail_factories.PageFactory):
    title = "Guidance"
    slug = "guidance"

    class Meta:
        model = GuidanceIndexPage


class GuidancePageFactory(wagtail_factories.PageFactory):
    """`GuidancePageFactory(parent=index, clauses=3)`: an open consultation by default."""

    title = factory.Sequence(lambda n: f"Guidance document {n}")
    slug = factory.Sequence(lambda n: f"guidance-document-{n}")
    summary = "What this guidance covers."
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=7))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    body = factory.LazyAttribute(lambda o: clause_stream(o.clauses))

    class Meta:
        model = GuidancePage
        skip_postgeneration_save = True

    class Params:
        clauses = 3

    @factory.post_generation
    def published(page, create, extracted, **kwargs):
        """Publish through a revision, as editors do, so version 1 is recorded."""
        if create and extracted is not False:
            page.save_revision().publish()
            page.refresh_from_db()


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password(PASSWORD)

    class Meta:
        model = get_user_model()


class ParticipantFactory(factory.django.DjangoModelFactory):
    """A participant who may comment and vote: profile plus a verified email address."""

    user = factory.SubFactory(UserFactory)
    display_name = factory.Sequence(lambda n: f"Participant {n}")
    perspectives = Perspective.PEER_WORKER

    class Meta:
        model = Participant
        skip_postgeneration_save = True

    @factory.post_generation
    def verified(participant, create, extracted, **kwargs):
        """`ParticipantFactory(verified=False)` for an unconfirmed email address."""
        if create:
            EmailAddress.objects.create(
                user=participant.user,
                email=participant.user.email,
                primary=True,
                verified=extracted is not False,
            )


def admin_clause_stream(content_note=""):
    """A one-clause body as the Wagtail admin's page form posts it."""
    clause = {
        "heading": "A clause",
        "content_note": content_note,
        "body": rich_text("<p>Text</p>"),
        "proposition": "",
        "plain_summary": "",
    }
    return streamfield([("clause", clause)])


def admin_edit_form(page, *, clause_changes=None, publish=True, **overrides):
    """The Wagtail admin's edit form for `page`, posted as an editor's browser sends it:
    every clause keeps its block id, and rich text goes through the editor's own format
    (so Wagtail adds its `data-block-key` attributes on save). `clause_changes` maps a
    clause's position (from 0) to the fields to change."""
    clause_changes = clause_changes or {}
    blocks = {}
    for index, child in enumerate(page.body):
        value = {
            "heading": child.value["heading"],
            "body": child.value["body"].source,
            "proposition": child.value.get("proposition") or "",
            "plain_summary": child.value.get("plain_summary") or "",
            # Issue 18: left out, a save through this form would wipe every content note.
            "content_note": child.value.get("content_note") or "",
        }
        value.update(clause_changes.get(index, {}))
        value["body"] = rich_text(value["body"])
        blocks[str(index)] = {
            "type": "clause",
            "id": str(child.id),
            "value": value,
            "deleted": "",
            "order": str(index),
        }
    blocks["count"] = str(len(page.body))
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "opens_at": timezone.localtime(page.opens_at).strftime("%Y-%m-%d %H:%M"),
        "closes_at": timezone.localtime(page.closes_at).strftime("%Y-%m-%d %H:%M"),
        "is_concluded": "on" if page.is_concluded else "",
        "results_visibility": page.results_visibility,
        "change_summary": "",
        "body": blocks,
    }
    if publish:
        data["action-publish"] = "action-publish"
    data.update(overrides)
    return nested_form_data(data)
