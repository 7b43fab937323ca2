from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from consultation.discussion.models import GuidanceComment
from consultation.facilitation.models import FacilitatedSource, FacilitatedTally, SourceKind
from consultation.facilitation.services import (
    FacilitationRefused,
    facilitated_comment_post,
    source_record,
)
from consultation.voting.models import Choice
from consultation.voting.services import vote_cast
from tests.factories import ParticipantFactory, UserFactory


def source_data(**overrides):
    data = {
        "name": "Peer workers' network, Leeds workshop",
        "kind": SourceKind.WORKSHOP,
        "held_on": "2027-01-12",
        "people": "12",
        "perspective_peer_worker": "9",
        "perspective_lived_experience": "7",
        "consent_confirmed": "on",
    }
    data.update(overrides)
    return data


def a_source(guidance, facilitator, **overrides):
    fields = {
        "name": "Leeds workshop",
        "kind": SourceKind.WORKSHOP,
        "held_on": date(2027, 1, 12),
        "people": 12,
        "perspective_counts": {},
        "consent_confirmed": True,
    }
    fields.update(overrides)
    return source_record(user=facilitator, page=guidance, **fields)


def test_the_facilitators_group_holds_the_named_permission(facilitator):
    assert facilitator.has_perm("consultation.enter_facilitated_input")
    assert not facilitator.has_perm("consultation.moderate_comments")
    assert not facilitator.has_perm("consultation.respond_to_feedback")


def test_participants_and_moderators_cannot_enter_facilitated_input(client, guidance, facilitator):
    source = a_source(guidance, facilitator)
    moderator = UserFactory()
    moderator.groups.add(Group.objects.get(name="Moderators"))
    routes = [
        reverse("consultation_facilitation_index"),
        reverse("consultation_facilitation_sources", args=[guidance.pk]),
        reverse("consultation_facilitation_entry", args=[source.pk]),
    ]
    for user in (moderator, ParticipantFactory().user):
        client.force_login(user)
        for url in routes:
            assert client.get(url).status_code in (302, 403), url
            response = client.post(url, source_data())
            assert response.status_code in (302, 403), url
            assert response.status_code == 403 or "/admin/" in response["Location"]
        with pytest.raises(FacilitationRefused):
            facilitated_comment_post(user=user, source=source, clause_id="", text="Sneaky")
    assert FacilitatedSource.objects.count() == 1
    assert not GuidanceComment.objects.filter(source__isnull=False).exists()


def test_a_source_needs_the_groups_consent_and_keeps_what_was_typed(client, guidance, facilitator):
    client.force_login(facilitator)
    url = reverse("consultation_facilitation_sources", args=[guidance.pk])

    response = client.post(url, source_data(consent_confirmed=""))

    assert response.status_code == 400
    assert "agreed to their words being published" in response.content.decode()
    assert "Peer workers&#x27; network, Leeds workshop" in response.content.decode()
    assert not FacilitatedSource.objects.exists()


def test_a_facilitator_enters_comments_and_tallies_for_every_clause_in_one_post(
    client, guidance, facilitator
):
    client.force_login(facilitator)
    response = client.post(
        reverse("consultation_facilitation_sources", args=[guidance.pk]), source_data()
    )
    source = FacilitatedSource.objects.get()
    assert response["Location"] == reverse("consultation_facilitation_entry", args=[source.pk])
    assert source.perspective_counts == {"lived_experience": 7, "peer_worker": 9}
    first, second, _ = guidance.clauses
    entry = reverse("consultation_facilitation_entry", args=[source.pk])
    assert client.get(entry).status_code == 200
    form = {
        f"text_{first.id}": "Supervision must be protected time.",
        f"text_{second.id}": "Training should be paid.",
        **{f"count_{first.id}_{i}": n for i, n in enumerate([3, 5, 2, 1, 1])},
    }

    response = client.post(entry, form)

    assert response.status_code == 302
    comments = GuidanceComment.objects.filter(source=source).order_by("pk")
    assert [c.clause_id for c in comments] == [first.id, second.id]
    assert all(c.participant_id is None and c.user_id is None for c in comments)
    assert comments[0].author_name == "Peer workers' network, Leeds workshop (12 people)"
    tally = FacilitatedTally.objects.get()
    assert tally.counts == [3, 5, 2, 1, 1]
    assert ModelLogEntry.objects.filter(action="wagtail.create").count() == 4


