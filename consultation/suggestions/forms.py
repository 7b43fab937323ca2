"""Forms for suggesting wording, and for editors' answers to it."""

from django import forms

from consultation.feedback.models import Outcome
from consultation.plain_text import CleanCharField
from consultation.suggestions.models import REASON_MAX_LENGTH
from consultation.suggestions.text import MAX_CHARACTERS, blocks_parse


class SuggestionForm(forms.Form):
    text = CleanCharField(
        label="Your wording for the clause",
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=MAX_CHARACTERS,
        help_text=(
            "Plain text. Leave a blank line between paragraphs. Start a line with “- ” for "
            "a bullet point or “1. ” for a numbered point."
        ),
        error_messages={"required": "Write the wording you suggest for the clause."},
    )
    proposition = CleanCharField(
        label="Statement to vote on (optional)",
        required=False,
        max_length=300,
        help_text="Change it only if your wording needs a different statement.",
    )
    reason = CleanCharField(
        label="Why do you suggest this change?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=REASON_MAX_LENGTH,
        help_text=f"Up to {REASON_MAX_LENGTH:,} characters. Everyone can read it.",
        error_messages={
            "required": "Say why you suggest this change.",
            "max_length": "Keep the reason to %(limit_value)d characters; it has %(show_value)d.",
        },
    )
    credit_author = forms.BooleanField(
        label="Name me if the editors use my wording",
        required=False,
        initial=True,
        help_text="If you untick this, the history of versions says “a participant”.",
    )

    def clean_text(self):
        blocks = blocks_parse(self.cleaned_data["text"])
        if not blocks:
            raise forms.ValidationError("Write the wording you suggest for the clause.")
        self.blocks = blocks
        return self.cleaned_data["text"]


class SuggestionAnswerForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose one of the outcomes."},
    )
    rationale = CleanCharField(
        label="Rationale",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Shown to everyone next to the suggestion: say why, plainly.",
        error_messages={"required": "Give a rationale: it is shown to everyone."},
    )


class AcceptForm(forms.Form):
    rationale = CleanCharField(
        label="Rationale",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Shown to everyone next to the suggestion: say why you accept it.",
        error_messages={"required": "Give a rationale: it is shown to everyone."},
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)
