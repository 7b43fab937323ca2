from wagtail.admin.forms import WagtailAdminPageForm

from consultation.guidance.clauses import clauses_from_stream
from consultation.plain_text import text_clean
from consultation.versions.services import publication_changes


class GuidancePageForm(WagtailAdminPageForm):
    """Requires a fresh 'what changed' summary when a publication would make version 2+.

    Only a change participants read (clauses, title, summary) makes a version: moving the
    window or ticking "concluded" publishes without one, so it asks for no note that
    nothing would show."""

    def __init__(self, data=None, *args, **kwargs):
        # Title, summaries and clauses reach the Atom feeds: XML-safe text only. Cleaned
        # before the fields validate, so a pasted NUL is dropped rather than refused.
        if data is not None:
            data = data.copy()
            for key in data:
                data.setlist(key, [text_clean(value) for value in data.getlist(key)])
        super().__init__(data, *args, **kwargs)

    def clean(self):
        cleaned_data = super().clean()
        if "action-publish" not in self.data or not self.instance.pk:
            return cleaned_data
        latest = self.instance.versions.order_by("-number").first()
        if latest is None or self.errors or not self._changes_content(latest, cleaned_data):
            return cleaned_data
        change_summary = (cleaned_data.get("change_summary") or "").strip()
        if not change_summary or change_summary == latest.change_summary.strip():
            self.add_error(
                "change_summary",
                f"Say what changed since version {latest.number}. "
                "Participants read this in the history of the document.",
            )
        return cleaned_data

    def _changes_content(self, latest, cleaned_data) -> bool:
        return publication_changes(
            latest,
            title=cleaned_data.get("title") or "",
            summary=cleaned_data.get("summary") or "",
            clauses=clauses_from_stream(cleaned_data.get("body") or []),
        )