def test_facilitated_comments_show_in_the_discussion_in_the_groups_name(
    client, guidance, facilitator
):
    source = a_source(guidance, facilitator)
    clause = guidance.clauses[0]
    facilitated_comment_post(user=facilitator, source=source, clause_id=clause.id, text="Heard.")

    page = client.get(guidance.url + f"clauses/{clause.short_id}/discussion/").content.decode()

    assert "Leeds workshop (12 people)" in page
    assert "Workshop, 12 January 2027, entered by a facilitator" in page
    assert "mark--facilitated" in page
    assert "Former participant" not in page


def test_tallies_show_beside_the_results_never_inside_them(client, guidance, facilitator):
    guidance.results_visibility = "always"
    guidance.save_revision().publish()
    snapshot = guidance.current_version.clauses.order_by("number").first()
    for _ in range(5):
        vote_cast(
            participant=ParticipantFactory(), clause_snapshot=snapshot, choice=Choice.DISAGREE
        )
    source = a_source(guidance, facilitator, people=34)
    from consultation.facilitation.services import tally_record

    tally_record(user=facilitator, source=source, snapshot=snapshot, counts=[10, 14, 5, 3, 2])

    page = client.get(guidance.url + "results/").content.decode()

    assert "<strong>0% agree</strong> (5 votes" in page
    assert "34 people, 71% agree" in page
    assert "Leeds workshop" in page


def test_tallies_count_in_the_marks_only_when_the_editors_say_so(guidance, facilitator):
    from consultation.facilitation.results import FacilitatedResult, mark_with_facilitated
    from consultation.voting.results import clause_result

    # Peer workers all agree; the facilitated group mostly disagrees.
    result = clause_result(1, 1, {"peer_worker": [10, 0, 0, 0, 0], "carer": [8, 0, 0, 0, 0]})
    assert result.mark == "consensus"
    apart = FacilitatedResult(counts=[1, 1, 0, 8, 10], sources=["x"], in_marks=False)
    counted = FacilitatedResult(counts=[1, 1, 0, 8, 10], sources=["x"], in_marks=True)
    assert mark_with_facilitated(result, apart) == "consensus"
    assert mark_with_facilitated(result, counted) == "contested"


def test_entry_stays_open_for_the_grace_period_after_the_round_closes(
    client, guidance, facilitator
):
    source = a_source(guidance, facilitator)
    guidance.closes_at = timezone.now() - timedelta(days=10)
    guidance.opens_at = timezone.now() - timedelta(days=30)
    guidance.save()
    facilitated_comment_post(user=facilitator, source=source, clause_id="", text="Late paper.")
    client.force_login(facilitator)
    page = client.get(reverse("consultation_facilitation_sources", args=[guidance.pk]))
    assert "up to 14 days after its round closes" in page.content.decode()

    guidance.closes_at = timezone.now() - timedelta(days=15)
    guidance.save()
    with pytest.raises(FacilitationRefused):
        facilitated_comment_post(user=facilitator, source=source, clause_id="", text="Too late.")
    page = client.get(reverse("consultation_facilitation_sources", args=[guidance.pk]))
    assert "until 14 days after the round closed" in page.content.decode()


def test_a_facilitator_corrects_and_deletes_and_each_change_is_logged(
    client, guidance, facilitator
):
    source = a_source(guidance, facilitator)
    comment = facilitated_comment_post(
        user=facilitator, source=source, clause_id="", text="Typo hear."
    )
    client.force_login(facilitator)
    url = reverse("consultation_facilitation_comment_edit", args=[comment.pk])

    client.post(url, {"text": "Typo here."})
    comment.refresh_from_db()
    assert comment.comment == "Typo here."
    client.post(url, {"delete": "1"})
    comment.refresh_from_db()
    assert comment.is_withdrawn and comment.comment == ""

    actions = list(
        ModelLogEntry.objects.filter(
            object_id=str(comment.pk), content_type__model="guidancecomment"
        ).values_list("action", flat=True)
    )
    assert sorted(actions) == ["wagtail.create", "wagtail.delete", "wagtail.edit"]


