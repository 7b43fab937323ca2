"""CSRF failures keep what was typed. Signing in elsewhere rotates the CSRF token, so a
participant who wrote for a long time in another tab would otherwise lose their comment."""

from django.template.response import TemplateResponse


def csrf_failure(request, reason=""):
    text = request.POST.get("text", "") if request.method == "POST" else ""
    return TemplateResponse(
        request,
        "csrf_failure.html",
        {"text": text, "back_url": request.path},
        status=403,
    )
