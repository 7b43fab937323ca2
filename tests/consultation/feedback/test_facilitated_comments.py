"""Comments a facilitator entered for a group, on the revision desk: responses, themes,
perspectives, exports, bulk answers, and the roles kept out of it."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from consultation.accounts.models import Frequency
from consultation.facilitation.services import facilitated_comment_post
from consultation.feedback.desk import theme_summary
from consultation.feedback.models import FeedbackResponse
from consultation.feedback.services import responses_record_bulk
from consultation.feedback.themes import comments_tag
from consultation.guidance.models import GuidancePage
from tests.consultation.facilitation.helpers import a_source
from tests.factories import ParticipantFactory, UserFactory, admin_edit_form


def test_facilitated_comment_goes_through_the_whole_revision_desk(
    client, guidance, editor, facilitator, django_capture_on_commit_callbacks
):
    source = a_source(guidance, facilitator)
    clause = guidance.clauses[0]
    comment = facilitated_comment_post(
        user=facilitator, source=source, clause_id=clause.id, text="<b>We</b> want more."
    )
    person = ParticipantFactory(notify_responses=Frequency.IMMEDIATELY)
    from tests.consultation.comment_helpers import make_comment

    theirs = make_comment(guidance, person, clause=clause)
    comments_tag(editor=editor, page=guidance, comment_ids=[comment.pk, theirs.pk], name="More")
    with django_capture_on_commit_callbacks(execute=True):
        responses_record_bulk(
            editor=editor, page=guidance, comment_ids=[comment.pk, theirs.pk],
            outcome="accepted", rationale="Done.", next_version=True,
        )  # fmt: skip
    client.force_login(editor)
    for url in [
        reverse("consultation_feedback_workspace", args=[guidance.pk]),
        reverse("consultation_feedback_respond", args=[comment.pk]),
        reverse("consultation_feedback_themes", args=[guidance.pk]),
        reverse("consultation_feedback_comments_csv", args=[guidance.pk]),
        reverse("wagtailadmin_pages:edit", args=[guidance.pk]),
        guidance.url + "feedback/",
    ]:
        got = client.get(url)
        assert got.status_code == 200, url
        if not getattr(got, "streaming", False):
            assert "<b>We</b>" not in got.content.decode(), url
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(
            reverse("wagtailadmin_pages:edit", args=(guidance.pk,)),
            admin_edit_form(guidance, clause_changes={0: {"heading": "New"}}, change_summary="C1."),
        )
    assert r.status_code == 302
    assert FeedbackResponse.objects.filter(addressed_in__number=2).count() == 2
    assert [m.to for m in mail.outbox] == [[person.user.email]]


def test_theme_summary_counts_a_groups_perspectives(guidance, editor, facilitator):
    source = a_source(guidance, facilitator)
    comment = facilitated_comment_post(
        user=facilitator, source=source, clause_id=guidance.clauses[0].id, text="Twelve of us."
    )
    comments_tag(editor=editor, page=guidance, comment_ids=[comment.pk], name="Staffing")
    (row,) = theme_summary(guidance)
    assert "Perspective not stated" not in row.perspectives, row.perspectives


def test_workspace_perspective_filter_finds_a_group_holding_it(
    client, guidance, editor, facilitator
):
    source = a_source(guidance, facilitator)
    comment = facilitated_comment_post(
        user=facilitator, source=source, clause_id=guidance.clauses[0].id, text="Peer view."
    )
    client.force_login(editor)
    got = client.get(
        reverse("consultation_feedback_workspace", args=[guidance.pk]),
        {"perspective": "peer_worker"},
    )
    assert f'id="thread-{comment.pk}"' in got.content.decode()


@pytest.mark.parametrize("group", ["Facilitators", "Moderators"])
def test_other_roles_are_kept_out_of_editor_views(client, guidance, group):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    for url in [
        reverse("consultation_feedback_workspace", args=[guidance.pk]),
        reverse("consultation_feedback_themes", args=[guidance.pk]),
        reverse("consultation_feedback_comments_csv", args=[guidance.pk]),
        reverse("consultation_facilitation_tallies_csv", args=[guidance.pk]),
        f"/admin/bulk/consultation/guidancecomment/feedback-respond/?page={guidance.pk}&id=all",
    ]:
        assert client.get(url).status_code in (302, 403), url


def test_an_editor_can_delete_a_guidance_page_with_facilitated_input_and_themes(
    client, guidance, editor, facilitator
):
    from consultation.facilitation.services import tally_record
    from consultation.versions.models import ClauseSnapshot

    source = a_source(guidance, facilitator)
    comment = facilitated_comment_post(
        user=facilitator, source=source, clause_id=guidance.clauses[0].id, text="Words."
    )
    snapshot = ClauseSnapshot.objects.filter(version__page=guidance).exclude(proposition="").first()
    if snapshot:
        tally_record(user=facilitator, source=source, snapshot=snapshot, counts=[1, 2, 0, 0, 0])
    comments_tag(editor=editor, page=guidance, comment_ids=[comment.pk], name="T")
    responses_record_bulk(
        editor=editor, page=guidance, comment_ids=[comment.pk], outcome="accepted",
        rationale="Done.",
    )  # fmt: skip
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    r = client.post(reverse("wagtailadmin_pages:delete", args=[guidance.pk]))
    assert r.status_code == 302
    assert not GuidancePage.objects.filter(pk=guidance.pk).exists()


def test_bulk_page_reads_a_groups_comments_in_a_fixed_number_of_queries(
    client, guidance, editor, facilitator, django_assert_max_num_queries
):
    clause = guidance.clauses[0]
    for n in range(40):
        source = a_source(guidance, facilitator, name=f"Group {n}")
        facilitated_comment_post(user=facilitator, source=source, clause_id=clause.id, text="x")
    client.force_login(editor)
    url = f"/admin/bulk/consultation/guidancecomment/feedback-respond/?page={guidance.pk}&id=all"
    with django_assert_max_num_queries(30):
        assert client.get(url).status_code == 200


def test_the_comments_export_names_the_perspectives_a_group_held(
    client, guidance, editor, facilitator
):
    from tests.consultation.feedback.export_helpers import csv_rows

    source = a_source(guidance, facilitator, perspective_counts={"peer_worker": 9, "carer": 0})
    facilitated_comment_post(
        user=facilitator, source=source, clause_id=guidance.clauses[0].id, text="Peer view."
    )
    client.force_login(editor)
    got = client.get(reverse("consultation_feedback_comments_csv", args=[guidance.pk]))
    header, row = csv_rows(got)
    assert row[header.index("perspectives")] == "peer_worker"


def test_you_said_we_did_quotes_a_group_in_its_name_and_a_person_with_their_perspective(
    client, guidance, editor, facilitator
):
    from consultation.feedback.models import Outcome
    from consultation.feedback.services import response_record
    from tests.consultation.comment_helpers import make_comment

    clause = guidance.clauses[0]
    group = facilitated_comment_post(
        user=facilitator, source=a_source(guidance, facilitator), clause_id=clause.id,
        text="Line one.\nLine <two>.",
    )  # fmt: skip
    person = ParticipantFactory(display_name="Robin", perspectives="carer")
    theirs = make_comment(guidance, person, clause=clause, text="Mine.")
    response_record(editor=editor, comment=group, outcome=Outcome.NOTED, rationale="Thanks.")
    response_record(editor=editor, comment=theirs, outcome=Outcome.ACCEPTED, rationale="Yes.")

    html = client.get(guidance.url + "feedback/").content.decode()

    assert "<p>Line one.<br>Line &lt;two&gt;.</p>" in html
    assert (
        "<footer>Leeds workshop (12 people), Workshop, 12 January 2027, "
        "entered by a facilitator</footer>"
    ) in html
    assert "<footer>Robin, Family member or carer</footer>" in html
    assert "<strong>Noted</strong>: Thanks." in html
    assert "<strong>Accepted</strong>: Yes." in html
