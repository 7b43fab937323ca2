from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from consultation.rounds import participant_for
from coproduce_site.client_ip import client_ip


def user_display(user) -> str:
    """How allauth names a person on screen: their display name, never their email."""
    participant = participant_for(user)
    return participant.display_name if participant else "you"


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        """allauth's rate limits count the same address as ours (RATELIMIT_IP_META_KEY)."""
        return client_ip(request)

    def get_login_redirect_url(self, request):
        """Accounts without a public profile choose a display name before anything else."""
        if participant_for(request.user) is None:
            return reverse("accounts:display_name")
        return super().get_login_redirect_url(request)

    def get_email_verification_redirect_url(self, email_address):
        return reverse("accounts:profile")
