from wagtail.admin.forms import WagtailAdminPageForm


class GuidancePageForm(WagtailAdminPageForm):
    """Requires a fresh 'what changed' summary whenever a publication would be version 2+."""

    def clean(self):
        cleaned_data = super().clean()
        if "action-publish" not in self.data or not self.instance.pk:
            return cleaned_data
        latest = self.instance.versions.order_by("-number").first()
        if latest is None:
            return cleaned_data
        change_summary = (cleaned_data.get("change_summary") or "").strip()
        if not change_summary or change_summary == latest.change_summary.strip():
            self.add_error(
                "change_summary",
                f"Say what changed since version {latest.number}. "
                "Participants read this in the history of the document.",
            )
        return cleaned_data
