"""The signed-in participant's own pages. Every view acts on request.user only: no view
takes another person's id, so one participant can never reach another's data."""

import json

from allauth.core.exceptions import ReauthenticationRequired
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from consultation.accounts.contributions import contributions
from consultation.accounts.forms import (
    DeleteAccountForm,
    DisplayNameForm,
    NotificationsForm,
    PauseForm,
    ProfileForm,
    ReadingForm,
)
from consultation.accounts.models import Follow
from consultation.accounts.reauthentication import reauthentication_required
from consultation.accounts.services import (
    follow_create,
    follow_delete,
    notifications_pause,
    notifications_resume,
    participant_create,
    participant_data,
    participant_delete,
    participant_profile_update,
)
from consultation.guidance.models import GuidancePage
from consultation.rounds import participant_for

WRITE_LIMIT = settings.RATE_LIMIT_ACCOUNT_WRITES


def too_many_requests(request, template, context):
    """Rate limited: answer 429 on the same page, so nothing typed is lost."""
    context["rate_limited"] = True
    return render(request, template, context, status=429)


def safe_next(request, fallback):
    target = request.POST.get("next") or request.GET.get("next")
    # A path on this site only: `redirect()` would take any other word for a view's name.
    if (
        target
        and target.startswith("/")
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return fallback


@login_required
@ratelimit(key="user_or_ip", rate=WRITE_LIMIT, method="POST", block=False)
def display_name(request):
    """Accounts without a profile choose a display name before taking part."""
    if participant_for(request.user) is not None:
        return redirect("accounts:profile")
    form = DisplayNameForm(request.POST or None)
    context = {"form": form, "next": safe_next(request, "")}
    if request.method == "POST":
        if getattr(request, "limited", False):
            return too_many_requests(request, "accounts/display_name.html", context)
        if form.is_valid():
            participant = participant_create(
                user=request.user,
                display_name=form.cleaned_data["display_name"],
                perspectives=form.cleaned_data["perspectives"],
                other_perspective=form.cleaned_data["other_perspective"],
                consented=form.cleaned_data["consent"],
            )
            if participant is None:
                form.add_error(
                    "display_name", "Someone has just taken that display name. Choose another."
                )
            else:
                messages.success(request, f"Welcome, {participant.display_name}.")
                return redirect(safe_next(request, reverse("accounts:profile")))
    return render(request, "accounts/display_name.html", context)


@login_required
@ratelimit(key="user_or_ip", rate=WRITE_LIMIT, method="POST", block=False)
def profile(request):
    participant = participant_for(request.user)
    if participant is None:
        return redirect("accounts:display_name")
    posted = request.POST.get("form")
    profile_form = ProfileForm(
        request.POST if posted == "profile" else None, instance=participant, prefix="profile"
    )
    notifications_form = NotificationsForm(
        request.POST if posted == "notifications" else None,
        instance=participant,
        prefix="notifications",
    )
    reading_form = ReadingForm(
        request.POST if posted == "reading" else None, instance=participant, prefix="reading"
    )
    pause_form = PauseForm(request.POST if posted == "pause" else None, prefix="pause")
    context = {
        "participant": participant,
        "profile_form": profile_form,
        "notifications_form": notifications_form,
        "reading_form": reading_form,
        "pause_form": pause_form,
        "follows": Follow.objects.of(participant).select_related("page").order_by("created_at"),
    }
    if request.method == "POST":
        if getattr(request, "limited", False):
            return too_many_requests(request, "accounts/profile.html", context)
        if posted == "resume":
            notifications_resume(participant=participant)
            messages.success(request, "Emails are back on.")
            return redirect("accounts:profile")
        if posted == "pause" and pause_form.is_valid():
            notifications_pause(participant=participant, days=pause_form.cleaned_data["days"])
            until = timezone.localtime(participant.notifications_paused_until)
            messages.success(request, f"Emails are paused until {until:%-d %B %Y, %H:%M}.")
            return redirect("accounts:profile")
        form = {
            "profile": profile_form,
            "notifications": notifications_form,
            "reading": reading_form,
        }.get(posted)
        if form is not None and form.is_valid():
            if form is profile_form:
                saved = participant_profile_update(
                    participant=participant,
                    display_name=form.cleaned_data["display_name"],
                    perspectives=form.cleaned_data["perspectives"],
                    other_perspective=form.cleaned_data.get("other_perspective", ""),
                )
                if saved is None:
                    form.add_error(
                        "display_name", "Someone has just taken that name. Choose another."
                    )
                    return render(request, "accounts/profile.html", context, status=400)
            else:
                form.save()
            messages.success(request, "Your changes are saved.")
            return redirect("accounts:profile")
    return render(request, "accounts/profile.html", context)


@login_required
def contributions_page(request):
    participant = participant_for(request.user)
    return render(
        request,
        "accounts/contributions.html",
        {
            "participant": participant,
            "pages": contributions(participant) if participant else [],
        },
    )


@login_required
def my_data(request):
    return render(request, "accounts/my_data.html", {"participant": participant_for(request.user)})


@login_required
@reauthentication_required
def my_data_confirmed(request):
    """Where the password prompt returns to. Returning straight to the download would leave
    the browser showing "Enter your password", because a file download does not change page."""
    messages.success(request, "Thank you. You can download your data now.")
    return redirect("accounts:my_data")


@login_required
def my_data_download(request):
    try:
        return _my_data_file(request)
    except ReauthenticationRequired:
        # Straight to the password prompt, which then returns to my_data_confirmed (and so to
        # My data), not to the download: see my_data_confirmed.
        confirmed = reverse("accounts:my_data_confirmed")
        return redirect(f"{reverse('account_reauthenticate')}?{urlencode({'next': confirmed})}")


@reauthentication_required
def _my_data_file(request):
    participant = participant_for(request.user)
    if participant is None:
        return redirect("accounts:display_name")
    data = {
        "generated_at": timezone.now().isoformat(),
        "about": "Everything Coproduce holds about you, section by section.",
        **participant_data(participant=participant),
    }
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="coproduce-my-data-{stamp}.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@reauthentication_required
@ratelimit(key="user_or_ip", rate=WRITE_LIMIT, method="POST", block=False)
def delete_account(request):
    form = DeleteAccountForm(request.POST or None)
    context = {"form": form}
    if request.method == "POST":
        if getattr(request, "limited", False):
            return too_many_requests(request, "accounts/delete_account.html", context)
        if form.is_valid():
            participant_delete(user=request.user, keep_comments=form.keep_comments)
            logout(request)
            return redirect("accounts:deleted")
    return render(request, "accounts/delete_account.html", context)


def deleted(request):
    return render(request, "accounts/deleted.html")


@login_required
@require_POST
@ratelimit(key="user_or_ip", rate=WRITE_LIMIT, method="POST", block=False)
def follow(request, page_id):
    page = get_object_or_404(GuidancePage.objects.live().public(), pk=page_id)
    back = safe_next(request, page.url)
    if getattr(request, "limited", False):
        return render(request, "429.html", status=429)
    participant = participant_for(request.user)
    if participant is None:
        return redirect(f"{reverse('accounts:display_name')}?{urlencode({'next': page.url})}")
    if request.POST.get("action") == "unfollow":
        follow_delete(participant=participant, page=page)
        messages.success(request, f"You no longer follow “{page.title}”.")
    else:
        follow_create(participant=participant, page=page)
        messages.success(
            request, f"You follow “{page.title}”. We will tell you about new versions."
        )
    return redirect(back)
