"""Pages where facilitated input meets the other features (replies, suggested wording,
themes, the forum): hostile text stays text, and the HTML is sound (no duplicate ids,
help text the fields point at, datetimes the HTML standard accepts). The pages are saved
in /tmp/rv-html for the Nu HTML checker."""

import re

from django.urls import reverse

from consultation.facilitation.services import facilitated_comment_post
from consultation.feedback.themes import comments_tag
from consultation.suggestions.services import suggestion_make
from consultation.suggestions.text import blocks_parse
from tests.consultation.facilitation.helpers import a_source
from tests.factories import ParticipantFactory


def test_save_pages_where_the_features_meet(client, guidance, editor, facilitator):
    """Saves the HTML for the Nu checker (/tmp/rv-html) with hostile text everywhere."""
    import pathlib

    from consultation.feedback.services import response_record
    from tests.consultation.comment_helpers import discussion_path, make_comment
    from tests.consultation.forum.helpers import session_under

    out = pathlib.Path("/tmp/rv-html")
    out.mkdir(exist_ok=True)
    evil = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    source = a_source(guidance, facilitator, name="Group " + evil[:60])
    clause = guidance.clauses[0]
    comment = facilitated_comment_post(
        user=facilitator, source=source, clause_id=clause.id, text="Said " + evil
    )
    person = ParticipantFactory(display_name="Ann")
    reply = make_comment(guidance, person, clause=clause, parent=comment, text="Reply " + evil)
    assert reply
    suggestion = suggestion_make(
        participant=person, page=guidance, clause_id=clause.id,
        blocks=blocks_parse("New " + evil), reason="Why " + evil, proposition="",
    )  # fmt: skip
    comments_tag(editor=editor, page=guidance, comment_ids=[comment.pk], name="Th " + evil[:40])
    response_record(editor=editor, comment=comment, outcome="accepted", rationale="R " + evil)
    session = session_under(guidance, title="Forum " + evil[:40])
    pages = {
        "discussion": discussion_path(guidance, clause),
        "guidance": guidance.url,
        "feedback": guidance.url + "feedback/",
        "history": guidance.url + "versions/",
        "session": session.url,
    }
    admin_pages = {
        "workspace": reverse("consultation_feedback_workspace", args=[guidance.pk]),
        "respond": reverse("consultation_feedback_respond", args=[comment.pk]),
        "themes": reverse("consultation_feedback_themes", args=[guidance.pk]),
        "sugg_list": reverse("consultation_suggestion_list", args=[guidance.pk]),
        "sugg_detail": reverse("consultation_suggestion_detail", args=[suggestion.pk]),
        "attendees": session.url + "attendees/",
    }
    fac_pages = {
        "fac_entry": reverse("consultation_facilitation_entry", args=[source.pk]),
        "fac_sources": reverse("consultation_facilitation_sources", args=[guidance.pk]),
        "fac_comment": reverse("consultation_facilitation_comment_edit", args=[comment.pk]),
    }
    bad = []
    for group, who in ((pages, None), (admin_pages, editor), (fac_pages, facilitator)):
        client.logout()
        if who:
            client.force_login(who)
        for name, url in group.items():
            got = client.get(url)
            assert got.status_code == 200, (name, url, got.status_code)
            html = got.content.decode()
            (out / f"{name}.html").write_text(html)
            if "<script>alert" in html or "<img src=x" in html:
                bad.append(name)
            ids = re.findall(r'\bid="([^"]+)"', html)
            duplicates = {i for i in ids if ids.count(i) > 1}
            assert not duplicates, (name, duplicates)
            for described in re.findall(r'aria-describedby="([^"]+)"', html):
                for target in described.split():
                    assert target in ids, (name, target)
            for stamp in re.findall(r'<time datetime="([^"]+)"', html):
                assert re.fullmatch(r"[\d-]+(T\d\d:\d\d:\d\d[+-]\d\d:\d\d)?", stamp), stamp
    assert not bad, bad
