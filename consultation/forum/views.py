"""Registering and cancelling (POST under the session page), and the attendee list with
its CSV for those who hold view_forum_attendees."""

from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from consultation.downloads import csv_download
from consultation.forum.models import ForumRegistration
from consultation.forum.services import registration_cancel, registration_make
from consultation.rounds import ConsultationError, contributing_participant

ATTENDEES = "consultation.view_forum_attendees"


def _refused(request, session, refusal):
    context = session.get_context(request)
    context["registration_error"] = refusal.message
    return TemplateResponse(request, session.get_template(request), context, status=refusal.status)


@require_POST
def register(request, session):
    try:
        participant = contributing_participant(request.user)
        registration_make(participant=participant, session=session)
    except ConsultationError as refusal:
        return _refused(request, session, refusal)
    return redirect(session.url + "?registered=1#registration")


@require_POST
def cancel(request, session):
    try:
        participant = contributing_participant(request.user)
        registration_cancel(participant=participant, session=session)
    except ConsultationError as refusal:
        return _refused(request, session, refusal)
    return redirect(session.url + "?cancelled=1#registration")


def _attendees(session):
    return (
        ForumRegistration.objects.for_session(session)
        .select_related("participant__user")
        .order_by("created_at", "pk")
    )


def attendees(request, session):
    if not request.user.has_perm(ATTENDEES):
        return HttpResponseForbidden("Only editors can see who registered.")
    return TemplateResponse(
        request,
        "consultation/forum/attendees.html",
        {"page": session, "registrations": _attendees(session)},
    )


def attendees_csv(request, session):
    if not request.user.has_perm(ATTENDEES):
        return HttpResponseForbidden("Only editors can export who registered.")
    rows = (
        [r.participant.display_name, r.participant.user.email, r.created_at.isoformat()]
        for r in _attendees(session)
    )
    return csv_download(
        f"{session.slug}-attendees.csv", ["Display name", "Email", "Registered at"], rows
    )
