"""Comment review in the Wagtail admin, for moderators."""

from django.urls import path, reverse
from wagtail import hooks

from consultation.accounts.admin_menu import PermissionMenuItem
from consultation.accounts.roles import MODERATE_COMMENTS
from consultation.discussion import admin_views
from consultation.discussion.moderation import SAFEGUARDING_LOG_ACTION


@hooks.register("register_admin_urls")
def register_comment_review_urls():
    return [
        path(
            "comment-review/",
            admin_views.review_list,
            name="consultation_comment_review",
        ),
        path(
            "comment-review/<id:comment_id>/",
            admin_views.review,
            name="consultation_comment_review_detail",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_comment_review_menu_item():
    return PermissionMenuItem(
        "Comment review",
        reverse("consultation_comment_review"),
        icon_name="comment",
        order=250,
        permission=MODERATE_COMMENTS,
    )


@hooks.register("register_log_actions")
def register_safeguarding_log_action(actions):
    actions.register_action(
        SAFEGUARDING_LOG_ACTION, "Safeguarding action", "Safeguarding action recorded"
    )
