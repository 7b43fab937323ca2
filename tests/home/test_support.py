"""Issue 18: crisis contacts where they matter, the house rules page and its links."""

import json

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text

from consultation.discussion.models import HouseRule
from home.models import SiteLinks, StandardPage, SupportSettings
from tests.consultation.comment_helpers import discussion_path, make_comment
from tests.factories import ParticipantFactory

CONTACT = "Call the Example Line on 0800 000 0000"


@pytest.fixture
def contacts(home):
    support = SupportSettings.for_site(home.get_site())
    support.crisis_contacts = f"<ul><li>{CONTACT}.</li></ul>"
    support.save()
    return support


def test_the_migration_made_a_live_house_rules_page_in_a_sound_tree(home):
    rules = SiteLinks.for_site(home.get_site()).house_rules.specific

    assert isinstance(rules, StandardPage) and rules.live
    assert rules.get_parent().specific == home
    assert rules.url == "/house-rules/"
    for label in HouseRule.labels:
        assert label in rules.body
    assert Page.find_problems() == ([], [], [], [], [])


def test_the_house_rules_page_and_support_page_are_served(client, contacts):
    assert "Be kind" in client.get("/house-rules/").content.decode()
    html = client.get("/support/").content.decode()
    assert CONTACT in html
    assert 'href="/house-rules/"' in html


def test_footer_offers_help_and_the_house_rules_on_every_page(client, guidance):
    for path in ["/", guidance.url, "/accounts/login/"]:
        html = client.get(path).content.decode()
        assert '<a href="/support/">Need help now?</a>' in html, path
        assert '<a href="/house-rules/">House rules</a>' in html, path


def test_contacts_sit_beside_the_comment_and_reply_forms_with_the_house_rules(
    client, guidance, contacts
):
    comment = make_comment(guidance, ParticipantFactory())
    client.force_login(ParticipantFactory().user)

    for path in [
        discussion_path(guidance),
        discussion_path(guidance, guidance.clauses[0]),
        guidance.url + f"comments/{comment.pk}/reply/",
        guidance.url + f"comments/{comment.pk}/flag/",
    ]:
        html = client.get(path).content.decode()
        assert CONTACT in html, path
        assert 'read our <a href="/house-rules/">house rules</a>' in html, path
    assert "Worried about yourself?" in client.get(discussion_path(guidance)).content.decode()


def test_contacts_follow_a_flag_and_a_sign_up(client, guidance, contacts):
    comment = make_comment(guidance, ParticipantFactory())
    flagger = ParticipantFactory()
    client.force_login(flagger.user)

    response = client.post(
        guidance.url + f"comments/{comment.pk}/flag/", {"reason": "abusive"}, follow=True
    )

    assert "Thank you for telling us" in response.content.decode()
    assert CONTACT in response.content.decode()
    client.logout()
    signed_up = client.post(
        "/accounts/signup/",
        {
            "email": "new@example.org",
            "display_name": "New Person",
            "password1": "lantern meadow copper 42",
            "password2": "lantern meadow copper 42",
            "consent": "on",
        },
        follow=True,
    )
    assert "Check your email" in signed_up.content.decode()
    assert CONTACT in signed_up.content.decode()


def test_no_contacts_means_no_empty_box(client, guidance):
    html = client.get("/support/").content.decode()

    assert 'class="crisis"' not in html


def test_footer_follows_the_house_rules_setting(client, guidance):
    assert "House rules</a>" in client.get(guidance.url).content.decode()
    links = SiteLinks.for_site(guidance.get_site())
    links.house_rules = None
    links.save()

    assert "House rules</a>" not in client.get(guidance.url).content.decode()


def test_removal_email_carries_the_crisis_contacts(
    client, guidance, contacts, django_capture_on_commit_callbacks, mailoutbox
):
    from consultation.discussion.moderation import comment_remove
    from tests.factories import UserFactory

    comment = make_comment(guidance, ParticipantFactory())
    with django_capture_on_commit_callbacks(execute=True):
        comment_remove(comment=comment, moderator=UserFactory(), rule="on_topic")

    body = mailoutbox[-1].body
    assert "Stay on the guidance" in body
    assert f"Need help now? {contacts.crisis_intro}\n{CONTACT}." in body


def test_support_settings_are_cleaned_of_characters_pages_cannot_carry(admin_client, home):
    site = home.get_site()
    contacts = {
        "blocks": [
            {
                "key": "a1b2c",
                "text": "Example\u000bLine\u0000",
                "type": "unstyled",
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [],
            }
        ],
        "entityMap": {},
    }
    response = admin_client.post(
        f"/admin/settings/home/supportsettings/{site.pk}/",
        {
            "crisis_intro": "Talk to\x0bsomeone\x00 now.",
            "crisis_contacts": json.dumps(contacts),
            "safeguarding_guidance": json.dumps({"blocks": [], "entityMap": {}}),
        },
    )

    assert response.status_code == 302
    support = SupportSettings.for_site(site)
    assert support.crisis_intro == "Talk to\nsomeone now."
    assert "\x0b" not in support.crisis_contacts and "\x00" not in support.crisis_contacts
    assert "Example" in support.crisis_contacts


def test_the_sites_own_pages_are_cleaned_of_characters_pages_cannot_carry(admin_client, home):
    rules = SiteLinks.for_site(home.get_site()).house_rules.specific
    data = nested_form_data(
        {
            "title": "House\x0brules",
            "slug": rules.slug,
            "intro": "Be\x0bkind\x00.",
            "body": rich_text("<p>Rule\x0b one</p>"),
            "last_reviewed": "",
            "action-publish": "publish",
        }
    )

    response = admin_client.post(f"/admin/pages/{rules.pk}/edit/", data)

    assert response.status_code == 302, response.context["form"].errors
    rules = StandardPage.objects.get(pk=rules.pk)
    assert (rules.title, rules.intro) == ("House\nrules", "Be\nkind.")
    assert "\x0b" not in rules.body and "Rule" in rules.body


def test_contacts_stay_beside_words_handed_back_unposted(client, guidance, contacts, settings):
    """A refused comment (round closed, too many at once, a stale form) is shown back to its
    writer instead of the form: the contacts stay beside it."""
    from datetime import timedelta

    from django.test import Client
    from django.utils import timezone

    participant = ParticipantFactory()
    client.force_login(participant.user)
    settings.COPRODUCE_COMMENT_RATE_PER_MINUTE = "1/m"
    client.post(discussion_path(guidance), {"text": "The first of two."})
    limited = client.post(discussion_path(guidance), {"text": "The second of two."})
    assert limited.status_code == 429
    assert CONTACT in limited.content.decode()

    guidance.closes_at = timezone.now() - timedelta(hours=1)
    guidance.save()
    closed = client.post(discussion_path(guidance), {"text": "I am struggling today."})
    assert closed.status_code == 403
    assert "I am struggling today." in closed.content.decode()
    assert CONTACT in closed.content.decode()

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(participant.user)
    stale = strict.post(
        discussion_path(guidance), {"text": "Long thoughts.", "csrfmiddlewaretoken": "x" * 32}
    )
    assert stale.status_code == 403
    assert "Long thoughts." in stale.content.decode()
    assert CONTACT in stale.content.decode()
