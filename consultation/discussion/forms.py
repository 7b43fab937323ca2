"""Forms for comments and flags: CSRF only, no expiring security timestamp (xtd's form
refuses posts made more than two hours after the page was loaded)."""

from django import forms
from django.conf import settings

from consultation.discussion.models import (
    FlagReason,
    GuidanceComment,
    HouseRule,
    SafeguardingAction,
)
from consultation.discussion.services import reply_problem
from consultation.numbers import whole_number
from consultation.plain_text import CleanCharField


class CommentForm(forms.Form):
    text = CleanCharField(
        label="Your comment",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=settings.COPRODUCE_COMMENT_MAX_LENGTH,
        error_messages={
            "required": "Write your comment before posting it.",
            "max_length": (
                "Comments can be up to %(limit_value)d characters; this one has "
                "%(show_value)d. Shorten it, or split it into two comments."
            ),
        },
        help_text="Plain text. Leave a blank line between paragraphs; web addresses become links.",
    )
    reply_to = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, page, clause_id: str, **kwargs):
        self.page = page
        self.clause_id = clause_id
        self.parent: GuidanceComment | None = None
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs.update(
            {"data-character-count": "", "maxlength": settings.COPRODUCE_COMMENT_MAX_LENGTH}
        )

    def clean_reply_to(self):
        value = (self.cleaned_data.get("reply_to") or "").strip()
        if not value:
            return None
        number = whole_number(value)
        if number is None:
            raise forms.ValidationError("The comment you are replying to could not be found.")
        parent = GuidanceComment.objects.select_related(None).filter(pk=number).first()
        if parent is None:
            raise forms.ValidationError("The comment you are replying to no longer exists.")
        problem = reply_problem(parent=parent, page=self.page, clause_id=self.clause_id)
        if problem:
            raise forms.ValidationError(problem)
        self.parent = parent
        return parent.pk

    def non_field_messages(self) -> list[str]:
        """Errors on the hidden reply field are shown with the form's own errors."""
        return list(self.non_field_errors()) + list(self.errors.get("reply_to", []))


def radio_choice(*, label: str, choices, required_message: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": required_message},
    )


def optional_note(*, label: str, help_text: str = "") -> CleanCharField:
    return CleanCharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FlagForm(forms.Form):
    reason = radio_choice(
        label="What is wrong with this comment?",
        choices=FlagReason.choices,
        required_message="Choose what is wrong with the comment.",
    )
    note = optional_note(label="Anything else the moderators should know (optional)")


class RemovalForm(forms.Form):
    rule = radio_choice(
        label="Which house rule does it break?",
        choices=HouseRule.choices,
        required_message="Choose the house rule the comment broke.",
    )
    reason = optional_note(
        label="Anything to add for the author (optional)",
        help_text="The author receives the rule, and this, by email.",
    )


class SafeguardingForm(forms.Form):
    safeguarding_action = radio_choice(
        label="What did you do?",
        choices=SafeguardingAction.choices,
        required_message="Choose what you did.",
    )
    safeguarding_note = optional_note(
        label="Notes for the record (optional)",
        help_text="Kept in the log. Do not write health details that are not needed.",
    )
