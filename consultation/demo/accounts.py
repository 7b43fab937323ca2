"""Demo privacy notice, accessibility statement and house rules, linked from every page's
footer; and the crisis contacts and safeguarding guidance (consultation/demo/support.py)."""

from django.conf import settings
from django.utils import timezone
from django.utils.html import escape

from consultation.demo.support import ensure_support_settings
from consultation.discussion.rules import (
    HOUSE_RULES_INTRO,
    HOUSE_RULES_SLUG,
    HOUSE_RULES_TITLE,
    house_rules_body,
)
from home.models import SiteLinks, StandardPage

PRIVACY_INTRO = (
    "This notice explains what Coproduce keeps about you when you take part, why, and how "
    "to see it or have it deleted."
)
PRIVACY_BODY = """
<h2>What we keep</h2>
<ul>
<li>Your email address, to sign you in and send the emails you ask for. Nobody else sees it.</li>
<li>Your display name and, if you chose one, your perspective. Everyone can see these.</li>
<li>What you write and how you vote, shown with your display name.</li>
<li>The guidance you follow and how often you want emails.</li>
<li>When you signed in, from which browser and internet address, to keep your account safe.</li>
</ul>
<h2>Information about your health</h2>
<p>What you write may say something about your mental or physical health. That is special
category information under UK data protection law. We only publish it because you agreed to
that when you created your account, and you can withdraw that agreement at any time by
deleting your account.</p>
<h2>Your choices</h2>
<ul>
<li>Download everything we hold about you from the “My data” page of your account.</li>
<li>Change your display name, perspective and emails on your account page.</li>
<li>Delete your account. You choose whether your comments are removed or kept as written by
“Former participant”. Your votes stay in the totals with no link to you.</li>
</ul>
<h2>Who sees what</h2>
<p>Editors and moderators can read everything published, as anyone can. They cannot see
your password, and they do not use your email address for anything other than this
consultation.</p>
"""
ACCESSIBILITY_INTRO = (
    "We want everyone to be able to read the guidance and take part, whatever device or "
    "assistive technology they use."
)
ACCESSIBILITY_BODY = """
<h2>What we aim for</h2>
<p>This site aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA.
You should be able to read the guidance, comment, reply, vote and flag a comment using a
keyboard alone, a screen reader, or a magnifier.</p>
<h2>How we test it</h2>
<p>Tests run in a real browser every time the site changes. They check:</p>
<ul>
<li>every page, and every state of it (forms with mistakes, discussions opened, results
shown), with axe-core, an automated checker, against WCAG 2.0, 2.1 and 2.2 at levels A and
AA;</li>
<li>commenting, replying, voting and flagging with the keyboard alone (Tab, Shift+Tab,
Enter and Space), and that you can always see which control has focus and nothing covers
it;</li>
<li>the guidance, a discussion, the vote form, the sign-up form and the page comparing
versions on a screen 320 pixels wide and at 200% zoom, with no sideways scrolling;</li>
<li>that messages such as “Your comment is posted” are read out by screen readers, and that
after a mistake in a form you are taken to a list of what to fix;</li>
<li>that buttons and choices you press are at least 24 by 24 pixels.</li>
</ul>
<p>Automated tests cannot find every problem, so please tell us about anything they
missed.</p>
<h2>What we know is not perfect</h2>
<ul>
<li>Tables of vote results may scroll sideways inside their own box on a narrow screen. The
rest of the page does not.</li>
<li>The editors' area (Wagtail) is tested less than the public site.</li>
</ul>
<h2>Plain language</h2>
<p>Each clause of the guidance has a short plain-language summary. We write the site in
calm, everyday English and keep sentences short.</p>
<h2>Tell us about a barrier</h2>
<p>If something stops you reading or taking part, please tell us. Email
<a href="mailto:{contact_email}">{contact_email}</a>
and say:</p>
<ul>
<li>which page you were on (the web address, if you can);</li>
<li>what you were trying to do and what happened;</li>
<li>what you use, if you want to (for example a screen reader, voice control or
zoom).</li>
</ul>
<p>Only the editors read these emails. We aim to reply within five working days. If the
problem stops you taking part before the round closes, we will send you the guidance in
another format and take your comments by email and add them for you.</p>
<p>If you are not happy with our reply, you can contact the Equality Advisory and Support
Service (EASS).</p>
"""

# What earlier versions of the demo wrote into the statement, before the address was a setting.
PLACEHOLDER_CONTACT_EMAIL = "accessibility@coproduce.invalid"


def site_pages() -> dict[str, tuple[str, str, str]]:
    """Title, intro and body of each page by slug, with the configured contact address."""
    contact_email = escape(settings.COPRODUCE_CONTACT_EMAIL)
    return {
        "privacy": ("Privacy notice", PRIVACY_INTRO, PRIVACY_BODY),
        "accessibility": (
            "Accessibility statement",
            ACCESSIBILITY_INTRO,
            ACCESSIBILITY_BODY.replace("{contact_email}", contact_email),
        ),
        HOUSE_RULES_SLUG: (HOUSE_RULES_TITLE, HOUSE_RULES_INTRO, house_rules_body()),
    }


def ensure_site_pages(home) -> dict[str, StandardPage]:
    """The privacy notice and accessibility statement, created once and then left to editors.

    A statement still showing the old placeholder address gets the configured one, unless an
    editor has a draft of it in progress.
    """
    pages = {}
    contact_email = escape(settings.COPRODUCE_CONTACT_EMAIL)
    for slug, (title, intro, body) in site_pages().items():
        page = StandardPage.objects.child_of(home).filter(slug=slug).first()
        if (
            page is not None
            and PLACEHOLDER_CONTACT_EMAIL in page.body
            and not page.has_unpublished_changes
        ):
            page.body = page.body.replace(PLACEHOLDER_CONTACT_EMAIL, contact_email)
            page.save_revision().publish()
        if page is None:
            page = home.add_child(
                instance=StandardPage(
                    title=title,
                    slug=slug,
                    intro=intro,
                    body=body,
                    last_reviewed=timezone.localdate(),
                )
            )
            page.save_revision().publish()
        pages[slug] = page
    site = home.get_site()
    links = SiteLinks.for_site(site)
    links.privacy_notice = links.privacy_notice or pages["privacy"]
    links.accessibility_statement = links.accessibility_statement or pages["accessibility"]
    links.house_rules = links.house_rules or pages[HOUSE_RULES_SLUG]
    links.save()
    ensure_support_settings(site)
    return pages
