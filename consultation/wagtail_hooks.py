from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from consultation.accounts.roles import MODERATE_COMMENTS, RESPOND_TO_FEEDBACK
from consultation.discussion import admin_views as comment_moderation


class PermissionMenuItem(MenuItem):
    """A menu item only for users who hold a named permission, so the menu offers no
    page its views would refuse."""

    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_urls")
def register_comment_review_urls():
    return [
        path(
            "comment-review/",
            comment_moderation.review_list,
            name="consultation_comment_review",
        ),
        path(
            "comment-review/<int:comment_id>/",
            comment_moderation.review,
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
def register_feedback_log_actions(actions):
    actions.register_action(
        "coproduce.feedback_response", "Respond to feedback", "Responded to feedback"
    )


@hooks.register("register_admin_urls")
def register_feedback_urls():
    from consultation.feedback import admin_views as feedback_admin
    from consultation.feedback import exports as feedback_exports

    return [
        path(
            "feedback/<int:page_id>/comments.csv",
            feedback_exports.comments_csv,
            name="consultation_feedback_comments_csv",
        ),
        path(
            "feedback/<int:page_id>/votes.csv",
            feedback_exports.votes_csv,
            name="consultation_feedback_votes_csv",
        ),
        path(
            "feedback/<int:page_id>/comments.xlsx",
            feedback_exports.comments_xlsx,
            name="consultation_feedback_comments_xlsx",
        ),
        path(
            "feedback/<int:page_id>/votes.xlsx",
            feedback_exports.votes_xlsx,
            name="consultation_feedback_votes_xlsx",
        ),
        path("feedback/", feedback_admin.index, name="consultation_feedback_index"),
        path(
            "feedback/<int:page_id>/",
            feedback_admin.workspace,
            name="consultation_feedback_workspace",
        ),
        path(
            "feedback/respond/<int:comment_id>/",
            feedback_admin.respond,
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


@hooks.register("before_serve_page")
def mark_page_cacheable(page, request, serve_args, serve_kwargs):
    from consultation.caching.page_cache import page_cache_mark

    page_cache_mark(page, request)
