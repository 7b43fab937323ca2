from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from consultation.api import api, unknown_path
from home.views import support

from .health import healthz

# Django calls this for every unhandled exception; a lost database then answers 503.
handler500 = "coproduce_site.outage.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("consultation.accounts.urls")),
    path("accounts/comments/", include("consultation.discussion.urls")),
    path("accounts/", include("allauth.urls")),
    path("search/", include("consultation.search.urls")),
    path("", include("consultation.urls")),
    path("healthz", healthz, name="healthz"),
    path("support/", support, name="support"),
    path("api/v1/", api.urls),
    re_path(r"^api/(?P<rest>.*)$", unknown_path),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
