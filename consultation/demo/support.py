"""Demo crisis contacts and safeguarding guidance (Settings, "Support and safeguarding").

Example content: UK-wide services as we understand them, left unticked as "checked" so the
admin reminds editors to confirm every number and link before the site goes live. Once an
editor has written their own, load_demo leaves them alone."""

from home.models import SupportSettings

CRISIS_CONTACTS = "".join(
    [
        "<ul>",
        "<li><b>Samaritans</b>: call 116 123, free, any time of day or night.</li>",
        "<li><b>Shout</b>: text SHOUT to 85258, free, any time, if talking feels too hard.</li>",
        "<li><b>NHS 111</b>: call 111 for urgent mental health help in England, Scotland "
        "and Wales.</li>",
        "<li><b>Lifeline</b> (Northern Ireland): call 0808 808 8000, free, any time.</li>",
        "<li>If someone's life is in danger now, call <b>999</b> or go to A&amp;E.</li>",
        "</ul>",
    ]
)

SAFEGUARDING_GUIDANCE = "".join(
    f"<li><p>{step}</p></li>"
    for step in [
        "Read the comment and its thread in full. Leave it visible: hiding someone's words "
        "can feel like being shut out.",
        "If the writer seems to be at risk now, reply in the thread with the crisis contacts, "
        "warmly and briefly, and tell the safeguarding lead.",
        "If a named person seems to be at risk, tell the safeguarding lead at once; do not "
        "contact services yourself.",
        "Record what you did here, in a few words. Do not copy health details into the note.",
    ]
).join(["<ol>", "</ol>"])


def ensure_support_settings(site) -> SupportSettings:
    support = SupportSettings.for_site(site)
    if not support.crisis_contacts:
        support.crisis_contacts = CRISIS_CONTACTS
        support.contacts_checked = False
    if not support.safeguarding_guidance:
        support.safeguarding_guidance = SAFEGUARDING_GUIDANCE
    support.save()
    return support
