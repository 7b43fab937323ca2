"""A reminder on the admin dashboard while the crisis contacts are still the demo's examples."""

from django.utils.safestring import mark_safe
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Site

from home.models import SupportSettings


class UncheckedContactsPanel(Component):
    name = "unchecked_crisis_contacts"
    order = 10

    def render_html(self, parent_context=None):
        return mark_safe(  # noqa: S308 (fixed text, nothing from outside)
            '<section class="help-block help-warning" aria-label="Crisis contacts">'
            "<p><strong>The crisis contacts have not been checked.</strong> They are example "
            "content. Check every number and link in Settings, “Support and safeguarding”, "
            "then tick “An editor has checked these contacts”.</p></section>"
        )


@hooks.register("construct_homepage_panels")
def remind_to_check_crisis_contacts(request, panels):
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    support = SupportSettings.for_site(site)
    if support.crisis_contacts and not support.contacts_checked:
        panels.append(UncheckedContactsPanel())
