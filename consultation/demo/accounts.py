"""Demo privacy notice and accessibility statement, linked from every page's footer."""

from django.utils import timezone

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
Every page works with a keyboard alone, with screen readers, when zoomed to 400%, and on a
screen 320 pixels wide. We test each page with automated checks on every change.</p>
<h2>Plain language</h2>
<p>Each clause of the guidance has a short plain-language summary, and we write the site in
calm, everyday English.</p>
<h2>Tell us about a problem</h2>
<p>If something does not work for you, tell the editors of the guidance and we will fix it or
send you what you need in another format.</p>
"""

PAGES = {
    "privacy": ("Privacy notice", PRIVACY_INTRO, PRIVACY_BODY),
    "accessibility": ("Accessibility statement", ACCESSIBILITY_INTRO, ACCESSIBILITY_BODY),
}


def ensure_site_pages(home) -> dict[str, StandardPage]:
    """The privacy notice and accessibility statement, created once and then left to editors."""
    pages = {}
    for slug, (title, intro, body) in PAGES.items():
        page = StandardPage.objects.child_of(home).filter(slug=slug).first()
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
    links.save()
    return pages
