"""The facilitators' entry screens in the Wagtail admin."""

from django.urls import path, reverse
from wagtail import hooks

from consultation.accounts.admin_menu import PermissionMenuItem
from consultation.accounts.roles import ENTER_FACILITATED_INPUT
from consultation.facilitation import admin_views, exports


@hooks.register("register_admin_urls")
def register_facilitation_urls():
    return [
        path("facilitation/", admin_views.index, name="consultation_facilitation_index"),
        path(
            "facilitation/<id:page_id>/",
            admin_views.sources,
            name="consultation_facilitation_sources",
        ),
        path(
            "facilitation/sources/<id:source_id>/",
            admin_views.entry,
            name="consultation_facilitation_entry",
        ),
        path(
            "facilitation/sources/<id:source_id>/edit/",
            admin_views.source_edit,
            name="consultation_facilitation_source_edit",
        ),
        path(
            "facilitation/<id:page_id>/tallies.csv",
            exports.tallies_csv,
            name="consultation_facilitation_tallies_csv",
        ),
        path(
            "facilitation/comments/<id:comment_id>/",
            admin_views.comment_edit,
            name="consultation_facilitation_comment_edit",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_facilitation_menu_item():
    return PermissionMenuItem(
        "Facilitated input",
        reverse("consultation_facilitation_index"),
        icon_name="group",
        order=245,
        permission=ENTER_FACILITATED_INPUT,
    )
