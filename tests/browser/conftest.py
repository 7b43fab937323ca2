"""Real-browser tests: Playwright driving Debian's Chromium against a live server.

Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls
from a thread with a running loop unless told this is safe, and here it is (tests only).
"""

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# Pages as the server sent them, for the Nu HTML checker that .ci/run runs afterwards.
HTML_PAGES = Path(
    os.environ.get("COPRODUCE_HTML_PAGES")
    or Path(__file__).resolve().parents[2] / "var" / "html-pages"
)
# Keep Chromium off the network: this machine (and CI) has none beyond loopback.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--metrics-recording-only",
]
# Teardown output is not shown for a failed test, so the paths are listed at the end of the run.
ARTIFACT_PATHS = pytest.StashKey[list]()
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            # Live-server tests flush the database, including what migrations created;
            # load_demo() rebuilds the page tree it needs.
            item.add_marker(pytest.mark.django_db(transaction=True))


def pytest_terminal_summary(terminalreporter, config):
    paths = config.stash.get(ARTIFACT_PATHS, [])
    if paths:
        terminalreporter.section("browser artifacts of failed tests")
        for line in paths:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM}: apt-get install chromium to run browser tests"
        if os.environ.get("CI"):
            pytest.fail(message + " (browser tests are never skipped in CI)")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(request, browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        stem = ARTIFACTS / request.node.name.replace("/", "_")
        page.screenshot(path=f"{stem}.png", full_page=True)
        Path(f"{stem}.html").write_text(page.content())
        print(f"\nBrowser artifacts: {stem}.png and {stem}.html")
        request.config.stash.setdefault(ARTIFACT_PATHS, []).append(f"{stem}.png, {stem}.html")
    context.close()


@pytest.fixture
def axe():
    """Run axe-core on the current page and return its WCAG 2.2 AA violations."""
    from axe_playwright_python.sync_playwright import Axe

    engine = Axe()

    def check(page):
        results = engine.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        return [
            f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: "
            f"{', '.join(n['target'][0] for n in v['nodes'][:3])})"
            for v in results.response["violations"]
        ]

    return check


@pytest.fixture
def demo(live_server):
    """The demo site, plus the roles that migrations create and live-server flushes remove."""
    from consultation.accounts.roles import roles_set_up
    from consultation.demo.loader import load_demo

    load_demo()
    roles_set_up()


@pytest.fixture
def sign_in(live_server):
    """Sign a browser page in as a user, with a test-client session (no password typed).

    Usage: `sign_in(page, user)`; returns the user.
    """
    from django.conf import settings
    from django.test import Client

    def sign_in_as(page, user):
        client = Client()
        client.force_login(user)
        name = settings.SESSION_COOKIE_NAME
        page.context.add_cookies(
            [{"name": name, "value": client.cookies[name].value, "url": live_server.url}]
        )
        return user

    return sign_in_as


@pytest.fixture
def save_html():
    """Keep a page's HTML exactly as the server sent it (not the DOM after scripts ran):
    `.ci/run` checks every saved page with the Nu HTML checker. Usage: `save_html(response)`
    with what `page.goto` returned; the file is named after the address."""

    def save(response, name=""):
        from urllib.parse import urlsplit

        from django.utils.text import slugify

        address = urlsplit(response.url)
        name = name or slugify(f"{address.path.replace('/', ' ')} {address.query}") or "home"
        HTML_PAGES.mkdir(parents=True, exist_ok=True)
        (HTML_PAGES / f"{name}.html").write_text(response.text())

    return save
