"""The account, profile and follows sections of "My data". Comments and votes add theirs."""

from consultation.accounts.contributions import contributions_data
from consultation.accounts.models import Participant
from consultation.accounts.signals import collect_participant_data


def iso(value):
    return value.isoformat() if value else None


def account_section(sender, participant, **kwargs):
    from allauth.account.models import EmailAddress
    from allauth.usersessions.models import UserSession

    user = participant.user
    return "account", {
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "joined_at": iso(user.date_joined),
        "last_signed_in_at": iso(user.last_login),
        "sessions": [
            {
                "started_at": iso(session.created_at),
                "last_seen_at": iso(session.last_seen_at),
                "ip_address": session.ip,
                "browser": session.user_agent,
            }
            for session in UserSession.objects.filter(user=user).order_by("created_at")
        ],
    }


def profile_section(sender, participant, **kwargs):
    return "profile", {
        "display_name": participant.display_name,
        "perspectives": [label for label in participant.perspectives_label.split("; ") if label],
        "other_perspective": participant.other_perspective or None,
        "created_at": iso(participant.created_at),
        "consented_at": iso(participant.consented_at),
        "notifications": {
            "replies_to_my_comments": participant.notify_replies,
            "new_versions_of_guidance_i_follow": participant.notify_new_versions,
            "responses_to_my_feedback": participant.notify_responses,
        },
    }


def follows_section(sender, participant, **kwargs):
    follows = participant.follows.select_related("page").order_by("created_at")
    return "follows", [
        {
            "guidance": follow.page.title,
            "url": follow.page.full_url,
            "followed_at": iso(follow.created_at),
        }
        for follow in follows
    ]


def contributions_section(sender, participant, **kwargs):
    """Each comment with its replies and the editors' outcome; each answer with the
    clause's support now: the "Your contributions" page, as data."""
    return "contributions", contributions_data(participant)


def connect() -> None:
    for receiver in (account_section, profile_section, follows_section, contributions_section):
        collect_participant_data.connect(
            receiver, sender=Participant, dispatch_uid=f"accounts.{receiver.__name__}"
        )
