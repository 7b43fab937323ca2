"""Who may work on feedback and export it: named permissions, checked by every editors'
view (workspace, responses, exports)."""

from functools import wraps

from django.http import HttpResponseForbidden

from consultation.accounts.roles import EXPORT_FEEDBACK, RESPOND_TO_FEEDBACK


def can_respond(user) -> bool:
    # has_perm is already False for inactive users and true for active superusers.
    return user.has_perm(RESPOND_TO_FEEDBACK)


def can_export(user) -> bool:
    return user.has_perm(EXPORT_FEEDBACK)


def permission_required(check, refusal):
    """403 for anyone in the admin who fails check. (Wagtail itself sends visitors
    without admin access to its log-in page before this runs.)"""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not check(request.user):
                return HttpResponseForbidden(refusal)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


editors_only = permission_required(can_respond, "Only editors can work on feedback.")
exporters_only = permission_required(can_export, "Only editors can export feedback.")
