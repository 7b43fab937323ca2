"""Feedback beside the clauses in the Wagtail page editor of a guidance document: a panel
(Wagtail's own extension point) listing each clause of the draft with its comments, those
awaiting a response, its vote results now and in the version before (with the marks), its
themes and a link to the workspace filtered to it. Shown only to people who may respond
to feedback. The same figures as the workspace (`desk.clause_desk`), so a feature that
registers a figure there appears here too."""

from wagtail.admin.panels import Panel

from consultation.feedback.access import can_respond
from consultation.feedback.desk import clause_desk, previous_version


class ClauseFeedbackPanel(Panel):
    def __init__(self, **kwargs):
        kwargs.setdefault("heading", "Participants’ feedback on each clause")
        kwargs.setdefault(
            "help_text",
            "Public comments and votes, clause by clause, for the version being drafted. "
            "Clauses are listed as they stand in this draft.",
        )
        kwargs.setdefault("icon", "tasks")
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "consultation/admin/clause_feedback_panel.html"

        def is_shown(self):
            return bool(self.instance.pk) and can_respond(self.request.user)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            clauses = page.clauses
            desk = clause_desk(page, clauses)
            current = page.current_version
            context.update(
                rows=[desk[c.id] for c in clauses],
                document=desk[""],
                current_version=current,
                previous_version=previous_version(page, current),
            )
            return context