def test_participants_can_reply_to_a_facilitated_comment(client, guidance, facilitator):
    from consultation.discussion.services import comment_post

    source = a_source(guidance, facilitator)
    clause = guidance.clauses[0]
    root = facilitated_comment_post(user=facilitator, source=source, clause_id=clause.id, text="A")
    reply = comment_post(
        participant=ParticipantFactory(), page=guidance, clause_id=clause.id, parent=root, text="B"
    )
    assert reply.parent_id == root.pk


def test_the_api_lists_sources_with_tallies_and_marks_their_comments(client, guidance, facilitator):
    from consultation.facilitation.services import tally_record

    snapshot = guidance.current_version.clauses.order_by("number").first()
    source = a_source(guidance, facilitator, perspective_counts={"carer": 3})
    tally_record(user=facilitator, source=source, snapshot=snapshot, counts=[1, 2, 3, 4, 5])
    facilitated_comment_post(user=facilitator, source=source, clause_id="", text="Said.")

    sources = client.get(f"/api/v1/guidance/{guidance.pk}/facilitated/").json()
    comments = client.get(f"/api/v1/guidance/{guidance.pk}/comments/").json()["items"]

    assert sources[0]["name"] == "Leeds workshop"
    assert sources[0]["perspective_counts"] == {"carer": 3}
    assert sources[0]["tallies"][0]["counts"]["neither"] == 3
    assert comments[0]["display_name"] == "Leeds workshop (12 people)"
    assert comments[0]["facilitated_source"] == source.pk
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/guidance/{guidance_id}/facilitated/" in schema["paths"]


def test_exports_name_the_group_a_facilitated_comment_came_from(guidance, facilitator):
    from consultation.feedback.exports import comment_rows

    source = a_source(guidance, facilitator)
    facilitated_comment_post(user=facilitator, source=source, clause_id="", text="Heard.")

    (row,) = list(comment_rows(guidance))

    assert row[7] == "Leeds workshop (12 people, facilitated)"
    assert row[8] == "Heard."


def test_cached_pages_show_new_facilitated_input_at_once(
    client, guidance, facilitator, django_capture_on_commit_callbacks
):
    from consultation.facilitation.services import tally_record

    guidance.results_visibility = "always"
    guidance.save_revision().publish()
    clause = guidance.clauses[0]
    snapshot = guidance.current_version.clauses.get(clause_id=clause.id)
    discussion = guidance.url + f"clauses/{clause.short_id}/discussion/"
    results = guidance.url + "results/"
    client.get(discussion), client.get(results), client.get(guidance.url)
    source = a_source(guidance, facilitator)

    with django_capture_on_commit_callbacks(execute=True):
        facilitated_comment_post(user=facilitator, source=source, clause_id=clause.id, text="New")
        tally_record(user=facilitator, source=source, snapshot=snapshot, counts=[5, 0, 0, 0, 1])

    assert "Leeds workshop (12 people)" in client.get(discussion).content.decode()
    assert "6 people, 83% agree" in client.get(results).content.decode()
    assert "(1 comment)" in client.get(guidance.url).content.decode()


def test_editors_export_the_tallies_with_their_source_and_others_cannot(
    client, guidance, facilitator, editor
):
    from consultation.facilitation.services import tally_record

    snapshot = guidance.current_version.clauses.order_by("number").first()
    source = a_source(guidance, facilitator, perspective_counts={"carer": 4})
    tally_record(user=facilitator, source=source, snapshot=snapshot, counts=[1, 2, 3, 4, 2])
    url = reverse("consultation_facilitation_tallies_csv", args=[guidance.pk])

    client.force_login(facilitator)
    assert client.get(url).status_code == 403
    client.force_login(editor)
    lines = b"".join(client.get(url).streaming_content).decode().splitlines()

    assert lines[0].startswith("group or event,kind,date,people")
    assert lines[1] == (
        "Leeds workshop,Workshop,2027-01-12,12,Family member or carer: 4,1,1,1,2,3,4,2"
    )


