"""Bulk actions on the editors' workspace, on Wagtail's bulk-action framework: answer the
selected threads with one response, tag them with a theme, mark them as needing review.

`/admin/bulk/consultation/guidancecomment/<action>/?page=<id>&id=<comment>&id=...`, or
`id=all` with the workspace's filters (`theme=`, `clause=`, `status=`...) for every
thread they match, so a whole theme is answered at once without listing its ids.
Wagtail shows the selection and the action's form, then runs it in one transaction."""

from django import forms
from django.http import HttpResponseBadRequest, HttpResponseForbidden
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from wagtail.admin.views.bulk_action import BulkAction

from consultation.discussion.models import GuidanceComment
from consultation.feedback.access import can_respond
from consultation.feedback.forms import ResponseForm, ThreadFilterSet
from consultation.feedback.services import ResponseRefused, responses_record_bulk
from consultation.feedback.themes import (
    ThemeRefused,
    comments_tag,
    review_marks_clear,
    threads_mark_for_review,
)
from consultation.guidance.models import GuidancePage
from consultation.numbers import whole_number

# More than a page of the workspace: a theme or a filter selects up to this many at once.
MOST_AT_ONCE = 5000


class ThreadBulkAction(BulkAction):
    models = [GuidanceComment]
    template_name = "consultation/admin/feedback_bulk.html"
    action_button_text = ""

    def dispatch(self, request, *args, **kwargs):
        if not can_respond(request.user):
            return HttpResponseForbidden("Only editors can work on feedback.")
        if self.page is None:
            return HttpResponseBadRequest("Choose comments from a document's feedback.")
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def page(self):
        page_id = whole_number(self.request.GET.get("page"))
        return get_object_or_404(GuidancePage, pk=page_id) if page_id else None

    def get_actionable_objects(self):
        threads = (
            GuidanceComment.objects.on_page(self.page)
            .top_level()
            .select_related("participant", "feedback_response", "source")
            .order_by("-submit_date", "-pk")
        )
        ids = self.request.GET.getlist("id")
        if "all" in ids:
            filterset = ThreadFilterSet(self.request.GET, queryset=threads, page=self.page)
            threads = filterset.qs if filterset.is_valid() else threads.none()
        else:
            threads = threads.filter(pk__in=[n for n in map(whole_number, ids) if n])
        return list(threads[:MOST_AT_ONCE]), {"items_with_no_access": []}

    def check_perm(self, obj):
        return True

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "page": self.page}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page=self.page,
            action_button_text=self.action_button_text,
            header_title=f"{self.display_name}: “{self.page.title}”",
        )
        return context

    def get_execution_context(self):
        return {"editor": self.request.user, "page": self.page, **self.cleaned_form.cleaned_data}

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except (ResponseRefused, ThemeRefused) as refusal:
            form.add_error(None, refusal.message)
            return self.form_invalid(form)


class BulkResponseForm(ResponseForm):
    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, page=page, **kwargs)
        del self.fields["clause_ids"]


class RespondBulkAction(ThreadBulkAction):
    display_name = "Respond to all"
    action_type = "feedback-respond"
    aria_label = "Answer the selected comments with one response"
    action_button_text = "Save this response for each comment"
    form_class = BulkResponseForm

    @classmethod
    def execute_action(cls, objects, *, editor, page, **data):
        ids = responses_record_bulk(
            editor=editor,
            page=page,
            comment_ids=[c.pk for c in objects],
            outcome=data["outcome"],
            rationale=data["rationale"],
            version=data["version"],
            next_version=data["next_version"],
        )
        return len(ids), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return (
            f"Response saved for {num_parent_objects} comment"
            f"{'s' if num_parent_objects != 1 else ''}. Each author is told as they asked."
        )


class ThemeForm(forms.Form):
    theme_name = forms.CharField(
        max_length=80,
        label="Theme",
        help_text="An existing theme of this document, or a new one: it is created for you.",
    )

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)


class TagBulkAction(ThreadBulkAction):
    display_name = "Tag with a theme"
    action_type = "feedback-tag"
    aria_label = "Tag the selected comments with a theme"
    action_button_text = "Tag them"
    form_class = ThemeForm

    @classmethod
    def execute_action(cls, objects, *, editor, page, theme_name, **data):
        theme, added = comments_tag(
            editor=editor, page=page, comment_ids=[c.pk for c in objects], name=theme_name
        )
        return added, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return (
            f"Theme added to {num_parent_objects} comment{'s' if num_parent_objects != 1 else ''}."
        )


class EmptyForm(forms.Form):
    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)


class ReviewBulkAction(ThreadBulkAction):
    display_name = "Mark as needing review"
    action_type = "feedback-review"
    aria_label = "Mark the selected comments as needing the editors' review"
    action_button_text = "Mark them"
    form_class = EmptyForm

    @classmethod
    def execute_action(cls, objects, *, editor, page, **data):
        return threads_mark_for_review(
            editor=editor, page=page, comment_ids=[c.pk for c in objects]
        ), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        plural = "s" if num_parent_objects != 1 else ""
        return f"Marked {num_parent_objects} comment{plural} as needing review."


class ReviewedBulkAction(ThreadBulkAction):
    display_name = "Clear the review mark"
    action_type = "feedback-reviewed"
    aria_label = "Say the selected comments no longer need the editors' review"
    action_button_text = "Clear the marks"
    form_class = EmptyForm

    @classmethod
    def execute_action(cls, objects, *, editor, page, **data):
        return review_marks_clear(page=page, comment_ids=[c.pk for c in objects]), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        plural = "s" if num_parent_objects != 1 else ""
        return f"Cleared the review mark of {num_parent_objects} comment{plural}."


BULK_ACTIONS = [RespondBulkAction, TagBulkAction, ReviewBulkAction, ReviewedBulkAction]
