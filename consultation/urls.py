from django.urls import path

from consultation.versions.feeds import AllVersionsFeed

app_name = "consultation"

urlpatterns = [
    path("feeds/versions/", AllVersionsFeed(), name="versions_feed"),
]
