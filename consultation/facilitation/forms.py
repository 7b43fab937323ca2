"""The facilitator's forms: a group or event, then everything it said in one form (every
clause on one page, so a stack of paper forms takes one page load per form, not per item)."""

from django import forms
from django.conf import settings

from consultation.facilitation.models import PERSPECTIVE_CHOICES, FacilitatedSource
from consultation.plain_text import CleanCharField

COUNT_LABELS = ["Strongly agree", "Agree", "Neither", "Disagree", "Strongly disagree"]


class SourceForm(forms.ModelForm):
    name = CleanCharField(
        max_length=200,
        label="Group or event",
        help_text="Shown with its comments, for example “Peer workers' network, Leeds”.",
    )
    held_on = forms.DateField(
        label="Date", widget=forms.DateInput(attrs={"type": "date"}), help_text="Its date."
    )
    consent_confirmed = forms.BooleanField(
        label="The people present agreed to their words being published",
        required=True,
        error_messages={
            "required": "Confirm that the people present agreed to their words being "
            "published. If they did not, do not enter their words."
        },
    )

    class Meta:
        model = FacilitatedSource
        fields = ["name", "kind", "held_on", "people", "consent_confirmed"]
        labels = {"kind": "Kind", "people": "Number of people"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].min_value = 1
        self.fields["people"].widget.attrs["min"] = 1
        counts = self.instance.perspective_counts or {}
        for value, label in PERSPECTIVE_CHOICES:
            self.fields[f"perspective_{value}"] = forms.IntegerField(
                label=label, min_value=0, required=False, initial=counts.get(value)
            )

    def perspective_fields(self):
        return [self[f"perspective_{value}"] for value, _ in PERSPECTIVE_CHOICES]

    def service_fields(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["perspective_counts"] = {
            value: self.cleaned_data[f"perspective_{value}"]
            for value, _ in PERSPECTIVE_CHOICES
            if self.cleaned_data.get(f"perspective_{value}")
        }
        return data


def _text_field(label):
    return CleanCharField(
        label=label,
        required=False,
        max_length=settings.COPRODUCE_COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EntryForm(forms.Form):
    """One text box per clause (and one for the whole document), and five counts for each
    clause with a statement. Blank boxes and all-zero counts enter nothing."""

    def __init__(self, *args, clauses, snapshots, tallies, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = []
        self.fields["document"] = _text_field("About the whole document")
        for clause in clauses:
            text = f"text_{clause.id}"
            self.fields[text] = _text_field(f"What the group said about clause {clause.number}")
            counts = []
            snapshot = snapshots.get(clause.id)
            if snapshot is not None and snapshot.proposition:
                existing = tallies.get(snapshot.pk)
                for i, label in enumerate(COUNT_LABELS):
                    name = f"count_{clause.id}_{i}"
                    self.fields[name] = forms.IntegerField(
                        label=label,
                        min_value=0,
                        max_value=100000,
                        required=False,
                        initial=existing.counts[i] if existing else None,
                        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                    )
                    counts.append(name)
            self.items.append(
                {
                    "clause": clause,
                    "snapshot": snapshot,
                    "text": self[text],
                    "counts": [self[name] for name in counts],
                }
            )

    def texts(self):
        """[(clause id, text)] for every box filled in."""
        found = []
        if self.cleaned_data.get("document"):
            found.append(("", self.cleaned_data["document"]))
        for item in self.items:
            value = self.cleaned_data.get(f"text_{item['clause'].id}")
            if value:
                found.append((item["clause"].id, value))
        return found

    def counts(self):
        """[(snapshot, [5 counts])] for every clause with a statement whose counts were
        given (all blank leaves a clause as it was)."""
        found = []
        for item in self.items:
            if not item["counts"]:
                continue
            values = [self.cleaned_data.get(field.name) for field in item["counts"]]
            if all(v is None for v in values):
                continue
            found.append((item["snapshot"], [v or 0 for v in values]))
        return found


class CorrectionForm(forms.Form):
    text = _text_field("What the group said")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].required = True
