"""The site's URLs plus xtd's, so its stock templates can reverse their links.

Tests and benchmarks only: the site itself never mounts xtd's views or API."""

from django.urls import include, path

from coproduce_site.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("comments/", include("django_comments_xtd.urls")), *site_urlpatterns]
