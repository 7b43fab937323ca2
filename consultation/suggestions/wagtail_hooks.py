"""Suggested wording in the Wagtail admin: log actions, the editors' list and answers."""

from django.urls import path, reverse
from wagtail import hooks

from consultation.accounts.admin_menu import PermissionMenuItem
from consultation.accounts.roles import RESPOND_TO_FEEDBACK
from consultation.suggestions import admin_views, exports
from consultation.suggestions.services import LOG_ACCEPT, LOG_RESPONSE


@hooks.register("register_log_actions")
def register_suggestion_log_actions(actions):
    actions.register_action(LOG_RESPONSE, "Answer a suggestion", "Answered a suggested wording")
    actions.register_action(
        LOG_ACCEPT,
        "Accept a suggestion into the draft",
        "Accepted suggested wording into the draft",
    )


@hooks.register("register_admin_urls")
def register_suggestion_urls():
    return [
        path(
            "suggestions/<id:page_id>.csv",
            exports.suggestions_csv,
            name="consultation_suggestion_csv",
        ),
        path(
            "suggestions/<id:page_id>.xlsx",
            exports.suggestions_xlsx,
            name="consultation_suggestion_xlsx",
        ),
        path("suggestions/", admin_views.index, name="consultation_suggestion_index"),
        path(
            "suggestions/<id:page_id>/", admin_views.page_list, name="consultation_suggestion_list"
        ),
        path(
            "suggestions/item/<id:suggestion_id>/",
            admin_views.detail,
            name="consultation_suggestion_detail",
        ),
    ]


class SuggestionMenuItem(PermissionMenuItem):
    def is_shown(self, request):
        return admin_views.may_see(request.user)


@hooks.register("register_admin_menu_item")
def register_suggestion_menu_item():
    return SuggestionMenuItem(
        "Suggested wording",
        reverse("consultation_suggestion_index"),
        icon_name="edit",
        order=245,
        permission=RESPOND_TO_FEEDBACK,
    )
