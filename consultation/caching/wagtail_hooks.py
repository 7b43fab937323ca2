"""Marks which pages the anonymous page cache may keep."""

from wagtail import hooks

from consultation.caching.page_cache import page_cache_mark


@hooks.register("before_serve_page")
def mark_page_cacheable(page, request, serve_args, serve_kwargs):
    page_cache_mark(page, request)
