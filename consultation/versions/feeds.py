"""Atom feeds of new versions: one per document, and one for the whole site."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from wagtail.models import Page

from consultation.plain_text import text_clean
from consultation.site_url import absolute
from consultation.versions.models import GuidanceVersion

SITE_FEED_SIZE = 50


class VersionAtomFeed(Atom1Feed):
    """Atom with the change summary as the entry's content and a link to the comparison.

    Every text is cleaned on its way out too: a version stored with a character XML forbids
    would otherwise make the whole feed fail for as long as it is listed."""

    def __init__(self, *args, **kwargs):
        super().__init__(
            *[text_clean(arg) for arg in args], **{k: text_clean(v) for k, v in kwargs.items()}
        )

    def add_item(self, *args, **kwargs):
        super().add_item(
            *[text_clean(arg) for arg in args], **{k: text_clean(v) for k, v in kwargs.items()}
        )

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("compare_link"):
            handler.addQuickElement(
                "link",
                "",
                {
                    "rel": "related",
                    "href": item["compare_link"],
                    "title": item["compare_title"],
                    "type": "text/html",
                },
            )
        handler.addQuickElement("content", item["content"], {"type": "text"})


class VersionsFeed(Feed):
    feed_type = VersionAtomFeed
    author_name = "Coproduce"

    def get_object(self, request, *args, **kwargs):
        # The request travels with the object: Feed instances are shared between requests.
        return {"request": request, **kwargs}

    # Absolute addresses come from the configured base URL (consultation/site_url.py), as
    # emails and the API do, never from whatever Host a request arrived with.
    def feed_url(self, obj):
        return absolute(obj["request"].get_full_path())

    def items(self, obj):
        request = obj["request"]
        versions = list(self.versions(obj))
        for version in versions:
            page, number = version.page, version.number
            base = page.get_url(request)
            version.feed_link = absolute(base + page.reverse_subpage("version", args=[number]))
            version.feed_compare_link = (
                base + page.reverse_subpage("compare", args=[number - 1, number])
                if number > 1
                else ""
            )
        return versions

    def item_title(self, version):
        return f"{version.title}: version {version.number}"

    def item_link(self, version):
        return version.feed_link

    def item_description(self, version):
        return None

    def item_pubdate(self, version):
        return version.published_at

    def item_updateddate(self, version):
        return version.published_at

    def item_extra_kwargs(self, version):
        content = version.change_summary or "First published version."
        compare_link = ""
        if version.feed_compare_link:
            compare_link = absolute(version.feed_compare_link)
        return {
            "content": content,
            "compare_link": compare_link,
            "compare_title": f"Compare version {version.number} with version {version.number - 1}",
        }


class DocumentVersionsFeed(VersionsFeed):
    """`<guidance url>feed/`: called from the page's route with `page=`."""

    def title(self, obj):
        return f"{obj['page'].title}: versions"

    def link(self, obj):
        page = obj["page"]
        return absolute(page.get_url(obj["request"]) + page.reverse_subpage("versions"))

    def subtitle(self, obj):
        return "Every published version of this guidance, with what changed."

    def versions(self, obj):
        versions = list(GuidanceVersion.objects.for_page(obj["page"]).latest_first())
        for version in versions:
            version.page = obj["page"]
        return versions


class AllVersionsFeed(VersionsFeed):
    """`/feeds/versions/`: new versions of every live, public guidance document."""

    title = "Coproduce: new versions of guidance"
    subtitle = "Every new version of every guidance document, newest first."

    def link(self, obj):
        return absolute("/guidance/")

    def versions(self, obj):
        # Wagtail's own Page query knows which pages are live and public; versions belong
        # only to guidance pages, so no other page type can match.
        pages = Page.objects.live().public().values("pk")
        return (
            GuidanceVersion.objects.filter(page__in=pages)
            .select_related("page")
            .order_by("-published_at", "-pk")[:SITE_FEED_SIZE]
        )
