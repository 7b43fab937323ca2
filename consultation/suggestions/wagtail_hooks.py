"""Suggested wording in the Wagtail admin: log actions, the editors' list and answers."""

from wagtail import hooks

from consultation.suggestions.services import LOG_ACCEPT, LOG_RESPONSE


@hooks.register("register_log_actions")
def register_suggestion_log_actions(actions):
    actions.register_action(LOG_RESPONSE, "Answer a suggestion", "Answered a suggested wording")
    actions.register_action(
        LOG_ACCEPT,
        "Accept a suggestion into the draft",
        "Accepted suggested wording into the draft",
    )
