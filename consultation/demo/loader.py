"""Builds the demo site. Idempotent: running it twice leaves the same content."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText
from wagtail.search import index

from consultation.accounts.models import Participant
from consultation.demo import content
from consultation.demo import suggestions as demo_suggestions
from consultation.demo import versions as demo_versions
from consultation.demo.accounts import ensure_site_pages
from consultation.demo.comments import load_demo_comments
from consultation.demo.content import DEMO_EMAIL_DOMAIN
from consultation.demo.feedback import load_demo_feedback
from consultation.demo.forum import load_demo_forum
from consultation.demo.votes import load_demo_votes
from consultation.discussion.models import GuidanceComment
from consultation.guidance.models import GuidanceIndexPage, GuidancePage
from consultation.site_url import site_match_base_url
from home.models import HomePage

HOME_INTRO = (
    "<p>Coproduce is where national guidance on peer support in mental health is written "
    "in the open, with the people it affects. Read a draft, say what you think of each "
    "clause, and see what changed because of it.</p>"
)
INDEX_INTRO = "<p>Every guidance document, with its consultation dates and status.</p>"


def clause_stream(clauses):
    return [
        (
            "clause",
            {
                "heading": heading,
                "content_note": content.CONTENT_NOTES.get(_key, ""),
                "body": RichText(body),
                "proposition": proposition,
                "plain_summary": summary,
            },
        )
        for _key, heading, body, proposition, summary in clauses
    ]


def demo_pages():
    slugs = [content.MAIN_SLUG] + [doc["slug"] for doc in content.OTHER_DOCUMENTS]
    return GuidancePage.objects.filter(slug__in=slugs)


def demo_users():
    return get_user_model().objects.filter(email__endswith=f"@{DEMO_EMAIL_DOMAIN}")


@transaction.atomic
def reset_demo():
    for page in demo_pages():
        page.delete()
    demo_users().delete()


@transaction.atomic
def load_demo(*, now=None) -> bool:
    """Create the demo content if it is missing. Returns False when it was already there."""
    now = now or timezone.now()
    if demo_pages().exists():
        ensure_site_pages(HomePage.objects.first())
        return False

    home = home_page()
    ensure_site_pages(home)
    index = guidance_index(home)
    main = publish_guidance(
        index,
        slug=content.MAIN_SLUG,
        title=content.MAIN_TITLE,
        summary=content.MAIN_SUMMARY,
        opens_at=now - timedelta(days=24),
        closes_at=now + timedelta(days=16),
        clauses=content.MAIN_CLAUSES,
    )
    # Participants first: one suggests wording that version 3 takes up.
    create_participants()
    demo_versions.publish_history(main, now=now, before_version_3=demo_suggestions.before_version_3)
    for document in content.OTHER_DOCUMENTS:
        opens_in, closes_in = document["window_days"]
        publish_guidance(
            index,
            slug=document["slug"],
            title=document["title"],
            summary=document["summary"],
            opens_at=now + timedelta(days=opens_in),
            closes_at=now + timedelta(days=closes_in),
            is_concluded=document["is_concluded"],
            clauses=document["clauses"],
        )
    load_demo_comments(GuidancePage.objects.get(slug=content.MAIN_SLUG))
    load_demo_feedback(GuidancePage.objects.get(slug=content.MAIN_SLUG))
    load_demo_votes()
    demo_suggestions.load_demo_suggestions(GuidancePage.objects.get(slug=content.MAIN_SLUG))
    load_demo_forum(GuidancePage.objects.get(slug=content.MAIN_SLUG), now=now)
    index_for_search()
    return True


def index_for_search() -> None:
    """Index the demo's comments now: saving them queues their indexing as a task, which
    waits for a worker in production settings; the demo should be searchable at once."""
    for comment in GuidanceComment.objects.filter(page__slug=content.MAIN_SLUG):
        index.insert_or_update_object(comment)


def home_page() -> HomePage:
    """The site's HomePage; rebuilt, with the tree root, if the database was flushed."""
    home = HomePage.objects.first()
    if home is None:
        if not Locale.objects.exists():
            language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
            Locale.objects.create(language_code=language)
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
        home = root.add_child(instance=HomePage(title="Coproduce", slug="home"))
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
        )
    # Links in emails, feeds and the API use the Site's address: the configured one.
    site_match_base_url()
    home.intro = HOME_INTRO
    home.save_revision().publish()
    return home


def guidance_index(home) -> GuidanceIndexPage:
    index = GuidanceIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=GuidanceIndexPage(title="Guidance", slug="guidance", intro=INDEX_INTRO)
        )
        index.save_revision().publish()
    return index


def publish_guidance(index, *, slug, title, summary, opens_at, closes_at, clauses, **extra):
    page = index.add_child(
        instance=GuidancePage(
            title=title,
            slug=slug,
            summary=summary,
            opens_at=opens_at,
            closes_at=closes_at,
            body=clause_stream(clauses),
            **extra,
        )
    )
    page.save_revision().publish()
    return page


def create_participants():
    User = get_user_model()
    for username, display_name, perspective in content.DEMO_PARTICIPANTS:
        user = User.objects.create_user(
            username=username, email=f"{username}@{DEMO_EMAIL_DOMAIN}", password=None
        )
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
        Participant.objects.create(
            user=user,
            display_name=display_name,
            perspectives="" if perspective == "prefer_not_to_say" else perspective,
        )
