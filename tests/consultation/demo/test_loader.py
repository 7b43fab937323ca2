from django.contrib.auth import get_user_model
from django.core.management import call_command

from consultation.accounts.models import Participant
from consultation.demo import content
from consultation.guidance.models import GuidancePage


def counts():
    return (
        GuidancePage.objects.count(),
        Participant.objects.count(),
        get_user_model().objects.count(),
    )


def test_demo_loader_is_idempotent(db):
    call_command("load_demo")
    first = counts()
    call_command("load_demo")

    assert counts() == first
    assert first[0] == 1 + len(content.OTHER_DOCUMENTS)


def test_demo_reset_rebuilds_the_same_content(db):
    call_command("load_demo")
    first = counts()
    call_command("load_demo", reset=True)

    assert counts() == first


def test_demo_guidance_is_open_with_at_least_ten_clauses(client, db):
    call_command("load_demo")

    page = GuidancePage.objects.get(slug=content.MAIN_SLUG)
    response = client.get("/guidance/employing-peer-support-workers/")

    assert page.status() == "open"
    assert len(page.clauses) >= 10
    assert sum(1 for clause in page.clauses if clause.proposition) >= 8
    assert response.status_code == 200
    for clause in page.clauses:
        assert clause.anchor in response.content.decode()


def test_demo_has_a_closed_and_an_upcoming_consultation(db):
    call_command("load_demo")

    statuses = {page.status() for page in GuidancePage.objects.all()}

    assert {"open", "closed", "upcoming"} <= statuses


def test_demo_account_passwords_are_printed_only_when_created(db, capsys):
    call_command("ensure_demo_accounts")
    first = capsys.readouterr().out
    call_command("ensure_demo_accounts")
    second = capsys.readouterr().out

    assert first.count("with password '") == 4
    assert "password '" not in second
    editor = get_user_model().objects.get(username="editor")
    assert not editor.is_superuser
    assert editor.groups.filter(name="Editors").exists()
    assert editor.has_perm("consultation.respond_to_feedback")
    assert editor.has_perm("consultation.export_feedback")


def test_demo_has_discussions_across_versions_with_a_flag_and_a_withdrawal(db):
    from consultation.discussion.models import CommentFlag, GuidanceComment

    call_command("load_demo")
    page = GuidancePage.objects.get(slug=content.MAIN_SLUG)
    comments = GuidanceComment.objects.filter(page=page)

    assert comments.values("clause_id").distinct().count() >= 5
    assert comments.values("version").distinct().count() >= 2
    assert comments.filter(level=2).exists()
    assert comments.filter(is_withdrawn=True).count() == 1
    assert CommentFlag.objects.filter(resolved_at__isnull=True).count() == 1
    assert comments.needing_review().count() == 1


def test_demo_participant_follows_the_main_guidance_and_the_demo_is_searchable(db, client):
    from consultation.accounts.models import Follow

    call_command("load_demo")
    call_command("ensure_demo_accounts")

    page = GuidancePage.objects.get(slug=content.MAIN_SLUG)
    assert Follow.objects.filter(page=page, participant__display_name="Demo participant").exists()
    html = client.get("/search/", {"q": "supervision"}).content.decode()
    assert "search-result--clause" in html
    assert "search-result--comment" in html


def test_demo_shows_issue_18_features(db):
    """Crisis contacts (marked for editors to check), the house rules, a content note and a
    voter holding two perspectives."""
    from consultation.demo.loader import load_demo
    from consultation.guidance.models import GuidancePage
    from home.models import SiteLinks, SupportSettings

    load_demo()

    site = GuidancePage.objects.live().first().get_site()
    support = SupportSettings.for_site(site)
    assert "Samaritans" in support.crisis_contacts and not support.contacts_checked
    assert support.safeguarding_guidance
    assert SiteLinks.for_site(site).house_rules.live
    assert any(c.content_note for p in GuidancePage.objects.live() for c in p.clauses)
    from consultation.accounts.models import Participant

    assert Participant.objects.filter(perspectives__contains=",").exists()


def test_demo_shows_the_forum_and_facilitated_input(db, client):
    from consultation.demo import content
    from consultation.discussion.models import GuidanceComment
    from consultation.facilitation.models import FacilitatedSource, FacilitatedTally
    from consultation.forum.models import ForumRegistration
    from consultation.forum.outcomes import discussed_items
    from consultation.forum.pages import ForumSessionPage
    from consultation.guidance.models import GuidancePage

    call_command("load_demo")
    main = GuidancePage.objects.get(slug=content.MAIN_SLUG)

    sessions = ForumSessionPage.objects.child_of(main).live().order_by("starts_at")
    past, upcoming = sessions
    assert past.is_past() and not upcoming.is_past()
    assert len({d.clause_id for d in discussed_items(main)}) == 2
    assert ForumRegistration.objects.filter(session=upcoming).count() >= 2
    assert upcoming.agenda_items.exists()
    assert FacilitatedSource.objects.on_page(main).count() == 2
    assert (
        FacilitatedTally.objects.filter(source__page=main).values("source").distinct().count() == 1
    )
    assert GuidanceComment.objects.filter(source__page=main).count() == 4
    page = client.get(main.url).content.decode()
    assert "Discussed at the forum on" in page
    assert "Forum: what still divides us" in page

    call_command("load_demo", reset=True)
    assert FacilitatedSource.objects.count() == 2
