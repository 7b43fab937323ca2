"""No request ends in a 500: every URL pattern of ours, walked with hostile values.

The walk reads the URL configuration itself (public pages, accounts, allauth, the API, our
admin views) and the guidance page's routes, so a route added later is covered without
touching this file. Each path parameter and a set of query and form parameters get
Unicode digits, huge and negative numbers, empty strings, NUL and a 10 kB string."""

import re
from urllib.parse import quote

import pytest
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver

from consultation.guidance.models import GuidancePage
from tests.consultation.comment_helpers import make_comment
from tests.factories import ParticipantFactory

HOSTILE = ["²", "٣", "9" * 26, "2147483648", "-1", "", "\x00", "x" * 10_000]
# Signed out, most routes send people to sign in whatever they carry: fewer values suffice.
HOSTILE_SIGNED_OUT = ["²", "9" * 26, "\x00", "x" * 10_000]

# Every name a view of ours reads from a query string or a form, plus allauth's.
PARAMETERS = [
    "page", "p", "version", "document", "show", "from", "to", "include_hidden", "next",
    "reply_to", "text", "choice", "reason", "note", "action", "form", "outcome",
    "rationale", "clause_ids", "clause", "q", "perspective", "status", "display_name",
    "consent", "comments", "confirm", "email", "login", "password", "password1",
    "password2", "limit", "offset", "key",
    # issue 18: removal rule, safeguarding record, perspectives, reading and pause forms
    "rule", "safeguarding_action", "safeguarding_note", "perspectives", "other_perspective",
    "content_notes", "pause-days", "days", "notify_replies", "notify_new_versions",
    "notify_responses",
]  # fmt: skip

# Wagtail's own admin is Wagtail's to test; ours (registered by our hooks) is walked.
OURS = ("consultation", "home", "coproduce_site")
SKIPPED = {"^media/(?P<path>.*)$"}  # served only with DEBUG
PLACEHOLDER = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


def _patterns(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def routes(guidance_url: str) -> list[str]:
    """Every route as a template, `{name}` where a parameter goes, and the guidance
    page's own sub-routes under a real page."""
    found = []
    for route, callback in _patterns(get_resolver().url_patterns):
        module = getattr(callback, "__module__", "") or ""
        if route in SKIPPED or route.startswith("admin/") and not module.startswith(OURS):
            continue
        if module.startswith("wagtail") and "(?:" in route:
            continue  # Wagtail's page server: reached through the guidance page below
        found.append(route)
    found += [guidance_url.lstrip("/") + str(p.pattern) for p in GuidancePage.get_subpage_urls()]
    return [
        "/"
        + PLACEHOLDER.sub(lambda m: "{%s}" % (m[1] or m[2]), r).replace("^", "").replace("$", "")
        for r in found
    ]


def fill(template: str, value: str, known: dict) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: quote(known.get(m[1], value), safe=""), template)


@pytest.fixture
def world(guidance, django_user_model, settings):
    settings.RATELIMIT_ENABLE = False  # the walk posts far more often than any limit allows
    settings.ACCOUNT_RATE_LIMITS = False
    staff = ParticipantFactory(display_name="Staff member")
    staff.user.is_superuser = staff.user.is_staff = True
    staff.user.save()
    staff.user.groups.add(Group.objects.get(name="Moderators"))
    comment = make_comment(guidance, ParticipantFactory(), clause=guidance.clauses[0])
    known = {
        "comment_id": str(comment.pk),
        "page_id": str(guidance.pk),
        "guidance_id": str(guidance.pk),
        "short_id": guidance.clauses[0].short_id,
        "number": "1",
        "older": "1",
        "newer": "1",
    }
    return guidance, staff.user, known


def assert_no_500(client, template, known, values):
    for value in values:
        data = dict.fromkeys(PARAMETERS, value)
        for url in {fill(template, value, {}), fill(template, value, known)}:
            for method in (client.get, client.post):
                response = method(url, data)
                assert response.status_code < 500, (method.__name__, url[:200], repr(value[:20]))


def test_the_walk_covers_every_kind_of_route(world):
    guidance, _, _ = world
    walked = routes(guidance.url)
    for expected in (
        "/accounts/follow/{page_id}/",
        "/admin/feedback/respond/{comment_id}/",
        "/api/v1/guidance/{guidance_id}/versions/{number}/results/",
        f"{guidance.url}comments/{{comment_id}}/reply/",
        "/accounts/signup/",
        "/feeds/versions/",
        # Added by later issues (14, 18): found by the walk, not listed in it.
        "/search/",
        "/support/",
        "/accounts/contributions/",
        "/accounts/comments/withdraw-all/",
        "/admin/comment-review/{comment_id}/",
        f"{guidance.url}comments/{{comment_id}}/flagged/",
        f"{guidance.url}compare/{{older}}/{{newer}}/",
        f"{guidance.url}results/",
    ):
        assert expected in walked
    assert not any(route.startswith("/admin/pages/") for route in walked)


def test_no_route_answers_500_to_hostile_values_signed_out(client, world):
    guidance, _, known = world
    for template in routes(guidance.url):
        assert_no_500(client, template, known, HOSTILE_SIGNED_OUT)


def test_no_route_answers_500_to_hostile_values_as_staff_participant(client, world):
    guidance, staff, known = world
    for template in routes(guidance.url):
        client.force_login(staff)  # some routes (deletion, log-out) end the session
        assert_no_500(client, template, known, HOSTILE)


# The walk above posts a hostile value as `form` and `action` too, so the forms those
# select never see it. Each named form here gets the corpus in every field, and again with
# its choices valid so the typed fields reach the database.
NAMED_FORMS = [
    # (url, selector, field prefix, {field: valid choice or None for typed text})
    ("/accounts/profile/", {"form": "profile"}, "profile-",
     {"display_name": None, "perspectives": "other", "other_perspective": None}),
    ("/accounts/profile/", {"form": "notifications"}, "notifications-",
     {"notify_replies": "daily", "notify_new_versions": None, "notify_responses": None}),
    ("/accounts/profile/", {"form": "reading"}, "reading-", {"content_notes": None}),
    ("/accounts/profile/", {"form": "pause"}, "pause-", {"days": None}),
    ("/accounts/profile/", {"form": "resume"}, "", {}),
    ("/admin/comment-review/{comment_id}/", {"action": "safeguarding"}, "",
     {"safeguarding_action": None, "safeguarding_note": None}),
    ("/admin/comment-review/{comment_id}/", {"action": "remove"}, "",
     {"rule": None, "reason": None}),
    ("{guidance}comments/{comment_id}/flag/", {}, "", {"reason": "safeguarding", "note": None}),
    ("/accounts/comments/withdraw-all/", {}, "", {"confirm": None}),
]  # fmt: skip


def test_no_named_form_answers_500_to_hostile_values(client, world):
    guidance, staff, known = world
    for template, selector, prefix, fields in NAMED_FORMS:
        url = template.format(guidance=guidance.url, comment_id=known["comment_id"])
        for value in HOSTILE:
            everything = {prefix + name: value for name in fields}
            typed = {prefix + name: choice or value for name, choice in fields.items()}
            for data in (everything, typed):
                client.force_login(staff)
                response = client.post(url, {**selector, **data})
                assert response.status_code < 500, (url, selector, repr(value[:20]))
