"""The editors' session form: a new session starts with the proposed agenda (agenda.py),
which the editor reorders, trims or adds to in the inline panel."""

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm

from consultation.forum.agenda import agenda_propose


def _clauses_of(parent):
    specific = getattr(parent, "specific", None)
    return list(getattr(specific, "clauses", []) or [])


class ForumSessionForm(WagtailAdminPageForm):
    def __init__(self, *args, instance=None, parent_page=None, **kwargs):
        guidance = parent_page if instance is None or instance.pk is None else None
        if guidance is None and instance is not None and instance.pk:
            guidance = instance.get_parent()
        guidance = getattr(guidance, "specific", guidance)
        unbound = not kwargs.get("data") and not args
        if instance is not None and instance.pk is None and guidance is not None and unbound:
            # A new, unsaved session: its agenda starts as the proposal.
            from consultation.forum.pages import AgendaItem

            instance.agenda_items = [
                AgendaItem(clause_id=item.clause_id, figures=item.figures, sort_order=i)
                for i, item in enumerate(agenda_propose(guidance))
            ]
        super().__init__(*args, instance=instance, parent_page=parent_page, **kwargs)
        choices = [("", "Choose a clause")] + [
            (c.id, f"{c.number}. {c.heading}") for c in _clauses_of(guidance)
        ]
        for form in self.formsets["agenda_items"].forms + [
            self.formsets["agenda_items"].empty_form
        ]:
            form.fields["clause_id"].widget = forms.Select(choices=choices)

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        closes = cleaned.get("registration_closes_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", "The session must end after it starts.")
        if starts and closes and closes > starts:
            self.add_error("registration_closes_at", "Registration must close by the start.")
        return cleaned
