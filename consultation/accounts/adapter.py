from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from consultation.rounds import participant_for
from coproduce_site.client_ip import client_ip


def user_display(user) -> str:
    """How allauth names a person on screen: their display name, never their email."""
    participant = participant_for(user)
    return participant.display_name if participant else "you"


def _safe_next(request) -> str:
    if request is None:
        return ""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        """allauth's rate limits count the same address as ours (RATELIMIT_IP_META_KEY)."""
        return client_ip(request)

    def get_login_redirect_url(self, request):
        """Accounts without a public profile choose a display name before anything else."""
        if participant_for(request.user) is None:
            return reverse("accounts:display_name")
        return super().get_login_redirect_url(request)

    def get_email_confirmation_url(self, request, emailconfirmation):
        """The link carries where the person was going, because it is often opened on another
        device (a phone's mail app), where the session that remembered it does not exist."""
        url = super().get_email_confirmation_url(request, emailconfirmation)
        target = _safe_next(request)
        return f"{url}?{urlencode({'next': target})}" if target else url

    def get_email_verification_redirect_url(self, email_address):
        return reverse("accounts:profile")