def test_ticking_count_facilitated_tallies_in_marks_shows_at_once(
    client, guidance, editor, facilitator, django_capture_on_commit_callbacks
):
    """The page's setting is read live, not from the tally cache (kept for 24 h)."""
    from consultation.facilitation.services import tally_record
    from consultation.guidance.models import GuidancePage
    from tests.consultation.facilitation.helpers import a_source
    from tests.factories import admin_edit_form

    guidance.results_visibility = "always"
    guidance.save_revision().publish()
    snapshot = guidance.current_version.clauses.order_by("number").first()
    for _ in range(5):
        vote_cast(participant=ParticipantFactory(), clause_snapshot=snapshot, choice=Choice.AGREE)
    source = a_source(guidance, facilitator, people=34)
    tally_record(user=facilitator, source=source, snapshot=snapshot, counts=[10, 14, 5, 3, 2])
    before = client.get(guidance.url + "results/").content.decode()
    assert "34 people" in before and "one more group in the marks" not in before
    client.force_login(editor)
    guidance = GuidancePage.objects.get(pk=guidance.pk)
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(
            reverse("wagtailadmin_pages:edit", args=(guidance.pk,)),
            admin_edit_form(guidance, facilitated_tallies_in_marks="on", change_summary="Marks."),
        )
    assert r.status_code == 302
    client.logout()
    after = client.get(guidance.url + "results/").content.decode()
    assert "one more group in the marks" in after


def test_the_revision_desk_never_promises_to_email_a_group_and_names_who_removed_it(
    client, guidance, editor, facilitator
):
    from consultation.facilitation.services import facilitated_comment_delete
    from tests.consultation.comment_helpers import discussion_path, make_comment

    source = a_source(guidance, facilitator)
    clause = guidance.clauses[0]
    comment = facilitated_comment_post(
        user=facilitator, source=source, clause_id=clause.id, text="We said this."
    )
    make_comment(guidance, ParticipantFactory(), clause=clause, parent=comment, text="Reply.")
    respond = reverse("consultation_feedback_respond", args=[comment.pk])
    client.force_login(editor)
    html = client.get(respond).content.decode()
    assert "cannot be emailed" in html
    assert "Emails to the author" not in html and "the author is told" not in html

    facilitated_comment_delete(user=facilitator, comment=comment)
    for url, who in ((respond, editor), (discussion_path(guidance, clause), None)):
        client.logout()
        if who:
            client.force_login(who)
        html = client.get(url).content.decode()
        assert "Removed by the facilitator who entered it" in html, url
        assert "Withdrawn by its author" not in html, url


def test_corrections_and_deletions_keep_to_the_entry_window(client, guidance, facilitator):
    from consultation.facilitation.services import (
        facilitated_comment_correct,
        facilitated_comment_delete,
    )

    source = a_source(guidance, facilitator)
    comment = facilitated_comment_post(
        user=facilitator, source=source, clause_id="", text="Said then."
    )
    guidance.opens_at = timezone.now() - timedelta(days=30)
    guidance.closes_at = timezone.now() - timedelta(days=15)
    guidance.save()
    comment = GuidanceComment.objects.select_related("page").get(pk=comment.pk)
    with pytest.raises(FacilitationRefused, match="14 days after the round closed"):
        facilitated_comment_correct(user=facilitator, comment=comment, text="Changed.")
    with pytest.raises(FacilitationRefused, match="14 days after the round closed"):
        facilitated_comment_delete(user=facilitator, comment=comment)

    client.force_login(facilitator)
    url = reverse("consultation_facilitation_comment_edit", args=[comment.pk])
    assert "can no longer be corrected" in client.get(url).content.decode()
    refused = client.post(url, {"text": "Changed."})
    assert refused.status_code == 400
    assert "Changed." in refused.content.decode()  # what they typed stays
    assert client.post(url, {"delete": "1"}).status_code == 400
    comment.refresh_from_db()
    assert comment.comment == "Said then." and not comment.is_withdrawn
