"""`/feeds/forum/`: an Atom feed of forum sessions, newest announced first."""

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags

from consultation.forum.pages import ForumSessionPage
from consultation.plain_text import text_clean
from consultation.site_url import absolute

FEED_SIZE = 50


class SessionsFeed(Feed):
    feed_type = Atom1Feed
    title = "Coproduce: forum sessions"
    subtitle = "Debates of draft guidance, online and in person, with their summaries."

    def link(self):
        return absolute("/")

    def feed_url(self):
        return absolute("/feeds/forum/")

    def items(self):
        return (
            ForumSessionPage.objects.live()
            .public()
            .order_by("-first_published_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        return text_clean(f"{item.title} ({item.starts_at:%-d %B %Y})")

    def item_description(self, item):
        when = timezone.localtime(item.starts_at)
        text = f"{item.get_format_display()}, {when:%A %-d %B %Y, %H:%M %Z}. "
        return text_clean(text + strip_tags(item.introduction or ""))

    def item_link(self, item):
        return absolute(item.url)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at
