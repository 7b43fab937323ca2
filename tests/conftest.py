import time

import pytest
from django.core.cache import cache, caches
from wagtail.models import Page

from home.models import HomePage
from tests.factories import GuidanceIndexPageFactory, GuidancePageFactory


@pytest.fixture
def home(db) -> HomePage:
    """The HomePage that migrations create as the default site's root."""
    return HomePage.objects.get()


@pytest.fixture
def guidance_index(home):
    return GuidanceIndexPageFactory(parent=home)


@pytest.fixture
def guidance(guidance_index):
    return GuidancePageFactory(parent=guidance_index, clauses=3)


@pytest.fixture
def root_page(db):
    return Page.get_first_root_node()


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached pages and results live in the cache, rate-limit counters in their own: each
    test starts with none."""
    cache.clear()
    caches["ratelimit"].clear()
    yield
    cache.clear()
    caches["ratelimit"].clear()


@pytest.fixture(autouse=True)
def steady_rate_limit_windows(monkeypatch):
    """django-ratelimit counts in windows fixed to the clock, so a test posting six times
    in a row could straddle a window's end and see its count start again (a rare, real
    flake). Within one test, every count falls in the same window."""
    from django_ratelimit import core

    started = int(time.time())
    monkeypatch.setattr(core, "_get_window", lambda value, period: started + period)
