"""Plain helpers that publish new versions of a guidance page."""

from wagtail.rich_text import RichText


def publish(page, summary="Edited.", **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.change_summary = summary
    page.save_revision().publish()
    page.refresh_from_db()
    return page.versions.order_by("-number").first()


def edit_clause(page, index, **values):
    block = page.body[index]
    for name, value in values.items():
        block.value[name] = RichText(value) if name == "body" else value


def three_versions(page):
    """v2 rewords clause 1; v3 removes clause 2, adds a clause at the end."""
    edit_clause(page, 0, heading="Reworded heading 1", body="<p>Body of the first clause.</p>")
    publish(page, summary="Reworded clause 1.")
    del page.body[1]
    page.body.append(("clause", {"heading": "A new clause", "body": RichText("<p>New.</p>")}))
    publish(page, summary="Removed clause 2 and added a clause.")
    return page
