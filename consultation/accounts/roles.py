"""Wagtail groups for our roles. Editors publish guidance, maintain the site's pages and
work on feedback (respond, export); Moderators reach the admin to review flagged and held
comments. Participants are in no group. Code checks the named permissions, never these
group names: groups are only how a role's permissions are handed out.
Takes an app registry so a migration can pass its own."""

from django.apps import apps as installed_apps

EDITORS = "Editors"
MODERATORS = "Moderators"
FACILITATORS = "Facilitators"

# What code checks, with user.has_perm (true for active superusers whatever their groups).
RESPOND_TO_FEEDBACK = "consultation.respond_to_feedback"
EXPORT_FEEDBACK = "consultation.export_feedback"
MODERATE_COMMENTS = "consultation.moderate_comments"
ENTER_FACILITATED_INPUT = "consultation.enter_facilitated_input"

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
# (model, codename, name): the same as the models' Meta.permissions, which Django would
# only create after migrations have run.
EDITOR_PERMISSIONS = [
    ("feedbackresponse", "respond_to_feedback", "Can work on and respond to feedback"),
    ("feedbackresponse", "export_feedback", "Can export comments and votes"),
]
# Forum sessions (consultation/forum/): who registered, with their email addresses.
FORUM_EDITOR_PERMISSIONS = [
    ("forumregistration", "view_forum_attendees", "Can see and export forum attendee lists"),
]
FACILITATOR_PERMISSIONS = [
    (
        "facilitatedsource",
        "enter_facilitated_input",
        "Can enter feedback gathered away from the site",
    ),
]
MODERATOR_PERMISSIONS = [
    ("guidancecomment", "moderate_comments", "Can review flagged and held comments"),
]


def permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    found, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return found


def consultation_permissions(apps, wanted):
    return [
        permission(apps, "consultation", model, codename, name) for model, codename, name in wanted
    ]


def roles_set_up(apps=installed_apps):
    """Each group gets exactly its role's permissions: `set`, not `add`, so what Wagtail's
    own migrations hand its default Editors and Moderators groups (images and documents:
    adding, changing, choosing) is taken away. No page of ours shows an image or a
    document, so no role needs to upload one."""
    Group = apps.get_model("auth", "Group")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    root = Page.objects.filter(depth=1).first()
    access_admin = permission(
        apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"
    )

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.set(
        [
            access_admin,
            permission(apps, "home", "sitelinks", "change_sitelinks", "Can change footer links"),
            permission(
                apps,
                "home",
                "supportsettings",
                "change_supportsettings",
                "Can change support and safeguarding",
            ),
            *consultation_permissions(apps, EDITOR_PERMISSIONS),
            *consultation_permissions(apps, FORUM_EDITOR_PERMISSIONS),
        ]
    )
    if root is not None:
        for codename in EDITOR_PAGE_PERMISSIONS:
            page_permission = permission(
                apps, "wagtailcore", "page", codename, codename.replace("_", " ")
            )
            GroupPagePermission.objects.get_or_create(
                group=editors, page=root, permission=page_permission
            )

    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    moderators.permissions.set(
        [access_admin, *consultation_permissions(apps, MODERATOR_PERMISSIONS)]
    )
    GroupPagePermission.objects.filter(group=moderators).delete()
    GroupCollectionPermission.objects.filter(group__in=[editors, moderators]).delete()


def facilitators_set_up(apps=installed_apps):
    """Facilitators key in what workshops, groups, paper forms and calls said: they reach
    the admin for that and nothing else (no pages, no moderation, no responses)."""
    Group = apps.get_model("auth", "Group")
    access_admin = permission(
        apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"
    )
    facilitators, _ = Group.objects.get_or_create(name=FACILITATORS)
    facilitators.permissions.set(
        [access_admin, *consultation_permissions(apps, FACILITATOR_PERMISSIONS)]
    )
