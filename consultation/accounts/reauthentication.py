"""Sensitive account pages (My data download, deletion) ask for the password again only
if it was not entered in the last five minutes, signing in included.

allauth's own `reauthentication_required` counts only an explicit re-authentication, so it
asked every time, even a minute after signing in. This reads the same records allauth
keeps in the session (sign-in, re-authentication, a second factor) and raises allauth's
`ReauthenticationRequired`, so its middleware still sends people to its form and back.
"""

import time
from functools import wraps

from allauth.account.authentication import get_authentication_records
from allauth.core.exceptions import ReauthenticationRequired
from django.conf import settings


def authenticated_recently(request) -> bool:
    if not request.user.is_authenticated:
        return False
    records = get_authentication_records(request, request.user)
    if not records:
        return False
    latest = max(record["at"] for record in records)
    return time.time() - latest < settings.ACCOUNT_REAUTHENTICATION_TIMEOUT


def reauthentication_required(view):
    @wraps(view)
    def checked(request, *args, **kwargs):
        if not authenticated_recently(request):
            raise ReauthenticationRequired()
        return view(request, *args, **kwargs)

    return checked
