from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from consultation.views import comment_moderation


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


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return comment_moderation.can_moderate(request.user)


@hooks.register("register_admin_menu_item")
def register_comment_review_menu_item():
    return ModeratorMenuItem(
        "Comment review",
        reverse("consultation_comment_review"),
        icon_name="comment",
        order=250,
    )


@hooks.register("before_serve_page")
def mark_page_cacheable(page, request, serve_args, serve_kwargs):
    from consultation.page_cache import page_cache_mark

    page_cache_mark(page, request)
