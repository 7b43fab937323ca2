from django.urls import path

from consultation.forum.feeds import SessionsFeed
from consultation.versions.feeds import AllVersionsFeed

app_name = "consultation"

urlpatterns = [
    path("feeds/versions/", AllVersionsFeed(), name="versions_feed"),
    path("feeds/forum/", SessionsFeed(), name="forum_feed"),
]
