"""Publishing or unpublishing any page empties the page cache; a change to who holds
which permission replaces the permissions' generation (caching/personal.py)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import GroupPagePermission, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from consultation.caching.page_cache import site_cache_invalidate
from consultation.caching.personal import permissions_changed


def forget_cached_pages(sender, instance, **kwargs):
    # Every page lists or links others (home, index, navigation): all cached pages go.
    site_cache_invalidate()


def forget_permissions(sender, **kwargs):
    # Signing in saves the user's last_login only: no one's permissions change.
    if kwargs.get("update_fields") == frozenset({"last_login"}):
        return
    permissions_changed()


def connect() -> None:
    User = get_user_model()
    for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(forget_permissions, sender=through, dispatch_uid=f"perm_{through}")
    for model in (GroupPagePermission, User, Group):
        for signal in (post_save, post_delete):
            signal.connect(forget_permissions, sender=model, dispatch_uid=f"perm_{model}_{signal}")
    # Who may see a page changes without a publication: cached copies must not outlive it.
    for signal in (post_save, post_delete):
        signal.connect(
            forget_cached_pages, sender=PageViewRestriction, dispatch_uid=f"pvr_{signal}"
        )
    m2m_changed.connect(
        forget_cached_pages, sender=PageViewRestriction.groups.through, dispatch_uid="pvr_groups"
    )
    post_page_move.connect(forget_cached_pages, dispatch_uid="forget_cached_pages_moved")
    page_published.connect(forget_cached_pages, dispatch_uid="forget_cached_pages_published")
    page_unpublished.connect(forget_cached_pages, dispatch_uid="forget_cached_pages_unpublished")
