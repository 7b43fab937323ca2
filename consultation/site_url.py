"""One setting for every absolute address: WAGTAILADMIN_BASE_URL.

Emails, the API's `url` fields, feeds and My data build absolute addresses from Wagtail's
default Site record (`page.full_url`) or, where no page is at hand, from the setting itself.
The Site record is kept in step with the setting by a data migration and by `load_demo`
(`site_match_base_url`), so the two never disagree. Wagtail writes a Site's address as
`http://host` for port 80, `https://host` for 443, and `http://host:port` otherwise.
"""

from urllib.parse import urlsplit

from django.conf import settings


def base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute(path: str) -> str:
    """`path` ("/guidance/...") on the configured base; full URLs are returned unchanged."""
    if urlsplit(path).scheme:
        return path
    return base_url() + path


def site_address(url: str) -> tuple[str, int]:
    """(hostname, port) for a Site record from a base URL."""
    parts = urlsplit(url)
    default_port = 443 if parts.scheme == "https" else 80
    return parts.hostname or "localhost", parts.port or default_port


def site_match_base_url(site_model=None) -> bool:
    """Point the default Site at WAGTAILADMIN_BASE_URL; True if it had to change."""
    from wagtail.models import Site

    hostname, port = site_address(base_url())
    changed = bool(
        (site_model or Site)
        .objects.filter(is_default_site=True)
        .exclude(hostname=hostname, port=port)
        .update(hostname=hostname, port=port)
    )
    if changed:
        # Wagtail caches every site's address; an update() does not clear it as save() does.
        Site.clear_site_root_paths_cache()
    return changed
