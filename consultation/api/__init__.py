"""The public, read-only open-data API (django-ninja) at /api/v1/.

Only live, public guidance and visible comments; never an email address, a user id or
hidden text. Every response, errors included, is described by the OpenAPI schema at
/api/v1/openapi.json; the docs at /api/v1/docs use the Swagger UI files django-ninja
ships (served by us, so the strict Content-Security-Policy holds)."""

from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from ninja import NinjaAPI
from ninja.errors import ValidationError

from consultation.api.facilitation import router as facilitation_router
from consultation.api.forum import router as forum_router
from consultation.api.guidance import router as guidance_router
from consultation.api.suggestions import router as suggestions_router

api = NinjaAPI(
    title="Coproduce open data",
    version="1",
    description=(
        "Read-only data about live, public guidance documents: their versions and clauses, "
        "vote results with small groups suppressed, and visible comments with the editors' "
        "responses, and public suggested wording with its support. Rate limited per IP address."
    ),
    urls_namespace="api-v1",
)
api.add_router("/guidance/", guidance_router)
api.add_router("/guidance/", suggestions_router)
api.add_router("/guidance/", facilitation_router)
api.add_router("/guidance/", forum_router)


@api.exception_handler(ValidationError)
def invalid(request, exc):
    detail = [
        {
            "loc": [part for part in error.get("loc", ()) if isinstance(part, str | int)],
            "msg": str(error.get("msg", "Invalid value")),
            "type": str(error.get("type", "value_error")),
        }
        for error in exc.errors
    ]
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Not found."}, status=404)


def unknown_path(request, rest=""):
    """Any other address under /api/: a JSON 404, never the site's HTML page. An address
    missing only its final slash is redirected, as APPEND_SLASH does elsewhere."""
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not unknown_path:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(
                request.path + "/" + (f"?{query}" if query else "")
            )
    return JsonResponse({"detail": "There is nothing at this address in the API."}, status=404)
