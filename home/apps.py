from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_save


def forget_cached_pages(sender, **kwargs):
    from consultation.caching.page_cache import site_cache_invalidate

    # The footer, crisis contacts and house rules link appear on every cached page. Now, and
    # again once the save commits, so that a page read by others before the commit (with the
    # old footer) is not served after it: as invalidate_on_commit does for every other write.
    site_cache_invalidate()
    transaction.on_commit(site_cache_invalidate)


class HomeConfig(AppConfig):
    name = "home"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home.models import SiteLinks, SupportSettings

        for model in (SiteLinks, SupportSettings):
            post_save.connect(forget_cached_pages, sender=model, dispatch_uid=f"forget_{model}")
