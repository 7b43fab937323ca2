"""Issue 18: the House rules page that removals cite, linked from the footer settings, and
Editors' permission to maintain the crisis contacts and safeguarding guidance.

The page is made with the historical models, so its place in Wagtail's tree (treebeard's
materialised path: four base-36 characters a level) is worked out here by hand, as
home/0002 does for the HomePage. A site that already has a page at /house-rules/ keeps it."""

import uuid

from django.db import migrations

from consultation.discussion.rules import (
    HOUSE_RULES_INTRO,
    HOUSE_RULES_SLUG,
    HOUSE_RULES_TITLE,
    house_rules_body,
)

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEP = 4


def _next_child_path(parent, children) -> str:
    last = children.order_by("-path").values_list("path", flat=True).first()
    number = int(last[-STEP:], 36) + 1 if last else 1
    digits = ""
    while number:
        number, remainder = divmod(number, 36)
        digits = ALPHABET[remainder] + digits
    return parent.path + digits.rjust(STEP, "0")


def create_house_rules(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    ContentType = apps.get_model("contenttypes", "ContentType")
    StandardPage = apps.get_model("home", "StandardPage")
    SiteLinks = apps.get_model("home", "SiteLinks")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    settings_type, _ = ContentType.objects.get_or_create(
        app_label="home", model="supportsettings"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=settings_type,
        codename="change_supportsettings",
        defaults={"name": "Can change support and safeguarding"},
    )
    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        editors.permissions.add(permission)

    for site in Site.objects.select_related("root_page"):
        home = site.root_page
        children = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1)
        page = children.filter(slug=HOUSE_RULES_SLUG).first()
        if page is None:
            page_type, _ = ContentType.objects.get_or_create(app_label="home", model="standardpage")
            page = StandardPage.objects.create(
                title=HOUSE_RULES_TITLE,
                draft_title=HOUSE_RULES_TITLE,
                slug=HOUSE_RULES_SLUG,
                intro=HOUSE_RULES_INTRO,
                body=house_rules_body(),
                content_type=page_type,
                path=_next_child_path(home, children),
                depth=home.depth + 1,
                numchild=0,
                url_path=f"{home.url_path}{HOUSE_RULES_SLUG}/",
                locale_id=home.locale_id,
                translation_key=uuid.uuid4(),
                live=True,
                has_unpublished_changes=False,
            )
            Page.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)
        links, _ = SiteLinks.objects.get_or_create(site=site)
        if links.house_rules_id is None:
            links.house_rules_id = page.pk
            links.save(update_fields=["house_rules"])


class Migration(migrations.Migration):
    dependencies = [
        ("consultation", "0018_i18_safeguarding_and_house_rules"),
        ("home", "0004_i18_support_settings_and_house_rules_link"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_house_rules, migrations.RunPython.noop)]
