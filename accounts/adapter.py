from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from consultation.participation import participant_for


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        """Accounts without a public profile choose a display name before anything else."""
        if participant_for(request.user) is None:
            return reverse("accounts:display_name")
        return super().get_login_redirect_url(request)

    def get_email_verification_redirect_url(self, email_address):
        return reverse("accounts:profile")
