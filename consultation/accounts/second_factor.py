"""Two-factor sign-in for everyone who can reach the admin (allauth's MFA: an authenticator
app's codes, with recovery codes for a lost phone). Participants may turn it on too.

`StaffSecondFactorMiddleware` guards every admin URL. Staff with an authenticator app must
have used it in this session (allauth records it as they sign in; whichever way the session
was made, without that record they confirm a code first). Staff without one may carry on
for COPRODUCE_STAFF_MFA_GRACE_DAYS after their account was made, told each time to set it
up; after that they are sent to set it up before the admin opens. Checks ask whether the
account can reach the admin at all (`wagtailadmin.access_admin`, superusers included),
never which group it is in, so later roles are covered.
"""

from datetime import timedelta
from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

ADMIN_PREFIX = "/admin/"
REMINDED = "coproduce_second_factor_reminded"


def reaches_admin(user) -> bool:
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


def authenticator_app(user) -> Authenticator | None:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()


def used_second_factor(request, app: Authenticator) -> bool:
    """A code was entered in this session: signing in (or confirming) with it, or setting
    the app up after signing in, which takes a code too."""
    records = get_authentication_records(request, request.user)
    if any(record.get("method") == "mfa" for record in records):
        return True
    signed_in = [record["at"] for record in records]
    return bool(signed_in) and app.created_at.timestamp() >= min(signed_in)


def grace_ends(user):
    return user.date_joined + timedelta(days=settings.COPRODUCE_STAFF_MFA_GRACE_DAYS)


def _to(name: str, request) -> HttpResponseRedirect:
    return HttpResponseRedirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")


class StaffSecondFactorMiddleware:
    """Listed after allauth's AccountMiddleware and the message middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refusal = self.refusal(request)
        return refusal or self.get_response(request)

    def refusal(self, request):
        if not request.path.startswith(ADMIN_PREFIX) or not reaches_admin(request.user):
            return None
        app = authenticator_app(request.user)
        if app is not None:
            return None if used_second_factor(request, app) else _to("mfa_reauthenticate", request)
        deadline = grace_ends(request.user)
        if timezone.now() >= deadline:
            messages.warning(
                request,
                "Set up two-factor sign-in before you use the admin: it keeps participants' "
                "words safe if your password is ever guessed.",
            )
            return _to("mfa_activate_totp", request)
        if not request.session.get(REMINDED):
            request.session[REMINDED] = True
            messages.warning(
                request,
                "Set up two-factor sign-in (Account, then Two-factor sign-in) by "
                f"{date_format(timezone.localtime(deadline), 'j F Y')}: "
                "after that the admin will ask for it.",
            )
        return None
