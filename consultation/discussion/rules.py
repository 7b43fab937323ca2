"""The house rules, in one place: the choices a moderator picks from when removing a
comment, and the text of the House rules page that the data migration and `load_demo`
create (editors may reword the page afterwards). Plain data: migrations import it."""

HOUSE_RULES_SLUG = "house-rules"
HOUSE_RULES_TITLE = "House rules"
HOUSE_RULES_INTRO = (
    "This is a space for people with very different experiences of mental health services. "
    "These rules keep it safe and useful for everyone."
)

# (value stored on a removed comment, the rule as the author reads it, what it means)
RULES = [
    (
        "be_kind",
        "Be kind",
        "Disagree with ideas, not with people. No insults, mockery or hurtful remarks.",
    ),
    (
        "protect_privacy",
        "Keep people's details private",
        "Do not name or describe anyone in a way that could identify them, including staff, "
        "services and yourself if you would rather not be known.",
    ),
    (
        "safe_messaging",
        "Talk about harm safely",
        "You can say that you or others have struggled. Do not describe methods of "
        "self-harm or suicide in detail: it can put readers at risk.",
    ),
    (
        "on_topic",
        "Stay on the guidance",
        "Comment on the clause or document you are reading, so your words can change it.",
    ),
    (
        "no_advertising",
        "No advertising",
        "Do not promote products, services, campaigns or fundraising.",
    ),
]


def house_rules_body() -> str:
    items = "".join(
        f"<li><p><b>{label}.</b> {meaning}</p></li>" for _value, label, meaning in RULES
    )
    return (
        f"<ol>{items}</ol>"
        "<p>Moderators read comments that are flagged. A comment that breaks a rule is removed "
        "and its author is told which rule, by email. Replies to it stay.</p>"
        "<p>If you think a moderator got it wrong, reply to that email and another moderator "
        "will look again.</p>"
    )
