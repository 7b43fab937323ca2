"""Per-IP rate limits behind a reverse proxy: whose address is counted (site/client_ip.py)."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django_ratelimit.core import is_ratelimited

from consultation.accounts.adapter import AccountAdapter
from coproduce_site.client_ip import client_ip

PROXY = "10.0.0.5"


def request_from(remote_addr=PROXY, **headers):
    request = RequestFactory().post("/", **headers)
    request.META["REMOTE_ADDR"] = remote_addr
    return request


@pytest.fixture
def behind(settings):
    def configure(meta_key, proxies=1):
        settings.COPRODUCE_CLIENT_IP_META_KEY = meta_key
        settings.COPRODUCE_TRUSTED_PROXY_COUNT = proxies

    return configure


def test_without_a_header_configured_the_connecting_address_counts():
    request = request_from("203.0.113.9", HTTP_X_FORWARDED_FOR="198.51.100.1")

    assert client_ip(request) == "203.0.113.9"


def test_a_single_address_header_is_used_as_is(behind):
    behind("HTTP_X_REAL_IP")

    assert client_ip(request_from(HTTP_X_REAL_IP=" 198.51.100.7 ")) == "198.51.100.7"


def test_x_forwarded_for_counts_the_entry_our_proxy_added_not_what_the_client_sent(behind):
    behind("HTTP_X_FORWARDED_FOR")
    # The client sent "1.2.3.4" itself; nginx appended the address it saw connect.
    spoofed = request_from(HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")

    assert client_ip(spoofed) == "198.51.100.7"


def test_x_forwarded_for_through_two_proxies(behind):
    behind("HTTP_X_FORWARDED_FOR", proxies=2)
    request = request_from(HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7, 10.0.0.2")

    assert client_ip(request) == "198.51.100.7"


@pytest.mark.parametrize(
    "header", ["", "not-an-address", "1.2.3.4, ", "999.1.1.1", ",,,"], ids=repr
)
def test_a_missing_or_malformed_header_falls_back_to_the_connecting_address(behind, header):
    behind("HTTP_X_FORWARDED_FOR", proxies=1)

    assert client_ip(request_from(HTTP_X_FORWARDED_FOR=header)) == PROXY


def test_too_few_forwarded_entries_fall_back_too(behind):
    behind("HTTP_X_FORWARDED_FOR", proxies=3)

    assert client_ip(request_from(HTTP_X_FORWARDED_FOR="198.51.100.7")) == PROXY


def test_no_address_at_all_is_a_configuration_error():
    with pytest.raises(ImproperlyConfigured, match="RATELIMIT_IP_META_KEY"):
        client_ip(request_from(""))


def test_django_ratelimit_counts_each_client_behind_the_proxy_apart(behind):
    behind("HTTP_X_FORWARDED_FOR")

    def limited(address):
        request = request_from(HTTP_X_FORWARDED_FOR=address)
        return is_ratelimited(request, group="t", key="ip", rate="1/m", increment=True)

    assert [limited("198.51.100.1"), limited("198.51.100.2"), limited("198.51.100.1")] == [
        False,
        False,
        True,
    ]


def test_allauth_counts_the_same_address(behind):
    behind("HTTP_X_REAL_IP")

    assert AccountAdapter().get_client_ip(request_from(HTTP_X_REAL_IP="198.51.100.7")) == (
        "198.51.100.7"
    )


def test_production_reads_the_header_and_proxy_count_from_the_environment():
    env = {k: v for k, v in os.environ.items() if not k.startswith("RATELIMIT_")}
    env.update(
        SECRET_KEY="x" * 60,
        DATABASE_URL="sqlite:///:memory:",
        ALLOWED_HOSTS="coproduce.example.org",
        REDIS_URL="redis://127.0.0.1:6379/0",
        RATELIMIT_IP_META_KEY="HTTP_X_FORWARDED_FOR",
        RATELIMIT_TRUSTED_PROXY_COUNT="2",
        DJANGO_SETTINGS_MODULE="coproduce_site.settings.production",
    )
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.RATELIMIT_IP_META_KEY, s.COPRODUCE_CLIENT_IP_META_KEY, "
        "s.COPRODUCE_TRUSTED_PROXY_COUNT)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "coproduce_site.client_ip.client_ip",
        "HTTP_X_FORWARDED_FOR",
        "2",
    ]
