"""The editors' feedback workspace and exports in the Wagtail admin."""

from django.urls import path, reverse
from wagtail import hooks

from consultation.accounts.admin_menu import PermissionMenuItem
from consultation.accounts.roles import RESPOND_TO_FEEDBACK
from consultation.feedback import admin_views, exports
from consultation.feedback.bulk_actions import BULK_ACTIONS
from consultation.feedback.services import LOG_ACTION


@hooks.register("register_log_actions")
def register_feedback_log_actions(actions):
    actions.register_action(LOG_ACTION, "Respond to feedback", "Responded to feedback")


@hooks.register("register_admin_urls")
def register_feedback_urls():
    return [
        path(
            "feedback/<id:page_id>/comments.csv",
            exports.comments_csv,
            name="consultation_feedback_comments_csv",
        ),
        path(
            "feedback/<id:page_id>/votes.csv",
            exports.votes_csv,
            name="consultation_feedback_votes_csv",
        ),
        path(
            "feedback/<id:page_id>/comments.xlsx",
            exports.comments_xlsx,
            name="consultation_feedback_comments_xlsx",
        ),
        path(
            "feedback/<id:page_id>/votes.xlsx",
            exports.votes_xlsx,
            name="consultation_feedback_votes_xlsx",
        ),
        path("feedback/", admin_views.index, name="consultation_feedback_index"),
        path(
            "feedback/<id:page_id>/",
            admin_views.workspace,
            name="consultation_feedback_workspace",
        ),
        path(
            "feedback/<id:page_id>/themes/",
            admin_views.themes,
            name="consultation_feedback_themes",
        ),
        path(
            "feedback/respond/<id:comment_id>/",
            admin_views.respond,
            name="consultation_feedback_respond",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_feedback_menu_item():
    return PermissionMenuItem(
        "Feedback",
        reverse("consultation_feedback_index"),
        icon_name="tasks",
        order=240,
        permission=RESPOND_TO_FEEDBACK,
    )


for bulk_action in BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action)
